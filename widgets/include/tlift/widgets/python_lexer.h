#pragma once
// A line-at-a-time lexer for Python / Triton source, just deep enough to colour it: keywords,
// builtins, `tl.*` / `triton.*` names, decorators, numbers, strings (triple-quoted strings carry
// over lines through the returned state) and comments. Not a parser: the frontend owns that.

#include <QStringView>
#include <QVector>

namespace tlift::widgets {

enum class TokenKind { Keyword, Builtin, Triton, Decorator, Definition, Number, String, Comment };
inline constexpr int kTokenKindCount = 8;

struct Token {
    int start = 0;
    int length = 0;
    TokenKind kind = TokenKind::Keyword;
    bool operator==(const Token&) const = default;
};

// Line states: 0 is plain code; the others mean "inside a triple-quoted string".
struct LexedLine {
    QVector<Token> tokens;
    int stateOut = 0;
};

class PythonLexer {
public:
    static LexedLine lexLine(QStringView line, int stateIn);
    static bool isKeyword(QStringView word);
    static bool isBuiltin(QStringView word);
};

} // namespace tlift::widgets
