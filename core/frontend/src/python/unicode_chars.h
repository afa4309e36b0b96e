#pragma once
// UTF-8 decoding and the identifier test of the lexer. Internal to the Python frontend.

#include <cstdint>
#include <string>
#include <string_view>

namespace tlift::frontend::py::detail {

struct CodePoint {
    std::uint32_t value = 0;
    std::uint32_t length = 0; // bytes; 0 when the bytes at the position are not valid UTF-8
};

CodePoint decodeUtf8(std::string_view s, std::size_t pos);
void appendUtf8(std::string& out, std::uint32_t cp);

// Whether a non-ASCII code point may appear in an identifier. An approximation of Unicode's
// XID_Continue that rejects the punctuation, symbol, space and private-use blocks and accepts
// the letters of every script; exact tables are not worth their size for kernel files.
bool isIdentifierCodePoint(std::uint32_t cp);
// Spaces and format characters that print as nothing (U+00A0, U+200B, U+FEFF, ...).
bool isInvisibleCodePoint(std::uint32_t cp);

} // namespace tlift::frontend::py::detail
