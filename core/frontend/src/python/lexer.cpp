#include "tlift/frontend/python/lexer.h"

#include "unicode_chars.h"

#include <fmt/format.h>

namespace tlift::frontend::py {

namespace {

using util::SourceSpan;

// Lexer errors beyond this many are counted but not reported (binary input would otherwise
// produce one per byte).
constexpr int kMaxLexerErrors = 50;

struct IndentLevel {
    std::uint32_t col8; // columns with tabs to the next multiple of 8 (Python's rule)
    std::uint32_t col1; // columns with tabs counted as 1, to detect inconsistent mixing
};

struct OpenBracket {
    char ch;
    SourceSpan span;
};

bool isAsciiIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiIdentChar(char c) { return isAsciiIdentStart(c) || isDigit(c); }
bool isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char closerOf(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

TokenKind closerKind(char open) {
    return open == '(' ? TokenKind::RParen
                       : open == '[' ? TokenKind::RBracket : TokenKind::RBrace;
}

struct OperatorSpelling {
    std::string_view text;
    TokenKind kind;
};

// Longest first, so that the first match is the longest.
constexpr OperatorSpelling kOperators[] = {
    {"**=", TokenKind::DoubleStarEqual}, {"//=", TokenKind::DoubleSlashEqual},
    {">>=", TokenKind::RightShiftEqual}, {"<<=", TokenKind::LeftShiftEqual},
    {"...", TokenKind::Ellipsis},        {"**", TokenKind::DoubleStar},
    {"//", TokenKind::DoubleSlash},      {"<<", TokenKind::LeftShift},
    {">>", TokenKind::RightShift},       {"<=", TokenKind::LessEqual},
    {">=", TokenKind::GreaterEqual},     {"==", TokenKind::EqEqual},
    {"!=", TokenKind::NotEqual},         {"->", TokenKind::Arrow},
    {":=", TokenKind::ColonEqual},       {"+=", TokenKind::PlusEqual},
    {"-=", TokenKind::MinusEqual},       {"*=", TokenKind::StarEqual},
    {"/=", TokenKind::SlashEqual},       {"%=", TokenKind::PercentEqual},
    {"&=", TokenKind::AmperEqual},       {"|=", TokenKind::VBarEqual},
    {"^=", TokenKind::CircumflexEqual},  {"@=", TokenKind::AtEqual},
    {"(", TokenKind::LParen},            {")", TokenKind::RParen},
    {"[", TokenKind::LBracket},          {"]", TokenKind::RBracket},
    {"{", TokenKind::LBrace},            {"}", TokenKind::RBrace},
    {":", TokenKind::Colon},             {",", TokenKind::Comma},
    {";", TokenKind::Semicolon},         {".", TokenKind::Dot},
    {"=", TokenKind::Equal},             {"+", TokenKind::Plus},
    {"-", TokenKind::Minus},             {"*", TokenKind::Star},
    {"/", TokenKind::Slash},             {"%", TokenKind::Percent},
    {"@", TokenKind::At},                {"&", TokenKind::Amper},
    {"|", TokenKind::VBar},              {"^", TokenKind::Circumflex},
    {"~", TokenKind::Tilde},             {"<", TokenKind::Less},
    {">", TokenKind::Greater},
};

// Whether `prefix` (the letters before a quote) is a valid string prefix; sets the flags.
bool stringPrefixFlags(std::string_view prefix, std::uint8_t& flags) {
    if (prefix.size() > 2) return false;
    flags = 0;
    bool u = false;
    for (char c : prefix) {
        char l = static_cast<char>(c | 0x20);
        std::uint8_t bit = l == 'r' ? kStrRaw : l == 'b' ? kStrBytes : l == 'f' ? kStrFormat : 0;
        if (l == 'u') {
            if (u || prefix.size() > 1) return false;
            u = true;
            continue;
        }
        if (!bit || (flags & bit)) return false;
        flags |= bit;
    }
    return !((flags & kStrBytes) && (flags & kStrFormat));
}

class Scanner {
public:
    Scanner(std::string_view src, util::FileId file, util::Diagnostics& diags)
        : m_src(src), m_file(file), m_diags(diags) {}

    std::vector<Token> run();

private:
    bool atEnd(std::size_t k = 0) const { return m_pos + k >= m_src.size(); }
    char peek(std::size_t k = 0) const { return atEnd(k) ? '\0' : m_src[m_pos + k]; }
    std::uint32_t colAt(std::size_t pos) const {
        return static_cast<std::uint32_t>(pos - m_lineStart + 1);
    }
    bool atNewline() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
    void consumeNewline() {
        m_pos += peek() == '\r' ? 2 : 1;
        ++m_line;
        m_lineStart = m_pos;
    }
    SourceSpan spanFrom(std::uint32_t line, std::uint32_t col) const {
        return SourceSpan{m_file, line, col, m_line, colAt(m_pos)};
    }
    SourceSpan pointSpan(std::size_t pos, std::uint32_t width = 1) const {
        return SourceSpan{m_file, m_line, colAt(pos), m_line, colAt(pos) + width};
    }

    void error(std::string message, SourceSpan span);
    Token& emit(TokenKind kind, SourceSpan span, std::size_t begin);

    void lineStart();
    void dedentTo(const IndentLevel& level, SourceSpan span);
    void physicalNewline();
    bool nextLineStartsDefinition() const;
    void closeAllBrackets(const char* why);
    void finish();

    void lexToken();
    void lexName();
    void lexString(std::size_t begin, std::size_t quotePos, std::uint8_t flags);
    void finishString(Token& tok, std::string_view body, std::uint32_t bodyLine,
                      std::uint32_t bodyCol);
    void lexNumber();
    std::string scanNumber();
    void lexOperator();
    void lexBadCharacter();

    std::string_view m_src;
    util::FileId m_file;
    util::Diagnostics& m_diags;
    std::vector<Token> m_out;
    std::size_t m_pos = 0;
    std::size_t m_lineStart = 0;
    std::uint32_t m_line = 1;
    bool m_atLineStart = true;
    bool m_lineHasTokens = false;
    bool m_reportedDeepNesting = false;
    int m_errors = 0;
    std::vector<IndentLevel> m_indents{{0, 0}};
    std::vector<OpenBracket> m_brackets;
};

void Scanner::error(std::string message, SourceSpan span) {
    if (++m_errors <= kMaxLexerErrors) m_diags.error("syntax", std::move(message), span);
}

Token& Scanner::emit(TokenKind kind, SourceSpan span, std::size_t begin) {
    Token t;
    t.kind = kind;
    t.span = span;
    t.text = m_src.substr(begin, m_pos - begin);
    m_out.push_back(std::move(t));
    if (kind != TokenKind::Indent && kind != TokenKind::Dedent) m_lineHasTokens = true;
    return m_out.back();
}

std::vector<Token> Scanner::run() {
    if (m_src.substr(0, 3) == "\xEF\xBB\xBF") m_pos = m_lineStart = 3;
    while (true) {
        if (m_atLineStart) {
            m_atLineStart = false;
            if (m_brackets.empty()) lineStart();
        }
        while (peek() == ' ' || peek() == '\t' || peek() == '\f' ||
               (peek() == '\r' && peek(1) != '\n'))
            ++m_pos;
        if (atEnd()) break;
        char c = peek();
        if (c == '#') {
            while (!atEnd() && !atNewline()) ++m_pos;
        } else if (atNewline()) {
            physicalNewline();
        } else if (c == '\\') {
            std::size_t at = m_pos++;
            if (atNewline()) {
                consumeNewline();
            } else if (atEnd()) {
                error("unexpected end of file after line continuation character", pointSpan(at));
            } else {
                error("unexpected character after line continuation character", pointSpan(at));
            }
        } else {
            lexToken();
        }
    }
    finish();
    return std::move(m_out);
}

// Measures the indentation of a new logical line and emits INDENT / DEDENT. Blank lines and
// comment-only lines do not count.
void Scanner::lineStart() {
    IndentLevel level{0, 0};
    std::size_t p = m_pos;
    for (; p < m_src.size(); ++p) {
        char c = m_src[p];
        if (c == ' ') ++level.col8, ++level.col1;
        else if (c == '\t') level.col8 = (level.col8 / 8 + 1) * 8, ++level.col1;
        else if (c == '\f') level = {0, 0};
        else break;
    }
    m_pos = p;
    if (atEnd() || peek() == '#' || atNewline()) return;
    SourceSpan span{m_file, m_line, 1, m_line, colAt(m_pos)};
    const IndentLevel& top = m_indents.back();
    if (level.col8 == top.col8) {
        if (level.col1 != top.col1) error("inconsistent use of tabs and spaces in indentation", span);
    } else if (level.col8 > top.col8) {
        if (level.col1 <= top.col1) error("inconsistent use of tabs and spaces in indentation", span);
        if (m_indents.size() > kMaxIndentLevels) {
            error("too many levels of indentation", span);
            return;
        }
        m_indents.push_back(level);
        emit(TokenKind::Indent, span, m_pos);
        m_out.back().text = {};
    } else {
        dedentTo(level, span);
    }
}

void Scanner::dedentTo(const IndentLevel& level, SourceSpan span) {
    while (m_indents.size() > 1 && m_indents.back().col8 > level.col8) {
        m_indents.pop_back();
        emit(TokenKind::Dedent, SourceSpan{m_file, m_line, colAt(m_pos), m_line, colAt(m_pos)},
             m_pos);
    }
    // A dedent to a column no enclosing block uses: report it and carry on as if the line
    // were at the enclosing block's indentation.
    if (m_indents.back().col8 != level.col8)
        error("unindent does not match any outer indentation level", span);
    else if (m_indents.back().col1 != level.col1)
        error("inconsistent use of tabs and spaces in indentation", span);
}

void Scanner::physicalNewline() {
    std::size_t at = m_pos;
    SourceSpan nl = pointSpan(at);
    consumeNewline();
    bool recovered = false;
    if (!m_brackets.empty()) {
        // Inside brackets lines join; but a line that starts with `def` or `class` can only be
        // a new statement, so the bracket was never closed: say so and resynchronise there.
        if (!nextLineStartsDefinition()) return;
        closeAllBrackets("was never closed");
        recovered = true;
    }
    if (m_lineHasTokens) {
        Token t;
        t.kind = TokenKind::Newline;
        t.span = nl;
        t.text = m_src.substr(at, m_pos - at);
        t.recovered = recovered;
        m_out.push_back(std::move(t));
        m_lineHasTokens = false;
    }
    m_atLineStart = true;
}

bool Scanner::nextLineStartsDefinition() const {
    std::size_t p = m_pos;
    while (p < m_src.size() && (m_src[p] == ' ' || m_src[p] == '\t')) ++p;
    for (std::string_view word : {std::string_view("def"), std::string_view("class")}) {
        if (m_src.substr(p, word.size()) == word && p + word.size() < m_src.size() &&
            (m_src[p + word.size()] == ' ' || m_src[p + word.size()] == '\t'))
            return true;
    }
    return false;
}

void Scanner::closeAllBrackets(const char* why) {
    for (const OpenBracket& b : m_brackets) error(fmt::format("'{}' {}", b.ch, why), b.span);
    m_brackets.clear();
}

void Scanner::finish() {
    bool unclosed = !m_brackets.empty();
    closeAllBrackets("was never closed");
    if (m_lineHasTokens) {
        Token t;
        t.kind = TokenKind::Newline;
        t.span = pointSpan(m_pos, 0);
        t.recovered = unclosed;
        m_out.push_back(std::move(t));
    }
    SourceSpan end = pointSpan(m_pos, 0);
    for (std::size_t i = 1; i < m_indents.size(); ++i) {
        Token t;
        t.kind = TokenKind::Dedent;
        t.span = end;
        m_out.push_back(std::move(t));
    }
    Token eof;
    eof.kind = TokenKind::EndOfFile;
    eof.span = end;
    m_out.push_back(std::move(eof));
}

void Scanner::lexToken() {
    char c = peek();
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return lexNumber();
    if (isAsciiIdentStart(c)) return lexName();
    if (c == '"' || c == '\'') return lexString(m_pos, m_pos, 0);
    if (static_cast<unsigned char>(c) >= 0x80) {
        detail::CodePoint cp = detail::decodeUtf8(m_src, m_pos);
        if (cp.length && detail::isIdentifierCodePoint(cp.value)) return lexName();
        return lexBadCharacter();
    }
    lexOperator();
}

void Scanner::lexName() {
    std::size_t begin = m_pos;
    std::uint32_t col = colAt(begin);
    while (!atEnd()) {
        char c = peek();
        if (isAsciiIdentChar(c)) {
            ++m_pos;
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x80) break;
        detail::CodePoint cp = detail::decodeUtf8(m_src, m_pos);
        if (!cp.length || !detail::isIdentifierCodePoint(cp.value)) break;
        m_pos += cp.length;
    }
    std::string_view text = m_src.substr(begin, m_pos - begin);
    std::uint8_t flags = 0;
    if ((peek() == '"' || peek() == '\'') && stringPrefixFlags(text, flags))
        return lexString(begin, m_pos, flags);
    emit(keywordKind(text), spanFrom(m_line, col), begin);
}

void Scanner::lexString(std::size_t begin, std::size_t quotePos, std::uint8_t flags) {
    std::uint32_t line = m_line, col = colAt(begin);
    char q = m_src[quotePos];
    bool triple = quotePos + 2 < m_src.size() && m_src[quotePos + 1] == q && m_src[quotePos + 2] == q;
    if (triple) flags |= kStrTriple;
    std::size_t bodyBegin = quotePos + (triple ? 3 : 1);
    std::uint32_t bodyLine = m_line, bodyCol = colAt(bodyBegin);
    m_pos = bodyBegin;
    std::size_t bodyEnd = std::string_view::npos;
    while (!atEnd()) {
        char c = peek();
        if (c == '\\') {
            ++m_pos;
            if (atNewline()) consumeNewline();
            else if (!atEnd()) ++m_pos;
        } else if (atNewline()) {
            if (!triple) break;
            consumeNewline();
        } else if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
            bodyEnd = m_pos;
            m_pos += triple ? 3 : 1;
            break;
        } else {
            ++m_pos;
        }
    }
    if (bodyEnd == std::string_view::npos) {
        SourceSpan at{m_file, line, col, line, col + 1};
        error(fmt::format("unterminated {}string literal (detected at line {})",
                          triple ? "triple-quoted " : "", m_line),
              at);
        Token& t = emit(TokenKind::Error, spanFrom(line, col), begin);
        t.recovered = true;
        return;
    }
    Token& tok = emit(TokenKind::String, spanFrom(line, col), begin);
    tok.stringFlags = flags;
    finishString(tok, m_src.substr(bodyBegin, bodyEnd - bodyBegin), bodyLine, bodyCol);
}

std::string normalizeNewlines(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i)
        if (!(body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n')) out += body[i];
    return out;
}

void Scanner::finishString(Token& tok, std::string_view body, std::uint32_t bodyLine,
                           std::uint32_t bodyCol) {
    bool bytes = tok.stringFlags & kStrBytes;
    if (bytes) {
        for (char c : body) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                error("bytes can only contain ASCII literal characters", tok.span);
                break;
            }
        }
    }
    if (tok.stringFlags & (kStrRaw | kStrFormat)) {
        tok.value = normalizeNewlines(body);
        return;
    }
    std::size_t bad = std::string_view::npos;
    tok.value = decodeEscapes(normalizeNewlines(body), bytes, &bad);
    if (bad == std::string_view::npos) return;
    // Point at the bad escape when it is on the string's first line.
    SourceSpan at = tok.span;
    if (body.substr(0, bad).find('\n') == std::string_view::npos)
        at = SourceSpan{m_file, bodyLine, bodyCol + static_cast<std::uint32_t>(bad), bodyLine,
                        bodyCol + static_cast<std::uint32_t>(bad) + 2};
    error("malformed escape sequence in string literal", at);
}

void Scanner::lexNumber() {
    std::size_t begin = m_pos;
    std::uint32_t col = colAt(begin);
    std::string problem = scanNumber();
    if (problem.empty()) {
        emit(TokenKind::Number, spanFrom(m_line, col), begin);
        return;
    }
    SourceSpan at = spanFrom(m_line, col);
    while (!atEnd() && (isAsciiIdentChar(peek()) || peek() == '.' || static_cast<unsigned char>(peek()) >= 0x80))
        ++m_pos;
    error(std::move(problem), at);
    Token& t = emit(TokenKind::Error, spanFrom(m_line, col), begin);
    t.recovered = true;
}

// Scans one number; returns the problem, or "" when the literal is well formed.
std::string Scanner::scanNumber() {
    auto digits = [&](auto accept) -> bool {
        if (!accept(peek())) return false;
        while (accept(peek()) || (peek() == '_' && accept(peek(1))))
            m_pos += peek() == '_' ? 2 : 1;
        return true;
    };
    auto dec = [](char c) { return isDigit(c); };
    std::string_view kind = "decimal";
    if (peek() == '0' && std::string_view("xXoObB").find(peek(1)) != std::string_view::npos &&
        peek(1) != '\0') {
        char r = static_cast<char>(peek(1) | 0x20);
        kind = r == 'x' ? "hexadecimal" : r == 'o' ? "octal" : "binary";
        m_pos += 2;
        if (peek() == '_') ++m_pos;
        bool ok = r == 'x' ? digits([](char c) { return isHexDigit(c); })
                  : r == 'o' ? digits([](char c) { return c >= '0' && c <= '7'; })
                             : digits([](char c) { return c == '0' || c == '1'; });
        if (r != 'x' && isDigit(peek()))
            return fmt::format("invalid digit '{}' in {} literal", peek(), kind);
        if (!ok || peek() == '_') return fmt::format("invalid {} literal", kind);
    } else {
        std::size_t start = m_pos;
        bool intPart = digits(dec);
        bool isFloat = false;
        if (peek() == '_') return "invalid decimal literal";
        if (peek() == '.') {
            ++m_pos;
            isFloat = true;
            if (!digits(dec) && !intPart) return "invalid decimal literal";
            if (peek() == '_') return "invalid decimal literal";
        }
        if (peek() == 'e' || peek() == 'E') {
            std::size_t save = m_pos;
            ++m_pos;
            if (peek() == '+' || peek() == '-') ++m_pos;
            if (!digits(dec)) {
                m_pos = save;
                return "invalid decimal literal";
            }
            isFloat = true;
        }
        bool imaginary = peek() == 'j' || peek() == 'J';
        if (imaginary) ++m_pos;
        std::string_view text = m_src.substr(start, m_pos - start);
        if (!isFloat && !imaginary && text.size() > 1 && text[0] == '0' &&
            text.find_first_not_of("0_") != std::string_view::npos)
            return "leading zeros in decimal integer literals are not permitted; use an 0o "
                   "prefix for octal integers";
    }
    // A name right after a number is an error, except the keywords Python tolerates there
    // (`1if x else 2`).
    if (!atEnd() && (isAsciiIdentChar(peek()) || static_cast<unsigned char>(peek()) >= 0x80)) {
        for (std::string_view kw : {"and", "else", "for", "if", "in", "is", "not", "or"})
            if (m_src.substr(m_pos, kw.size()) == kw) return "";
        return fmt::format("invalid {} literal", kind);
    }
    return "";
}

void Scanner::lexOperator() {
    std::size_t begin = m_pos;
    std::uint32_t col = colAt(begin);
    std::string_view rest = m_src.substr(m_pos, 3);
    for (const OperatorSpelling& op : kOperators) {
        if (rest.substr(0, op.text.size()) != op.text) continue;
        m_pos += op.text.size();
        SourceSpan span = spanFrom(m_line, col);
        char c = op.text[0];
        if (op.text.size() == 1 && (c == '(' || c == '[' || c == '{')) {
            if (m_brackets.size() >= kMaxBracketDepth && !m_reportedDeepNesting) {
                m_reportedDeepNesting = true;
                error("too many nested parentheses", span);
            }
            m_brackets.push_back({c, span});
        } else if (op.text.size() == 1 && (c == ')' || c == ']' || c == '}')) {
            if (m_brackets.empty()) {
                error(fmt::format("unmatched '{}'", c), span);
                return; // dropped: the parser sees the statement without it
            }
            OpenBracket open = m_brackets.back();
            m_brackets.pop_back();
            if (closerOf(open.ch) != c) {
                std::string where =
                    open.span.line == m_line ? "" : fmt::format(" on line {}", open.span.line);
                error(fmt::format("closing parenthesis '{}' does not match opening parenthesis "
                                  "'{}'{}",
                                  c, open.ch, where),
                      span);
                Token& t = emit(closerKind(open.ch), span, begin);
                t.recovered = true;
                return;
            }
        }
        emit(op.kind, span, begin);
        return;
    }
    lexBadCharacter();
}

void Scanner::lexBadCharacter() {
    std::size_t begin = m_pos;
    std::uint32_t col = colAt(begin);
    unsigned char c = static_cast<unsigned char>(peek());
    std::string message;
    if (c == 0) {
        message = "source code cannot contain null bytes";
        ++m_pos;
    } else if (c < 0x80) {
        ++m_pos;
        if (c < 0x20 || c == 0x7F) message = fmt::format("invalid non-printable character U+{:04X}", c);
        else message = fmt::format("invalid character '{}' (U+{:04X})", static_cast<char>(c), c);
    } else {
        detail::CodePoint cp = detail::decodeUtf8(m_src, m_pos);
        if (!cp.length) {
            message = fmt::format("invalid UTF-8 byte 0x{:02X}", c);
            ++m_pos;
        } else {
            m_pos += cp.length;
            if (detail::isInvisibleCodePoint(cp.value))
                message = fmt::format("invalid non-printable character U+{:04X}", cp.value);
            else
                message = fmt::format("invalid character '{}' (U+{:04X})",
                                      m_src.substr(begin, cp.length), cp.value);
        }
    }
    SourceSpan span = spanFrom(m_line, col);
    error(std::move(message), span);
    Token& t = emit(TokenKind::Error, span, begin);
    t.recovered = true;
}

} // namespace

Lexer::Lexer(const util::SourceManager& sm, util::FileId file, util::Diagnostics& diags)
    : m_sm(sm), m_file(file), m_diags(diags) {}

std::vector<Token> Lexer::tokenize() {
    Scanner scanner(m_sm.text(m_file), m_file, m_diags);
    return scanner.run();
}

} // namespace tlift::frontend::py
