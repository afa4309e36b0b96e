#include "tlift/widgets/python_lexer.h"

#include <algorithm>
#include <array>

namespace tlift::widgets {
namespace {

// Sorted for binary search.
constexpr std::array<const char16_t*, 35> kKeywords = {
    u"False",  u"None",   u"True",    u"and",      u"as",       u"assert", u"async",
    u"await",  u"break",  u"class",   u"continue", u"def",      u"del",    u"elif",
    u"else",   u"except", u"finally", u"for",      u"from",     u"global", u"if",
    u"import", u"in",     u"is",      u"lambda",   u"nonlocal", u"not",    u"or",
    u"pass",   u"raise",  u"return",  u"try",      u"while",    u"with",   u"yield"};

constexpr std::array<const char16_t*, 50> kBuiltins = {
    u"AssertionError", u"Exception",  u"IndexError", u"KeyError",  u"NotImplementedError",
    u"RuntimeError",   u"TypeError",  u"ValueError", u"abs",       u"all",
    u"any",            u"bool",       u"bytes",      u"callable",  u"chr",
    u"dict",           u"divmod",     u"enumerate",  u"filter",    u"float",
    u"format",         u"getattr",    u"hasattr",    u"hash",      u"int",
    u"isinstance",     u"iter",       u"len",        u"list",      u"map",
    u"max",            u"min",        u"next",       u"object",    u"open",
    u"pow",            u"print",      u"range",      u"repr",      u"reversed",
    u"round",          u"set",        u"setattr",    u"slice",     u"sorted",
    u"str",            u"sum",        u"super",      u"tuple",     u"zip"};

constexpr bool lessWord(const char16_t* a, const char16_t* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a < *b;
}
static_assert(std::is_sorted(kKeywords.begin(), kKeywords.end(), lessWord));
static_assert(std::is_sorted(kBuiltins.begin(), kBuiltins.end(), lessWord));

template <std::size_t N>
bool inSorted(const std::array<const char16_t*, N>& words, QStringView w) {
    return std::binary_search(words.begin(), words.end(), w,
                              [](auto a, auto b) { return QStringView(a) < QStringView(b); });
}

// Line states inside a triple-quoted string: 1 for ''', 2 for """.
int tripleState(QChar quote) { return quote == u'"' ? 2 : 1; }
QChar stateQuote(int state) { return state == 2 ? u'"' : u'\''; }

bool isIdentStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isIdentPart(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

// Index just past the closing delimiter of a string body starting at `i`, or -1 when the line
// ends first. A backslash always protects the next character: even a raw string cannot end on
// an escaped quote.
qsizetype findStringEnd(QStringView s, qsizetype i, QChar quote, bool triple) {
    while (i < s.size()) {
        const QChar c = s[i];
        if (c == u'\\') {
            i += 2;
            continue;
        }
        if (c == quote && (!triple || (i + 2 < s.size() && s[i + 1] == quote && s[i + 2] == quote)))
            return i + (triple ? 3 : 1);
        ++i;
    }
    return -1;
}

// Length of a string prefix (r, b, f, u, rb, br, fr, rf in any case) that is followed by a quote.
int stringPrefixLength(QStringView s, qsizetype i) {
    auto isPrefixChar = [](QChar c) {
        const QChar l = c.toLower();
        return l == u'r' || l == u'b' || l == u'f' || l == u'u';
    };
    int n = 0;
    while (n < 2 && i + n < s.size() && isPrefixChar(s[i + n])) ++n;
    for (int len = n; len >= 1; --len) {
        if (i + len < s.size() && (s[i + len] == u'\'' || s[i + len] == u'"')) return len;
    }
    return 0;
}

bool isDigitOrUnderscore(QChar c, int base) {
    if (c == u'_') return true;
    if (base == 16) return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
    if (base == 8) return c >= u'0' && c <= u'7';
    if (base == 2) return c == u'0' || c == u'1';
    return c.isDigit();
}

qsizetype scanNumber(QStringView s, qsizetype i) {
    if (s[i] == u'0' && i + 1 < s.size()) {
        const QChar p = s[i + 1].toLower();
        const int base = p == u'x' ? 16 : p == u'o' ? 8 : p == u'b' ? 2 : 0;
        if (base != 0) {
            i += 2;
            while (i < s.size() && isDigitOrUnderscore(s[i], base)) ++i;
            return i;
        }
    }
    while (i < s.size() && isDigitOrUnderscore(s[i], 10)) ++i;
    if (i < s.size() && s[i] == u'.') {
        ++i;
        while (i < s.size() && isDigitOrUnderscore(s[i], 10)) ++i;
    }
    if (i < s.size() && s[i].toLower() == u'e') {
        qsizetype j = i + 1;
        if (j < s.size() && (s[j] == u'+' || s[j] == u'-')) ++j;
        if (j < s.size() && s[j].isDigit()) {
            i = j;
            while (i < s.size() && isDigitOrUnderscore(s[i], 10)) ++i;
        }
    }
    if (i < s.size() && s[i].toLower() == u'j') ++i;
    return i;
}

// A dotted name `a.b.c` starting at i (no spaces around the dots).
qsizetype scanDottedName(QStringView s, qsizetype i) {
    while (i < s.size() && isIdentPart(s[i])) ++i;
    while (i + 1 < s.size() && s[i] == u'.' && isIdentStart(s[i + 1])) {
        ++i;
        while (i < s.size() && isIdentPart(s[i])) ++i;
    }
    return i;
}

class LineLexer {
public:
    explicit LineLexer(QStringView s) : m_s(s) {}

    LexedLine run(int stateIn) {
        qsizetype i = 0;
        if (stateIn != 0) {
            i = continueString(stateIn);
            if (i < 0) return {std::move(m_tokens), stateIn};
        }
        while (i < m_s.size()) i = step(i);
        return {std::move(m_tokens), m_stateOut};
    }

private:
    void push(qsizetype start, qsizetype end, TokenKind kind) {
        if (end > start)
            m_tokens.push_back({static_cast<int>(start), static_cast<int>(end - start), kind});
    }

    qsizetype continueString(int state) {
        const qsizetype end = findStringEnd(m_s, 0, stateQuote(state), true);
        push(0, end < 0 ? m_s.size() : end, TokenKind::String);
        return end;
    }

    qsizetype step(qsizetype i) {
        const QChar c = m_s[i];
        if (c.isSpace()) return i + 1;
        if (c == u'#') {
            push(i, m_s.size(), TokenKind::Comment);
            return m_s.size();
        }
        if (c == u'\'' || c == u'"') return string(i, i);
        if (const int p = stringPrefixLength(m_s, i)) return string(i, i + p);
        if (c.isDigit() || (c == u'.' && i + 1 < m_s.size() && m_s[i + 1].isDigit())) {
            const qsizetype end = scanNumber(m_s, i);
            push(i, end, TokenKind::Number);
            return end;
        }
        if (c == u'@' && m_s.first(i).trimmed().isEmpty() && i + 1 < m_s.size() &&
            isIdentStart(m_s[i + 1])) {
            const qsizetype end = scanDottedName(m_s, i + 1);
            push(i, end, TokenKind::Decorator);
            return end;
        }
        if (isIdentStart(c)) return identifier(i);
        m_afterDot = c == u'.';
        m_expectDefinition = false;
        return i + 1;
    }

    qsizetype string(qsizetype start, qsizetype quoteAt) {
        const QChar quote = m_s[quoteAt];
        const bool triple = quoteAt + 2 < m_s.size() && m_s[quoteAt + 1] == quote &&
                            m_s[quoteAt + 2] == quote;
        const qsizetype bodyAt = quoteAt + (triple ? 3 : 1);
        const qsizetype end = findStringEnd(m_s, bodyAt, quote, triple);
        m_afterDot = false;
        m_expectDefinition = false;
        if (end < 0) { // an unterminated one-line string ends with its line
            push(start, m_s.size(), TokenKind::String);
            if (triple) m_stateOut = tripleState(quote);
            return m_s.size();
        }
        push(start, end, TokenKind::String);
        return end;
    }

    qsizetype identifier(qsizetype i) {
        qsizetype end = i;
        while (end < m_s.size() && isIdentPart(m_s[end])) ++end;
        const QStringView word = m_s.sliced(i, end - i);
        const bool afterDot = m_afterDot;
        m_afterDot = false;
        if (m_expectDefinition) {
            m_expectDefinition = false;
            push(i, end, TokenKind::Definition);
            return end;
        }
        if (!afterDot && (word == u"tl" || word == u"triton")) {
            const qsizetype dotted = scanDottedName(m_s, i);
            push(i, dotted, TokenKind::Triton);
            return dotted;
        }
        if (PythonLexer::isKeyword(word) && !afterDot) {
            push(i, end, TokenKind::Keyword);
            m_expectDefinition = word == u"def" || word == u"class";
        } else if (PythonLexer::isBuiltin(word) && !afterDot) {
            push(i, end, TokenKind::Builtin);
        }
        return end;
    }

    QStringView m_s;
    QVector<Token> m_tokens;
    int m_stateOut = 0;
    bool m_afterDot = false;
    bool m_expectDefinition = false;
};

} // namespace

LexedLine PythonLexer::lexLine(QStringView line, int stateIn) {
    return LineLexer(line).run(stateIn);
}

bool PythonLexer::isKeyword(QStringView word) { return inSorted(kKeywords, word); }
bool PythonLexer::isBuiltin(QStringView word) { return inSorted(kBuiltins, word); }

} // namespace tlift::widgets
