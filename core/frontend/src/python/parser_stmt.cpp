// Statements, blocks, and the recovery after a syntax error.
#include "parser_impl.h"

#include <fmt/format.h>
#include <set>

namespace tlift::frontend::py::detail {

using util::SourceSpan;

// ---------------------------------------------------------------------------------------------
// Blocks and recovery

void Parser::parseStatementInto(Body& out) {
    std::size_t before = m_pos;
    try {
        parseStatement(out);
    } catch (const SyntaxError&) {
        synchronize();
    }
    // Every round consumes something, so the parse always ends.
    if (m_pos == before && !check(TokenKind::EndOfFile) && !check(TokenKind::Dedent)) advance();
}

// Skips the rest of the logical line of a failed statement, and the block that belonged to it
// (parsed, so that errors inside are still found, then dropped).
void Parser::synchronize() {
    while (!check(TokenKind::EndOfFile) && !check(TokenKind::Newline) &&
           !check(TokenKind::Indent) && !check(TokenKind::Dedent))
        advance();
    if (accept(TokenKind::Newline) && accept(TokenKind::Indent)) {
        Body dropped;
        parseIndentedStatements(dropped);
    }
}

void Parser::parseOrphanBlock() {
    const Token& t = peek();
    if (!t.recovered) report("unexpected indent", t.span);
    advance();
    Body dropped;
    parseIndentedStatements(dropped);
}

void Parser::parseIndentedStatements(Body& out) {
    while (!check(TokenKind::Dedent) && !check(TokenKind::EndOfFile)) {
        if (accept(TokenKind::Newline)) continue;
        if (check(TokenKind::Indent)) {
            parseOrphanBlock();
            continue;
        }
        parseStatementInto(out);
    }
    accept(TokenKind::Dedent);
}

// The body after a compound statement's ':': an indented block, or simple statements on the
// same line.
void Parser::parseBlock(Body& out, const std::string& what, std::uint32_t headerLine) {
    if (!accept(TokenKind::Newline)) {
        if (check(TokenKind::EndOfFile)) {
            report(fmt::format("expected an indented block after {} on line {}", what, headerLine),
                   peek().span);
            return;
        }
        parseSimpleStatements(out);
        return;
    }
    if (!accept(TokenKind::Indent)) {
        if (!peek().recovered)
            report(fmt::format("expected an indented block after {} on line {}", what, headerLine),
                   peek().span);
        return;
    }
    parseIndentedStatements(out);
}

// ---------------------------------------------------------------------------------------------
// Statements

void Parser::parseStatement(Body& out) {
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::KwDef: out.push_back(parseFunctionDef({}, false, t.span)); return;
    case TokenKind::KwClass: out.push_back(parseClassDef({})); return;
    case TokenKind::At: out.push_back(parseDecorated()); return;
    case TokenKind::KwIf: out.push_back(parseIf(false)); return;
    case TokenKind::KwWhile: out.push_back(parseWhile()); return;
    case TokenKind::KwFor: out.push_back(parseFor(false, t.span)); return;
    case TokenKind::KwTry: out.push_back(parseTry()); return;
    case TokenKind::KwWith: out.push_back(parseWith(false, t.span)); return;
    case TokenKind::KwAsync: {
        SourceSpan start = t.span;
        advance();
        if (check(TokenKind::KwDef)) out.push_back(parseFunctionDef({}, true, start));
        else if (check(TokenKind::KwFor)) out.push_back(parseFor(true, start));
        else if (check(TokenKind::KwWith)) out.push_back(parseWith(true, start));
        else expected("'def', 'for' or 'with' after 'async'");
        return;
    }
    case TokenKind::KwElif:
    case TokenKind::KwElse:
    case TokenKind::KwExcept:
    case TokenKind::KwFinally:
        failAtToken(fmt::format("'{}' does not follow a statement it can continue", t.text));
    case TokenKind::Name:
        if (t.text == "match" && looksLikeMatchStatement()) return skipUnsupportedMatch();
        break;
    default: break;
    }
    parseSimpleStatements(out);
}

void Parser::parseSimpleStatements(Body& out) {
    while (true) {
        out.push_back(parseSimpleStatement());
        if (!accept(TokenKind::Semicolon)) break;
        if (check(TokenKind::Newline) || check(TokenKind::EndOfFile)) break;
    }
    if (accept(TokenKind::Newline) || check(TokenKind::EndOfFile)) return;
    expected("end of line");
}

