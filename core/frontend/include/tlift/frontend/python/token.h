#pragma once
// Tokens of the Python that Triton kernel files are written in (Python 3.11 lexical grammar).

#include "tlift/util/source.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tlift::frontend::py {

enum class TokenKind : std::uint8_t {
    EndOfFile,
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,
    // Hard keywords. Soft keywords (match, case, type, _) stay names.
    KwFalse, KwNone, KwTrue, KwAnd, KwAs, KwAssert, KwAsync, KwAwait, KwBreak, KwClass,
    KwContinue, KwDef, KwDel, KwElif, KwElse, KwExcept, KwFinally, KwFor, KwFrom, KwGlobal, KwIf,
    KwImport, KwIn, KwIs, KwLambda, KwNonlocal, KwNot, KwOr, KwPass, KwRaise, KwReturn, KwTry,
    KwWhile, KwWith, KwYield,
    // Delimiters and operators.
    LParen, RParen, LBracket, RBracket, LBrace, RBrace,
    Colon, Comma, Semicolon, Dot, Ellipsis, Arrow, ColonEqual, Equal,
    Plus, Minus, Star, DoubleStar, Slash, DoubleSlash, Percent, At,
    LeftShift, RightShift, Amper, VBar, Circumflex, Tilde,
    Less, Greater, LessEqual, GreaterEqual, EqEqual, NotEqual,
    PlusEqual, MinusEqual, StarEqual, DoubleStarEqual, SlashEqual, DoubleSlashEqual,
    PercentEqual, AtEqual, LeftShiftEqual, RightShiftEqual, AmperEqual, VBarEqual,
    CircumflexEqual,
    // A character or literal the lexer could not read; the lexer already reported it.
    Error,
};

// The token as written, e.g. "(" or "def"; "NAME", "NEWLINE", ... for the others.
const char* tokenKindName(TokenKind k);
// The keyword kind for `text`, or TokenKind::Name.
TokenKind keywordKind(std::string_view text);
bool isKeyword(TokenKind k);

// Prefix flags of a string literal.
enum StringFlags : std::uint8_t {
    kStrBytes = 1,
    kStrRaw = 2,
    kStrFormat = 4,
    kStrTriple = 8,
};

struct Token {
    TokenKind kind = TokenKind::EndOfFile;
    util::SourceSpan span;
    // The characters as written (a view into the SourceManager's text); empty for
    // NEWLINE at end of file, INDENT, DEDENT and EOF.
    std::string_view text;
    // Strings: the decoded value (str as UTF-8, bytes as bytes) or, for f-strings, the raw
    // text between the quotes.
    std::string value;
    std::uint8_t stringFlags = 0;
    // Inserted or altered by the lexer after an error it reported (a NEWLINE that closes an
    // unclosed bracket, a closer that replaced a mismatched one): the parser recovers at such
    // a token without reporting the same problem again.
    bool recovered = false;

    bool is(TokenKind k) const { return kind == k; }
};

} // namespace tlift::frontend::py
