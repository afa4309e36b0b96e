#pragma once
// The recursive-descent parser. Internal to the Python frontend: parser.h is its public face.
// Statements are in parser_stmt.cpp, expressions in parser_expr.cpp, the shared machinery
// (tokens, errors, spans, recovery) in parser.cpp.

#include "tlift/frontend/python/ast.h"
#include "tlift/frontend/python/token.h"
#include "tlift/util/diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace tlift::frontend::py::detail {

// What Python calls an expression in "cannot assign to ..." messages: "function call", ...
const char* targetDescription(const Expr& e);

// Thrown after a syntax error was reported (or, while speculating, instead of reporting it);
// caught where the parser resynchronises: the statement loop.
struct SyntaxError {};
// Thrown once kMaxSyntaxErrors errors were reported; ends the parse.
struct TooManyErrors {};

// How deep expressions may nest through recursion (brackets, unary operators, lambdas,
// conditional expressions) before the parser reports an error instead of recursing further.
inline constexpr int kMaxNesting = 100;

class Parser {
public:
    Parser(std::vector<Token> tokens, util::FileId file, util::Diagnostics& diags);
    std::unique_ptr<Module> parseFile();
    std::unique_ptr<Expr> parseSingleExpression();

private:
    friend class NestingGuard;

    // Tokens --------------------------------------------------------------------------------
    const Token& peek(std::size_t ahead = 0) const;
    bool check(TokenKind k, std::size_t ahead = 0) const { return peek(ahead).kind == k; }
    bool checkName(std::string_view text, std::size_t ahead = 0) const;
    bool accept(TokenKind k);
    const Token& advance();
    const Token& expect(TokenKind k);
    // Expects ':' after the header of a compound statement.
    void expectColon();

    // Errors ----------------------------------------------------------------------------------
    // Reports at `span` (unless speculating or the error token was already reported by the
    // lexer) and throws SyntaxError.
    [[noreturn]] void fail(const std::string& message, const util::SourceSpan& span);
    [[noreturn]] void failAtToken(const std::string& message);
    [[noreturn]] void expected(const std::string& what);
    // Reports without throwing: for errors after which the parse goes on in place.
    void report(const std::string& message, const util::SourceSpan& span);
    static std::string describe(const Token& t);

    // Spans and nodes --------------------------------------------------------------------------
    util::SourceSpan spanFrom(const util::SourceSpan& start) const;
    // Sets the node's height from its children and checks it against kMaxExprHeight.
    Own<Expr> finish(std::unique_ptr<Expr> node);

    // Statements (parser_stmt.cpp) ------------------------------------------------------------
    void parseStatementInto(Body& out);
    void parseStatement(Body& out);
    void synchronize();
    void parseOrphanBlock();
    void parseBlock(Body& out, const std::string& what, std::uint32_t headerLine);
    void parseIndentedStatements(Body& out);
    void parseSimpleStatements(Body& out);
    Own<Stmt> parseSimpleStatement();
    Own<Stmt> parseExpressionStatement();
    Own<Stmt> parseReturn();
    Own<Stmt> parseRaise();
    Own<Stmt> parseNameList(bool global);
    Own<Stmt> parseDelete();
    Own<Stmt> parseAssert();
    Own<Stmt> parseImport();
    Own<Stmt> parseImportFrom();
    std::string parseDottedName();
    Own<Stmt> parseDecorated();
    Own<Stmt> parseFunctionDef(ExprList decorators, bool isAsync, const util::SourceSpan& start);
    Own<Stmt> parseClassDef(ExprList decorators);
    Own<Stmt> parseIf(bool isElif);
    Own<Stmt> parseWhile();
    Own<Stmt> parseFor(bool isAsync, const util::SourceSpan& start);
    Own<Stmt> parseWith(bool isAsync, const util::SourceSpan& start);
    bool parseParenthesizedWithItems(std::vector<WithItem>& items);
    WithItem parseWithItem();
    Own<Stmt> parseTry();
    bool looksLikeMatchStatement() const;
    void skipUnsupportedMatch();

    // Targets ----------------------------------------------------------------------------------
    enum class TargetUse { Assign, AugAssign, Delete, For, With };
    void checkTarget(const Expr& e, TargetUse use);
    Own<Expr> parseTargetList(); // the targets of `for` and comprehensions

    // Expressions (parser_expr.cpp) --------------------------------------------------------------
    Own<Expr> parseStarExpressions();      // a, *b, c  (a tuple when there is a comma)
    Own<Expr> parseStarExpression();       // *a | expression
    Own<Expr> parseStarNamedExpression();  // *a | named expression
    Own<Expr> parseExpressionList();       // expression (',' expression)* [',']
    Own<Expr> parseNamedExpression();      // name := expression | expression
    Own<Expr> parseExpression();           // lambda | disjunction ['if' disjunction 'else' ...]
    Own<Expr> parseLambda();
    Own<Expr> parseDisjunction();
    Own<Expr> parseConjunction();
    Own<Expr> parseInversion();
    Own<Expr> parseComparison();
    Own<Expr> parseBitOr();
    Own<Expr> parseBitXor();
    Own<Expr> parseBitAnd();
    Own<Expr> parseShift();
    Own<Expr> parseSum();
    Own<Expr> parseTerm();
    Own<Expr> parseFactor();
    Own<Expr> parsePower();
    Own<Expr> parseAwaitPrimary();
    Own<Expr> parsePrimary();
    Own<Expr> parseCall(Own<Expr> func, const util::SourceSpan& start);
    Own<Expr> parseSubscript(Own<Expr> value, const util::SourceSpan& start);
    Own<Expr> parseSliceItem();
    Own<Expr> parseAtom();
    Own<Expr> parseNumber();
    Own<Expr> parseStrings();
    Own<Expr> parseParenthesized();
    Own<Expr> parseListDisplay();
    Own<Expr> parseBraceDisplay();
    // After the first entry (a null key for `**value`).
    Own<Expr> parseDictDisplay(const util::SourceSpan& start, Own<Expr> key, Own<Expr> value);
    Own<Expr> parseStarredItem(); // '*' bitwise_or
    bool atComprehension() const;
    [[noreturn]] void missingCloser(TokenKind closer);
    Own<Expr> parseYieldExpression();
    Own<Expr> parseBinaryChain(Own<Expr> (Parser::*operand)(), const TokenKind* ops,
                               const BinOpKind* kinds, std::size_t n);
    std::vector<Comprehension> parseComprehensionClauses();
    void parseParameters(Parameters& out, TokenKind closer, bool annotations);
    Param parseParameter(ParamKind kind, bool annotations, bool starAnnotation);
    bool canStartExpression(const Token& t) const;

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    util::FileId m_file;
    util::Diagnostics& m_diags;
    // End of the last token consumed that is not NEWLINE / INDENT / DEDENT: the end of spans.
    std::uint32_t m_prevEndLine = 1, m_prevEndCol = 1;
    int m_nesting = 0;
    int m_speculating = 0;
    bool m_stopped = false;
};

// Counts one level of recursive nesting; fails with a syntax error past kMaxNesting.
class NestingGuard {
public:
    explicit NestingGuard(Parser& p);
    ~NestingGuard() { --m_p.m_nesting; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

private:
    Parser& m_p;
};

} // namespace tlift::frontend::py::detail