Own<Stmt> Parser::parseSimpleStatement() {
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::KwPass: advance(); return Own<Stmt>(std::make_unique<Pass>(t.span));
    case TokenKind::KwBreak: advance(); return Own<Stmt>(std::make_unique<Break>(t.span));
    case TokenKind::KwContinue: advance(); return Own<Stmt>(std::make_unique<Continue>(t.span));
    case TokenKind::KwReturn: return parseReturn();
    case TokenKind::KwRaise: return parseRaise();
    case TokenKind::KwGlobal: return parseNameList(true);
    case TokenKind::KwNonlocal: return parseNameList(false);
    case TokenKind::KwDel: return parseDelete();
    case TokenKind::KwAssert: return parseAssert();
    case TokenKind::KwImport: return parseImport();
    case TokenKind::KwFrom: return parseImportFrom();
    default: break;
    }
    if (!canStartExpression(t) && !t.is(TokenKind::Star) && !t.is(TokenKind::KwYield))
        expected("a statement");
    return parseExpressionStatement();
}

namespace {

bool augmentedOp(TokenKind k, BinOpKind& op) {
    switch (k) {
    case TokenKind::PlusEqual: op = BinOpKind::Add; return true;
    case TokenKind::MinusEqual: op = BinOpKind::Sub; return true;
    case TokenKind::StarEqual: op = BinOpKind::Mult; return true;
    case TokenKind::AtEqual: op = BinOpKind::MatMult; return true;
    case TokenKind::SlashEqual: op = BinOpKind::Div; return true;
    case TokenKind::DoubleSlashEqual: op = BinOpKind::FloorDiv; return true;
    case TokenKind::PercentEqual: op = BinOpKind::Mod; return true;
    case TokenKind::DoubleStarEqual: op = BinOpKind::Pow; return true;
    case TokenKind::LeftShiftEqual: op = BinOpKind::LShift; return true;
    case TokenKind::RightShiftEqual: op = BinOpKind::RShift; return true;
    case TokenKind::AmperEqual: op = BinOpKind::BitAnd; return true;
    case TokenKind::VBarEqual: op = BinOpKind::BitOr; return true;
    case TokenKind::CircumflexEqual: op = BinOpKind::BitXor; return true;
    default: return false;
    }
}

} // namespace

