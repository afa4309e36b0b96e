#pragma once
// The lexer: Python 3.11 tokens with INDENT/DEDENT, implicit and explicit line joining, string
// prefixes and escapes. Errors become diagnostics (category "syntax") and the lexer goes on, so
// that one file reports all its problems; it always reaches EOF.

#include "tlift/frontend/python/token.h"
#include "tlift/util/diagnostic.h"
#include "tlift/util/source.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

// Python's own limits; beyond them the lexer reports an error instead of nesting deeper, which
// also bounds the parser's recursion.
inline constexpr std::size_t kMaxIndentLevels = 100;
inline constexpr std::size_t kMaxBracketDepth = 200;

class Lexer {
public:
    Lexer(const util::SourceManager& sm, util::FileId file, util::Diagnostics& diags);
    // The whole token stream; it always ends with NEWLINE (if any line had tokens), the DEDENTs
    // that close open blocks, and EOF.
    std::vector<Token> tokenize();

private:
    const util::SourceManager& m_sm;
    util::FileId m_file;
    util::Diagnostics& m_diags;
};

// The value of a NUMBER token's text.
struct NumberValue {
    enum class Kind { Int, Float, Imaginary };
    Kind kind = Kind::Int;
    std::int64_t intValue = 0;
    bool overflow = false; // an Int that does not fit in int64: only the text holds it
    double floatValue = 0; // Float, and the imaginary part of Imaginary
};
// `text` is a NUMBER token as the lexer accepted it (underscores allowed).
NumberValue decodeNumber(std::string_view text);

// Decodes the escapes of a non-raw string body; `bytes` selects bytes semantics (\u is not an
// escape, values above 0x7f are raw bytes). Unknown escapes keep their backslash, as in Python.
// `badOffset` receives the offset of the first malformed escape (or npos).
std::string decodeEscapes(std::string_view body, bool bytes, std::size_t* badOffset = nullptr);

} // namespace tlift::frontend::py
