#include "tlift/frontend/python/parser.h"

#include "parser_impl.h"
#include "tlift/frontend/python/ast_walk.h"
#include "tlift/frontend/python/lexer.h"

#include <algorithm>
#include <fmt/format.h>

namespace tlift::frontend::py {

namespace detail {

using util::SourceSpan;

NestingGuard::NestingGuard(Parser& p) : m_p(p) {
    if (++m_p.m_nesting > kMaxNesting) {
        --m_p.m_nesting;
        m_p.failAtToken("expression nested too deeply");
    }
}

Parser::Parser(std::vector<Token> tokens, util::FileId file, util::Diagnostics& diags)
    : m_tokens(std::move(tokens)), m_file(file), m_diags(diags) {
    if (m_tokens.empty() || !m_tokens.back().is(TokenKind::EndOfFile)) {
        Token eof;
        eof.kind = TokenKind::EndOfFile;
        eof.span = SourceSpan{file, 1, 1, 1, 1};
        m_tokens.push_back(eof);
    }
}

const Token& Parser::peek(std::size_t ahead) const {
    std::size_t i = std::min(m_pos + ahead, m_tokens.size() - 1);
    return m_tokens[i];
}

bool Parser::checkName(std::string_view text, std::size_t ahead) const {
    const Token& t = peek(ahead);
    return t.is(TokenKind::Name) && t.text == text;
}

bool Parser::accept(TokenKind k) {
    if (!check(k)) return false;
    advance();
    return true;
}

const Token& Parser::advance() {
    const Token& t = m_tokens[m_pos];
    if (m_pos + 1 < m_tokens.size()) ++m_pos;
    if (t.kind != TokenKind::Newline && t.kind != TokenKind::Indent &&
        t.kind != TokenKind::Dedent && t.kind != TokenKind::EndOfFile) {
        m_prevEndLine = t.span.endLine;
        m_prevEndCol = t.span.endCol;
    }
    return t;
}

const Token& Parser::expect(TokenKind k) {
    if (!check(k)) expected(fmt::format("'{}'", tokenKindName(k)));
    return advance();
}

void Parser::expectColon() {
    if (check(TokenKind::Colon)) {
        advance();
        return;
    }
    // Python points at the end of the header for a missing colon.
    const Token& t = peek();
    if (t.recovered || t.is(TokenKind::Error)) failAtToken("expected ':'");
    SourceSpan at{m_file, m_prevEndLine, m_prevEndCol, m_prevEndLine, m_prevEndCol + 1};
    fail("expected ':'", at);
}

std::string Parser::describe(const Token& t) {
    switch (t.kind) {
    case TokenKind::Newline: return "end of line";
    case TokenKind::EndOfFile: return "end of file";
    case TokenKind::Indent: return "indent";
    case TokenKind::Dedent: return "dedent";
    case TokenKind::Name: return fmt::format("name '{}'", t.text);
    case TokenKind::Number: return fmt::format("number {}", t.text);
    case TokenKind::String: return "string literal";
    default: break;
    }
    if (isKeyword(t.kind)) return fmt::format("keyword '{}'", t.text);
    return fmt::format("'{}'", t.text);
}

void Parser::report(const std::string& message, const SourceSpan& span) {
    if (m_speculating) return;
    if (m_diags.size() >= kMaxSyntaxErrors) {
        if (!m_stopped)
            m_diags.add(util::Diagnostic::note(
                fmt::format("too many syntax errors; stopped after {}", kMaxSyntaxErrors)));
        m_stopped = true;
        throw TooManyErrors{};
    }
    m_diags.error("syntax", message, span);
}

void Parser::fail(const std::string& message, const SourceSpan& span) {
    report(message, span);
    throw SyntaxError{};
}

void Parser::failAtToken(const std::string& message) {
    const Token& t = peek();
    // The lexer has reported what is wrong at this token; a second message would be noise.
    if (t.recovered || t.is(TokenKind::Error)) throw SyntaxError{};
    fail(message, t.span);
}

void Parser::expected(const std::string& what) {
    failAtToken(fmt::format("expected {}, found {}", what, describe(peek())));
}

SourceSpan Parser::spanFrom(const SourceSpan& start) const {
    return SourceSpan{m_file, start.line, start.col, m_prevEndLine, m_prevEndCol};
}

Own<Expr> Parser::finish(std::unique_ptr<Expr> node) {
    std::uint32_t h = 0;
    forEachChild(*node, [&](const Expr& c) { h = std::max(h, c.height); });
    node->height = h + 1;
    if (node->height > kMaxExprHeight) fail("expression nested too deeply", node->span);
    return Own<Expr>(std::move(node));
}

std::unique_ptr<Module> Parser::parseFile() {
    auto module = std::make_unique<Module>();
    module->file = m_file;
    try {
        while (!check(TokenKind::EndOfFile)) {
            if (accept(TokenKind::Newline) || accept(TokenKind::Dedent)) continue;
            if (check(TokenKind::Indent)) {
                parseOrphanBlock();
                continue;
            }
            parseStatementInto(module->body);
        }
    } catch (const TooManyErrors&) {
    }
    return module;
}

std::unique_ptr<Expr> Parser::parseSingleExpression() {
    try {
        while (accept(TokenKind::Newline)) {
        }
        Own<Expr> e = parseStarExpressions();
        while (accept(TokenKind::Newline)) {
        }
        if (!check(TokenKind::EndOfFile)) expected("end of expression");
        return e.take();
    } catch (const SyntaxError&) {
    } catch (const TooManyErrors&) {
    }
    return nullptr;
}

} // namespace detail

namespace {

// Lexer errors come first in the list; users read them in file order.
util::Diagnostics sortedByPosition(const util::Diagnostics& in) {
    std::vector<util::Diagnostic> items = in.items();
    std::stable_sort(items.begin(), items.end(), [](const util::Diagnostic& a, const util::Diagnostic& b) {
        if (!a.span.valid() || !b.span.valid()) return a.span.valid() && !b.span.valid();
        return a.span.line != b.span.line ? a.span.line < b.span.line : a.span.col < b.span.col;
    });
    util::Diagnostics out;
    for (auto& d : items) out.add(std::move(d));
    return out;
}

} // namespace

ParseResult parseModule(const util::SourceManager& sm, util::FileId file) {
    ParseResult result;
    Lexer lexer(sm, file, result.diagnostics);
    detail::Parser parser(lexer.tokenize(), file, result.diagnostics);
    result.module = parser.parseFile();
    result.diagnostics = sortedByPosition(result.diagnostics);
    return result;
}

ExpressionParseResult parseExpression(const util::SourceManager& sm, util::FileId file) {
    ExpressionParseResult result;
    Lexer lexer(sm, file, result.diagnostics);
    std::vector<Token> tokens = lexer.tokenize();
    // An expression is not a block: indentation tokens are layout only here.
    std::erase_if(tokens, [](const Token& t) {
        return t.is(TokenKind::Indent) || t.is(TokenKind::Dedent);
    });
    detail::Parser parser(std::move(tokens), file, result.diagnostics);
    result.expr = parser.parseSingleExpression();
    result.diagnostics = sortedByPosition(result.diagnostics);
    return result;
}

} // namespace tlift::frontend::py