// Expression statements and the three assignments: `a = b = c`, `x: T = v`, `x += v`.
Own<Stmt> Parser::parseExpressionStatement() {
    SourceSpan start = peek().span;
    bool startsWithParen = check(TokenKind::LParen);
    auto rhs = [&]() {
        return check(TokenKind::KwYield) ? parseYieldExpression() : parseStarExpressions();
    };
    Own<Expr> first = rhs();
    if (check(TokenKind::Colon)) {
        if (first->is<Tuple>()) fail("only single target (not tuple) can be annotated", first->span);
        if (first->is<List>()) fail("only single target (not list) can be annotated", first->span);
        if (!first->is<Name>() && !first->is<Attribute>() && !first->is<Subscript>())
            fail("illegal target for annotation", first->span);
        advance();
        auto node = std::make_unique<AnnAssign>(start);
        node->simple = first->is<Name>() && !startsWithParen;
        node->target = std::move(first);
        node->annotation = parseExpression();
        if (accept(TokenKind::Equal)) node->value = rhs();
        node->span = spanFrom(start);
        return Own<Stmt>(std::move(node));
    }
    BinOpKind op;
    if (augmentedOp(peek().kind, op)) {
        checkTarget(*first, TargetUse::AugAssign);
        advance();
        auto node = std::make_unique<AugAssign>(start);
        node->target = std::move(first);
        node->op = op;
        node->value = rhs();
        node->span = spanFrom(start);
        return Own<Stmt>(std::move(node));
    }
    if (check(TokenKind::Equal)) {
        auto node = std::make_unique<Assign>(start);
        Own<Expr> current = std::move(first);
        while (accept(TokenKind::Equal)) {
            checkTarget(*current, TargetUse::Assign);
            node->targets.push_back(std::move(current));
            current = rhs();
        }
        node->value = std::move(current);
        node->span = spanFrom(start);
        return Own<Stmt>(std::move(node));
    }
    auto node = std::make_unique<ExprStmt>(start);
    node->value = std::move(first);
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseReturn() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Return>(start);
    if (canStartExpression(peek()) || check(TokenKind::Star)) node->value = parseStarExpressions();
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseRaise() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Raise>(start);
    if (canStartExpression(peek())) {
        node->exc = parseExpression();
        if (accept(TokenKind::KwFrom)) node->cause = parseExpression();
    }
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseNameList(bool global) {
    SourceSpan start = advance().span;
    std::vector<std::string> names;
    do {
        if (!check(TokenKind::Name)) expected("a name");
        names.emplace_back(advance().text);
    } while (accept(TokenKind::Comma));
    if (global) {
        auto node = std::make_unique<Global>(spanFrom(start));
        node->names = std::move(names);
        return Own<Stmt>(std::move(node));
    }
    auto node = std::make_unique<Nonlocal>(spanFrom(start));
    node->names = std::move(names);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseDelete() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Delete>(start);
    do {
        if (!canStartExpression(peek())) break;
        Own<Expr> target = parseBitOr();
        checkTarget(*target, TargetUse::Delete);
        node->targets.push_back(std::move(target));
    } while (accept(TokenKind::Comma));
    if (node->targets.empty()) expected("a target to delete");
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseAssert() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Assert>(start);
    node->test = parseExpression();
    if (accept(TokenKind::Comma)) node->msg = parseExpression();
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

std::string Parser::parseDottedName() {
    if (!check(TokenKind::Name)) expected("a module name");
    std::string name(advance().text);
    while (check(TokenKind::Dot) && check(TokenKind::Name, 1)) {
        advance();
        name += '.';
        name += advance().text;
    }
    if (check(TokenKind::Dot)) {
        advance();
        expected("a name after '.'");
    }
    return name;
}

Own<Stmt> Parser::parseImport() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Import>(start);
    do {
        Alias a;
        SourceSpan aliasStart = peek().span;
        a.name = parseDottedName();
        if (accept(TokenKind::KwAs)) {
            if (!check(TokenKind::Name)) expected("a name after 'as'");
            a.asname = std::string(advance().text);
        }
        a.span = spanFrom(aliasStart);
        node->names.push_back(std::move(a));
    } while (accept(TokenKind::Comma));
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseImportFrom() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<ImportFrom>(start);
    while (check(TokenKind::Dot) || check(TokenKind::Ellipsis))
        node->level += advance().is(TokenKind::Dot) ? 1 : 3;
    if (check(TokenKind::Name)) node->module = parseDottedName();
    else if (node->level == 0) expected("a module name");
    if (!accept(TokenKind::KwImport)) expected("'import'");
    if (check(TokenKind::Star)) {
        node->names.push_back(Alias{"*", "", advance().span});
        node->span = spanFrom(start);
        return Own<Stmt>(std::move(node));
    }
    bool parenthesized = accept(TokenKind::LParen);
    while (true) {
        if (!check(TokenKind::Name)) expected("a name to import");
        Alias a;
        SourceSpan aliasStart = peek().span;
        a.name = std::string(advance().text);
        if (accept(TokenKind::KwAs)) {
            if (!check(TokenKind::Name)) expected("a name after 'as'");
            a.asname = std::string(advance().text);
        }
        a.span = spanFrom(aliasStart);
        node->names.push_back(std::move(a));
        if (!accept(TokenKind::Comma)) break;
        if (parenthesized && check(TokenKind::RParen)) break;
        if (!parenthesized && !check(TokenKind::Name))
            failAtToken("trailing comma not allowed without surrounding parentheses");
    }
    if (parenthesized && !accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

// ---------------------------------------------------------------------------------------------
// Compound statements

Own<Stmt> Parser::parseDecorated() {
    ExprList decorators;
    while (accept(TokenKind::At)) {
        decorators.push_back(parseNamedExpression());
        if (!accept(TokenKind::Newline)) expected("end of line after the decorator");
    }
    SourceSpan start = peek().span;
    if (check(TokenKind::KwDef)) return parseFunctionDef(std::move(decorators), false, start);
    if (check(TokenKind::KwAsync) && check(TokenKind::KwDef, 1)) {
        advance();
        return parseFunctionDef(std::move(decorators), true, start);
    }
    if (check(TokenKind::KwClass)) return parseClassDef(std::move(decorators));
    expected("'def' or 'class' after the decorators");
}

Own<Stmt> Parser::parseFunctionDef(ExprList decorators, bool isAsync, const SourceSpan& start) {
    std::uint32_t line = advance().span.line;
    if (!check(TokenKind::Name)) expected("a function name");
    const Token& name = advance();
    auto fn = std::make_unique<FunctionDef>(start);
    fn->name = std::string(name.text);
    fn->nameSpan = name.span;
    fn->isAsync = isAsync;
    fn->decorators = std::move(decorators);
    if (!accept(TokenKind::LParen)) expected("'(' after the function name");
    parseParameters(fn->params, TokenKind::RParen, true);
    if (!accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
    if (accept(TokenKind::Arrow)) fn->returns = parseExpression();
    expectColon();
    parseBlock(fn->body, "function definition", line);
    fn->span = spanFrom(start);
    return Own<Stmt>(std::move(fn));
}

Own<Stmt> Parser::parseClassDef(ExprList decorators) {
    const Token& kw = advance();
    if (!check(TokenKind::Name)) expected("a class name");
    const Token& name = advance();
    auto cls = std::make_unique<ClassDef>(kw.span);
    cls->name = std::string(name.text);
    cls->nameSpan = name.span;
    cls->decorators = std::move(decorators);
    if (check(TokenKind::LParen)) {
        Own<Expr> call = parseCall(finish(std::make_unique<Name>(name.span, cls->name)), name.span);
        Call& c = call->cast<Call>();
        cls->bases = std::move(c.args);
        cls->keywords = std::move(c.keywords);
    }
    expectColon();
    parseBlock(cls->body, "class definition", kw.span.line);
    cls->span = spanFrom(kw.span);
    return Own<Stmt>(std::move(cls));
}

Own<Stmt> Parser::parseIf(bool isElif) {
    const Token& kw = advance();
    auto node = std::make_unique<If>(kw.span);
    node->isElif = isElif;
    node->test = parseNamedExpression();
    expectColon();
    parseBlock(node->body, isElif ? "'elif' statement" : "'if' statement", kw.span.line);
    if (check(TokenKind::KwElif)) {
        node->orelse.push_back(parseIf(true));
    } else if (check(TokenKind::KwElse)) {
        std::uint32_t line = advance().span.line;
        expectColon();
        parseBlock(node->orelse, "'else' statement", line);
    }
    node->span = spanFrom(kw.span);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseWhile() {
    const Token& kw = advance();
    auto node = std::make_unique<While>(kw.span);
    node->test = parseNamedExpression();
    expectColon();
    parseBlock(node->body, "'while' statement", kw.span.line);
    if (check(TokenKind::KwElse)) {
        std::uint32_t line = advance().span.line;
        expectColon();
        parseBlock(node->orelse, "'else' statement", line);
    }
    node->span = spanFrom(kw.span);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseFor(bool isAsync, const SourceSpan& start) {
    std::uint32_t line = advance().span.line;
    auto node = std::make_unique<For>(start);
    node->isAsync = isAsync;
    node->target = parseTargetList();
    checkTarget(*node->target, TargetUse::For);
    if (!accept(TokenKind::KwIn)) expected("'in'");
    node->iter = parseStarExpressions();
    expectColon();
    parseBlock(node->body, "'for' statement", line);
    if (check(TokenKind::KwElse)) {
        std::uint32_t elseLine = advance().span.line;
        expectColon();
        parseBlock(node->orelse, "'else' statement", elseLine);
    }
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

Own<Stmt> Parser::parseWith(bool isAsync, const SourceSpan& start) {
    std::uint32_t line = advance().span.line;
    auto node = std::make_unique<With>(start);
    node->isAsync = isAsync;
    if (check(TokenKind::LParen)) {
        // `with (a as b, c):` or `with (a, b) as c:`: try the first reading, fall back on the
        // second without reporting anything.
        std::size_t pos = m_pos;
        std::uint32_t endLine = m_prevEndLine, endCol = m_prevEndCol;
        bool ok = false;
        ++m_speculating;
        try {
            ok = parseParenthesizedWithItems(node->items);
        } catch (const SyntaxError&) {
        }
        --m_speculating;
        if (!ok) {
            m_pos = pos;
            m_prevEndLine = endLine;
            m_prevEndCol = endCol;
            node->items.clear();
        }
    }
    if (node->items.empty()) {
        do {
            node->items.push_back(parseWithItem());
        } while (accept(TokenKind::Comma));
    }
    expectColon();
    parseBlock(node->body, "'with' statement", line);
    node->span = spanFrom(start);
    return Own<Stmt>(std::move(node));
}

bool Parser::parseParenthesizedWithItems(std::vector<WithItem>& items) {
    advance();
    while (true) {
        items.push_back(parseWithItem());
        if (!accept(TokenKind::Comma) || check(TokenKind::RParen)) break;
    }
    return accept(TokenKind::RParen) && check(TokenKind::Colon);
}

WithItem Parser::parseWithItem() {
    WithItem item;
    item.contextExpr = parseExpression();
    if (accept(TokenKind::KwAs)) {
        item.optionalVars = check(TokenKind::Star) ? parseStarredItem() : parseBitOr();
        checkTarget(*item.optionalVars, TargetUse::With);
    }
    return item;
}

Own<Stmt> Parser::parseTry() {
    const Token& kw = advance();
    auto node = std::make_unique<Try>(kw.span);
    expectColon();
    parseBlock(node->body, "'try' statement", kw.span.line);
    bool sawPlain = false;
    while (check(TokenKind::KwExcept)) {
        ExceptHandler h;
        const Token& ex = advance();
        bool star = accept(TokenKind::Star);
        if ((star && sawPlain) || (!star && node->isStar))
            fail("cannot have both 'except' and 'except*' on the same 'try'", ex.span);
        node->isStar = star;
        sawPlain = !star;
        if (!check(TokenKind::Colon)) {
            h.type = parseExpression();
            if (check(TokenKind::Comma))
                fail("multiple exception types must be parenthesized", h.type->span);
            if (accept(TokenKind::KwAs)) {
                if (!check(TokenKind::Name)) expected("a name after 'as'");
                h.name = std::string(advance().text);
            }
        }
        expectColon();
        parseBlock(h.body, star ? "'except*' statement" : "'except' statement", ex.span.line);
        h.span = spanFrom(ex.span);
        node->handlers.push_back(std::move(h));
    }
    bool sawFinally = false;
    if (check(TokenKind::KwElse)) {
        std::uint32_t line = advance().span.line;
        expectColon();
        parseBlock(node->orelse, "'else' statement", line);
    }
    if (check(TokenKind::KwFinally)) {
        sawFinally = true;
        std::uint32_t line = advance().span.line;
        expectColon();
        parseBlock(node->finalbody, "'finally' statement", line);
    }
    if (node->handlers.empty() && !sawFinally)
        report("expected 'except' or 'finally' block", peek().span);
    node->span = spanFrom(kw.span);
    return Own<Stmt>(std::move(node));
}

// `match x:` followed by an indented `case`: the soft keyword starts a match statement.
bool Parser::looksLikeMatchStatement() const {
    std::size_t i = 1;
    while (!check(TokenKind::Newline, i) && !check(TokenKind::EndOfFile, i)) ++i;
    return i > 2 && check(TokenKind::Colon, i - 1) && check(TokenKind::Indent, i + 1) &&
           checkName("case", i + 2);
}

void Parser::skipUnsupportedMatch() {
    report("match statements are not supported", peek().span);
    while (!check(TokenKind::Newline)) advance();
    advance();
    int depth = 0;
    do {
        if (check(TokenKind::Indent)) ++depth;
        else if (check(TokenKind::Dedent)) --depth;
        advance();
    } while (depth > 0 && !check(TokenKind::EndOfFile));
}

// ---------------------------------------------------------------------------------------------
// Parameters and targets

Param Parser::parseParameter(ParamKind kind, bool annotations, bool starAnnotation) {
    if (!check(TokenKind::Name)) expected("a parameter name");
    const Token& name = advance();
    Param p;
    p.name = std::string(name.text);
    p.kind = kind;
    if (annotations && accept(TokenKind::Colon))
        p.annotation = starAnnotation && check(TokenKind::Star) ? parseStarredItem() : parseExpression();
    p.span = spanFrom(name.span);
    return p;
}

void Parser::parseParameters(Parameters& out, TokenKind closer, bool annotations) {
    bool sawDefault = false, sawSlash = false, sawStar = false, bareStar = false, sawKwargs = false;
    std::set<std::string> names;
    SourceSpan bareStarSpan;
    while (!check(closer)) {
        const Token& t = peek();
        std::size_t before = out.params.size();
        if (sawKwargs) failAtToken("arguments cannot follow var-keyword argument");
        if (t.is(TokenKind::Slash)) {
            if (sawSlash) failAtToken("/ may appear only once");
            if (sawStar) failAtToken("/ must be ahead of *");
            if (out.params.empty()) failAtToken("at least one argument must precede /");
            advance();
            sawSlash = true;
            for (Param& p : out.params) p.kind = ParamKind::PositionalOnly;
        } else if (t.is(TokenKind::Star)) {
            if (sawStar) failAtToken("* argument may appear only once");
            bareStarSpan = advance().span;
            sawStar = true;
            if (check(TokenKind::Comma) || check(closer)) bareStar = true;
            else out.params.push_back(parseParameter(ParamKind::VarArgs, annotations, true));
        } else if (t.is(TokenKind::DoubleStar)) {
            advance();
            out.params.push_back(parseParameter(ParamKind::VarKeywords, annotations, false));
            sawKwargs = true;
        } else {
            Param p = parseParameter(sawStar ? ParamKind::KeywordOnly : ParamKind::Regular, annotations, false);
            if (accept(TokenKind::Equal)) p.defaultValue = parseExpression();
            p.span = spanFrom(p.span);
            if (p.kind == ParamKind::Regular) {
                if (p.defaultValue) sawDefault = true;
                else if (sawDefault) fail("non-default argument follows default argument", p.span);
            }
            out.params.push_back(std::move(p));
        }
        const Param* last = out.params.size() > before ? &out.params.back() : nullptr;
        if (last && !names.insert(last->name).second)
            fail(fmt::format("duplicate argument '{}' in function definition", last->name), last->span);
        if (!accept(TokenKind::Comma)) break;
    }
    if (bareStar) {
        bool anyKeywordOnly = false;
        for (const Param& p : out.params) anyKeywordOnly |= p.kind == ParamKind::KeywordOnly;
        if (!anyKeywordOnly) fail("named arguments must follow bare *", bareStarSpan);
    }
}

// What Python calls an expression that cannot be a target, for the error message.
const char* targetDescription(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Constant: {
        const auto& c = e.cast<Constant>();
        if (c.valueKind == ConstantKind::None) return "None";
        if (c.valueKind == ConstantKind::Bool) return c.boolValue ? "True" : "False";
        if (c.valueKind == ConstantKind::Ellipsis) return "ellipsis";
        return "literal";
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::JoinedStr: return "f-string expression";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::List: return "list";
    case ExprKind::Starred: return "starred";
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Name: return "name";
    default: return "expression";
    }
}

void Parser::checkTarget(const Expr& e, TargetUse use) {
    auto bad = [&](const Expr& what) {
        const char* d = targetDescription(what);
        switch (use) {
        case TargetUse::Delete: fail(fmt::format("cannot delete {}", d), what.span);
        case TargetUse::AugAssign:
            fail(fmt::format("'{}' is an illegal expression for augmented assignment", d), what.span);
        default: fail(fmt::format("cannot assign to {}", d), what.span);
        }
    };
    switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript: return;
    case ExprKind::Tuple:
    case ExprKind::List: {
        if (use == TargetUse::AugAssign) bad(e);
        const ExprList& elts = e.is<Tuple>() ? e.cast<Tuple>().elts : e.cast<List>().elts;
        int starred = 0;
        for (const auto& elt : elts) {
            if (const auto* s = elt->as<Starred>()) {
                if (use == TargetUse::Delete) bad(*elt);
                if (++starred > 1) fail("multiple starred expressions in assignment", elt->span);
                checkTarget(*s->value, use);
            } else {
                checkTarget(*elt, use);
            }
        }
        return;
    }
    case ExprKind::Starred:
        if (use == TargetUse::Delete) bad(e);
        fail("starred assignment target must be in a list or tuple", e.span);
    default: bad(e);
    }
}

} // namespace tlift::frontend::py::detail
