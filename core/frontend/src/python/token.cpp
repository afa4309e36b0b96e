#include "tlift/frontend/python/token.h"

#include <array>
#include <utility>

namespace tlift::frontend::py {

namespace {

constexpr std::array<std::pair<std::string_view, TokenKind>, 35> kKeywords{{
    {"False", TokenKind::KwFalse},       {"None", TokenKind::KwNone},
    {"True", TokenKind::KwTrue},         {"and", TokenKind::KwAnd},
    {"as", TokenKind::KwAs},             {"assert", TokenKind::KwAssert},
    {"async", TokenKind::KwAsync},       {"await", TokenKind::KwAwait},
    {"break", TokenKind::KwBreak},       {"class", TokenKind::KwClass},
    {"continue", TokenKind::KwContinue}, {"def", TokenKind::KwDef},
    {"del", TokenKind::KwDel},           {"elif", TokenKind::KwElif},
    {"else", TokenKind::KwElse},         {"except", TokenKind::KwExcept},
    {"finally", TokenKind::KwFinally},   {"for", TokenKind::KwFor},
    {"from", TokenKind::KwFrom},         {"global", TokenKind::KwGlobal},
    {"if", TokenKind::KwIf},             {"import", TokenKind::KwImport},
    {"in", TokenKind::KwIn},             {"is", TokenKind::KwIs},
    {"lambda", TokenKind::KwLambda},     {"nonlocal", TokenKind::KwNonlocal},
    {"not", TokenKind::KwNot},           {"or", TokenKind::KwOr},
    {"pass", TokenKind::KwPass},         {"raise", TokenKind::KwRaise},
    {"return", TokenKind::KwReturn},     {"try", TokenKind::KwTry},
    {"while", TokenKind::KwWhile},       {"with", TokenKind::KwWith},
    {"yield", TokenKind::KwYield},
}};

} // namespace

TokenKind keywordKind(std::string_view text) {
    for (const auto& [word, kind] : kKeywords)
        if (word == text) return kind;
    return TokenKind::Name;
}

bool isKeyword(TokenKind k) { return k >= TokenKind::KwFalse && k <= TokenKind::KwYield; }

const char* tokenKindName(TokenKind k) {
    switch (k) {
    case TokenKind::EndOfFile: return "end of file";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
    case TokenKind::Error: return "ERROR";
    case TokenKind::LParen: return "(";
    case TokenKind::RParen: return ")";
    case TokenKind::LBracket: return "[";
    case TokenKind::RBracket: return "]";
    case TokenKind::LBrace: return "{";
    case TokenKind::RBrace: return "}";
    case TokenKind::Colon: return ":";
    case TokenKind::Comma: return ",";
    case TokenKind::Semicolon: return ";";
    case TokenKind::Dot: return ".";
    case TokenKind::Ellipsis: return "...";
    case TokenKind::Arrow: return "->";
    case TokenKind::ColonEqual: return ":=";
    case TokenKind::Equal: return "=";
    case TokenKind::Plus: return "+";
    case TokenKind::Minus: return "-";
    case TokenKind::Star: return "*";
    case TokenKind::DoubleStar: return "**";
    case TokenKind::Slash: return "/";
    case TokenKind::DoubleSlash: return "//";
    case TokenKind::Percent: return "%";
    case TokenKind::At: return "@";
    case TokenKind::LeftShift: return "<<";
    case TokenKind::RightShift: return ">>";
    case TokenKind::Amper: return "&";
    case TokenKind::VBar: return "|";
    case TokenKind::Circumflex: return "^";
    case TokenKind::Tilde: return "~";
    case TokenKind::Less: return "<";
    case TokenKind::Greater: return ">";
    case TokenKind::LessEqual: return "<=";
    case TokenKind::GreaterEqual: return ">=";
    case TokenKind::EqEqual: return "==";
    case TokenKind::NotEqual: return "!=";
    case TokenKind::PlusEqual: return "+=";
    case TokenKind::MinusEqual: return "-=";
    case TokenKind::StarEqual: return "*=";
    case TokenKind::DoubleStarEqual: return "**=";
    case TokenKind::SlashEqual: return "/=";
    case TokenKind::DoubleSlashEqual: return "//=";
    case TokenKind::PercentEqual: return "%=";
    case TokenKind::AtEqual: return "@=";
    case TokenKind::LeftShiftEqual: return "<<=";
    case TokenKind::RightShiftEqual: return ">>=";
    case TokenKind::AmperEqual: return "&=";
    case TokenKind::VBarEqual: return "|=";
    case TokenKind::CircumflexEqual: return "^=";
    default: break;
    }
    for (const auto& [word, kind] : kKeywords)
        if (kind == k) return word.data();
    return "?";
}

} // namespace tlift::frontend::py
