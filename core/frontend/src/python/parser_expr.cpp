// Expressions, by precedence from lowest to highest:
// lambda < if-else < or < and < not < comparisons < | < ^ < & < shifts < + - < * / // % @
// < unary + - ~ < ** < await < primary (calls, subscripts, attributes) < atoms.
#include "parser_impl.h"
#include "tlift/frontend/python/lexer.h"

#include <fmt/format.h>

namespace tlift::frontend::py::detail {

using util::SourceSpan;

bool Parser::canStartExpression(const Token& t) const {
    switch (t.kind) {
    case TokenKind::Name:
    case TokenKind::Number:
    case TokenKind::String:
    case TokenKind::LParen:
    case TokenKind::LBracket:
    case TokenKind::LBrace:
    case TokenKind::Minus:
    case TokenKind::Plus:
    case TokenKind::Tilde:
    case TokenKind::Ellipsis:
    case TokenKind::KwNot:
    case TokenKind::KwLambda:
    case TokenKind::KwAwait:
    case TokenKind::KwNone:
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: return true;
    default: return false;
    }
}

bool Parser::atComprehension() const {
    return check(TokenKind::KwFor) || (check(TokenKind::KwAsync) && check(TokenKind::KwFor, 1));
}

void Parser::missingCloser(TokenKind closer) {
    if (canStartExpression(peek()))
        failAtToken("invalid syntax; perhaps you forgot a comma?");
    expected(fmt::format("',' or '{}'", tokenKindName(closer)));
}

Own<Expr> Parser::parseStarredItem() {
    SourceSpan start = advance().span;
    Own<Expr> value = parseBitOr();
    auto node = std::make_unique<Starred>(spanFrom(start));
    node->value = std::move(value);
    return finish(std::move(node));
}

Own<Expr> Parser::parseStarExpressions() {
    SourceSpan start = peek().span;
    Own<Expr> first = parseStarExpression();
    if (!check(TokenKind::Comma)) {
        if (first->is<Starred>()) fail("can't use starred expression here", first->span);
        return first;
    }
    auto tuple = std::make_unique<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (!canStartExpression(peek()) && !check(TokenKind::Star)) break;
        tuple->elts.push_back(parseStarExpression());
    }
    tuple->span = spanFrom(start);
    return finish(std::move(tuple));
}

Own<Expr> Parser::parseStarExpression() {
    if (check(TokenKind::Star)) return parseStarredItem();
    return parseExpression();
}

Own<Expr> Parser::parseStarNamedExpression() {
    if (check(TokenKind::Star)) return parseStarredItem();
    return parseNamedExpression();
}

Own<Expr> Parser::parseExpressionList() {
    SourceSpan start = peek().span;
    Own<Expr> first = parseExpression();
    if (!check(TokenKind::Comma)) return first;
    auto tuple = std::make_unique<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (!canStartExpression(peek())) break;
        tuple->elts.push_back(parseExpression());
    }
    tuple->span = spanFrom(start);
    return finish(std::move(tuple));
}

Own<Expr> Parser::parseNamedExpression() {
    if (check(TokenKind::Name) && check(TokenKind::ColonEqual, 1)) {
        const Token& name = advance();
        advance();
        auto node = std::make_unique<NamedExpr>(name.span);
        node->target = finish(std::make_unique<Name>(name.span, std::string(name.text)));
        node->value = parseExpression();
        node->span = spanFrom(name.span);
        return finish(std::move(node));
    }
    Own<Expr> e = parseExpression();
    if (check(TokenKind::ColonEqual))
        fail(fmt::format("cannot use assignment expressions with {}", targetDescription(*e)), e->span);
    return e;
}

Own<Expr> Parser::parseExpression() {
    NestingGuard guard(*this);
    if (check(TokenKind::KwLambda)) return parseLambda();
    SourceSpan start = peek().span;
    Own<Expr> body = parseDisjunction();
    if (!check(TokenKind::KwIf)) return body;
    advance();
    auto node = std::make_unique<IfExp>(start);
    node->body = std::move(body);
    node->test = parseDisjunction();
    if (!accept(TokenKind::KwElse)) expected("'else' after the condition of a conditional expression");
    node->orelse = parseExpression();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseLambda() {
    SourceSpan start = advance().span;
    auto node = std::make_unique<Lambda>(start);
    parseParameters(node->params, TokenKind::Colon, false);
    expect(TokenKind::Colon);
    node->body = parseExpression();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseDisjunction() {
    SourceSpan start = peek().span;
    Own<Expr> first = parseConjunction();
    if (!check(TokenKind::KwOr)) return first;
    auto node = std::make_unique<BoolOp>(start);
    node->op = BoolOpKind::Or;
    node->values.push_back(std::move(first));
    while (accept(TokenKind::KwOr)) node->values.push_back(parseConjunction());
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseConjunction() {
    SourceSpan start = peek().span;
    Own<Expr> first = parseInversion();
    if (!check(TokenKind::KwAnd)) return first;
    auto node = std::make_unique<BoolOp>(start);
    node->op = BoolOpKind::And;
    node->values.push_back(std::move(first));
    while (accept(TokenKind::KwAnd)) node->values.push_back(parseInversion());
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseInversion() {
    if (!check(TokenKind::KwNot)) return parseComparison();
    NestingGuard guard(*this);
    SourceSpan start = advance().span;
    auto node = std::make_unique<UnaryOp>(start);
    node->op = UnaryOpKind::Not;
    node->operand = parseInversion();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseComparison() {
    SourceSpan start = peek().span;
    Own<Expr> left = parseBitOr();
    std::unique_ptr<Compare> node;
    while (true) {
        CmpOpKind op;
        switch (peek().kind) {
        case TokenKind::EqEqual: op = CmpOpKind::Eq; break;
        case TokenKind::NotEqual: op = CmpOpKind::NotEq; break;
        case TokenKind::Less: op = CmpOpKind::Lt; break;
        case TokenKind::LessEqual: op = CmpOpKind::LtE; break;
        case TokenKind::Greater: op = CmpOpKind::Gt; break;
        case TokenKind::GreaterEqual: op = CmpOpKind::GtE; break;
        case TokenKind::KwIn: op = CmpOpKind::In; break;
        case TokenKind::KwIs: op = check(TokenKind::KwNot, 1) ? CmpOpKind::IsNot : CmpOpKind::Is; break;
        case TokenKind::KwNot:
            if (!check(TokenKind::KwIn, 1)) goto done;
            op = CmpOpKind::NotIn;
            break;
        default: goto done;
        }
        advance();
        if (op == CmpOpKind::IsNot || op == CmpOpKind::NotIn) advance();
        if (!node) {
            node = std::make_unique<Compare>(start);
            node->left = std::move(left);
        }
        node->ops.push_back(op);
        node->comparators.push_back(parseBitOr());
    }
done:
    if (!node) return left;
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseBinaryChain(Own<Expr> (Parser::*operand)(), const TokenKind* ops,
                                   const BinOpKind* kinds, std::size_t n) {
    SourceSpan start = peek().span;
    Own<Expr> left = (this->*operand)();
    while (true) {
        std::size_t i = 0;
        while (i < n && !check(ops[i])) ++i;
        if (i == n) return left;
        advance();
        Own<Expr> right = (this->*operand)();
        auto node = std::make_unique<BinOp>(spanFrom(start));
        node->op = kinds[i];
        node->left = std::move(left);
        node->right = std::move(right);
        left = finish(std::move(node));
    }
}

Own<Expr> Parser::parseBitOr() {
    static constexpr TokenKind ops[] = {TokenKind::VBar};
    static constexpr BinOpKind kinds[] = {BinOpKind::BitOr};
    return parseBinaryChain(&Parser::parseBitXor, ops, kinds, 1);
}

Own<Expr> Parser::parseBitXor() {
    static constexpr TokenKind ops[] = {TokenKind::Circumflex};
    static constexpr BinOpKind kinds[] = {BinOpKind::BitXor};
    return parseBinaryChain(&Parser::parseBitAnd, ops, kinds, 1);
}

Own<Expr> Parser::parseBitAnd() {
    static constexpr TokenKind ops[] = {TokenKind::Amper};
    static constexpr BinOpKind kinds[] = {BinOpKind::BitAnd};
    return parseBinaryChain(&Parser::parseShift, ops, kinds, 1);
}

Own<Expr> Parser::parseShift() {
    static constexpr TokenKind ops[] = {TokenKind::LeftShift, TokenKind::RightShift};
    static constexpr BinOpKind kinds[] = {BinOpKind::LShift, BinOpKind::RShift};
    return parseBinaryChain(&Parser::parseSum, ops, kinds, 2);
}

Own<Expr> Parser::parseSum() {
    static constexpr TokenKind ops[] = {TokenKind::Plus, TokenKind::Minus};
    static constexpr BinOpKind kinds[] = {BinOpKind::Add, BinOpKind::Sub};
    return parseBinaryChain(&Parser::parseTerm, ops, kinds, 2);
}

Own<Expr> Parser::parseTerm() {
    static constexpr TokenKind ops[] = {TokenKind::Star, TokenKind::Slash, TokenKind::DoubleSlash,
                                        TokenKind::Percent, TokenKind::At};
    static constexpr BinOpKind kinds[] = {BinOpKind::Mult, BinOpKind::Div, BinOpKind::FloorDiv,
                                          BinOpKind::Mod, BinOpKind::MatMult};
    return parseBinaryChain(&Parser::parseFactor, ops, kinds, 5);
}

Own<Expr> Parser::parseFactor() {
    UnaryOpKind op;
    switch (peek().kind) {
    case TokenKind::Plus: op = UnaryOpKind::UAdd; break;
    case TokenKind::Minus: op = UnaryOpKind::USub; break;
    case TokenKind::Tilde: op = UnaryOpKind::Invert; break;
    default: return parsePower();
    }
    NestingGuard guard(*this);
    SourceSpan start = advance().span;
    auto node = std::make_unique<UnaryOp>(start);
    node->op = op;
    node->operand = parseFactor();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

// `**` binds tighter than a unary operator on its left and looser than one on its right:
// -x**-y is -(x**(-y)).
Own<Expr> Parser::parsePower() {
    SourceSpan start = peek().span;
    Own<Expr> base = parseAwaitPrimary();
    if (!check(TokenKind::DoubleStar)) return base;
    advance();
    NestingGuard guard(*this);
    auto node = std::make_unique<BinOp>(start);
    node->op = BinOpKind::Pow;
    node->left = std::move(base);
    node->right = parseFactor();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseAwaitPrimary() {
    if (!check(TokenKind::KwAwait)) return parsePrimary();
    SourceSpan start = advance().span;
    auto node = std::make_unique<Await>(start);
    node->value = parsePrimary();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parsePrimary() {
    SourceSpan start = peek().span;
    Own<Expr> e = parseAtom();
    while (true) {
        if (check(TokenKind::Dot)) {
            advance();
            if (!check(TokenKind::Name)) expected("an attribute name after '.'");
            const Token& name = advance();
            auto node = std::make_unique<Attribute>(spanFrom(start));
            node->value = std::move(e);
            node->attr = std::string(name.text);
            node->attrSpan = name.span;
            e = finish(std::move(node));
        } else if (check(TokenKind::LParen)) {
            e = parseCall(std::move(e), start);
        } else if (check(TokenKind::LBracket)) {
            e = parseSubscript(std::move(e), start);
        } else {
            return e;
        }
    }
}

Own<Expr> Parser::parseCall(Own<Expr> func, const SourceSpan& start) {
    SourceSpan open = advance().span;
    auto node = std::make_unique<Call>(start);
    node->func = std::move(func);
    bool sawKeyword = false, sawDoubleStar = false;
    Expr* genexp = nullptr;
    while (!check(TokenKind::RParen)) {
        SourceSpan argStart = peek().span;
        if (check(TokenKind::Star)) {
            if (sawDoubleStar)
                failAtToken("iterable argument unpacking follows keyword argument unpacking");
            // In a call the operand of * is a full expression: f(*a if c else b).
            advance();
            auto starred = std::make_unique<Starred>(argStart);
            starred->value = parseExpression();
            starred->span = spanFrom(argStart);
            node->args.push_back(finish(std::move(starred)));
        } else if (check(TokenKind::DoubleStar)) {
            advance();
            Keyword kw;
            kw.value = parseExpression();
            kw.span = spanFrom(argStart);
            node->keywords.push_back(std::move(kw));
            sawDoubleStar = true;
        } else if (check(TokenKind::Name) && check(TokenKind::Equal, 1)) {
            Keyword kw;
            kw.name = std::string(advance().text);
            advance();
            kw.value = parseExpression();
            kw.span = spanFrom(argStart);
            node->keywords.push_back(std::move(kw));
            sawKeyword = true;
        } else {
            Own<Expr> arg = parseNamedExpression();
            if (atComprehension()) {
                auto gen = std::make_unique<GeneratorExp>(argStart);
                gen->elt = std::move(arg);
                gen->generators = parseComprehensionClauses();
                gen->span = spanFrom(argStart);
                arg = finish(std::move(gen));
                genexp = arg.get();
            }
            if (sawDoubleStar)
                fail("positional argument follows keyword argument unpacking", arg->span);
            if (sawKeyword) fail("positional argument follows keyword argument", arg->span);
            node->args.push_back(std::move(arg));
        }
        if (!accept(TokenKind::Comma)) break;
    }
    if (!check(TokenKind::RParen)) missingCloser(TokenKind::RParen);
    advance();
    if (genexp && node->args.size() + node->keywords.size() > 1)
        fail("Generator expression must be parenthesized", genexp->span);
    // A generator expression that is the only argument borrows the call's parentheses.
    if (genexp) genexp->span = spanFrom(open);
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseSubscript(Own<Expr> value, const SourceSpan& start) {
    advance();
    auto node = std::make_unique<Subscript>(start);
    node->value = std::move(value);
    node->indices.push_back(parseSliceItem());
    while (accept(TokenKind::Comma)) {
        node->tupleIndex = true;
        if (check(TokenKind::RBracket)) break;
        node->indices.push_back(parseSliceItem());
    }
    if (!check(TokenKind::RBracket)) missingCloser(TokenKind::RBracket);
    advance();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseSliceItem() {
    if (check(TokenKind::Star)) return parseStarredItem();
    SourceSpan start = peek().span;
    Own<Expr> lower;
    if (!check(TokenKind::Colon)) {
        lower = parseNamedExpression();
        if (!check(TokenKind::Colon)) return lower;
    }
    advance();
    auto endsPart = [&] {
        return check(TokenKind::Colon) || check(TokenKind::Comma) || check(TokenKind::RBracket);
    };
    auto node = std::make_unique<Slice>(start);
    node->lower = std::move(lower);
    if (!endsPart()) node->upper = parseExpression();
    if (accept(TokenKind::Colon) && !endsPart()) node->step = parseExpression();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

Own<Expr> Parser::parseAtom() {
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::Name: {
        advance();
        return finish(std::make_unique<Name>(t.span, std::string(t.text)));
    }
    case TokenKind::Number: return parseNumber();
    case TokenKind::String: return parseStrings();
    case TokenKind::KwNone:
    case TokenKind::KwTrue:
    case TokenKind::KwFalse:
    case TokenKind::Ellipsis: {
        advance();
        auto c = std::make_unique<Constant>(t.span);
        c->valueKind = t.kind == TokenKind::KwNone       ? ConstantKind::None
                       : t.kind == TokenKind::Ellipsis ? ConstantKind::Ellipsis
                                                        : ConstantKind::Bool;
        c->boolValue = t.kind == TokenKind::KwTrue;
        return finish(std::move(c));
    }
    case TokenKind::LParen: return parseParenthesized();
    case TokenKind::LBracket: return parseListDisplay();
    case TokenKind::LBrace: return parseBraceDisplay();
    default: expected("an expression");
    }
}

Own<Expr> Parser::parseNumber() {
    const Token& t = advance();
    NumberValue v = decodeNumber(t.text);
    auto c = std::make_unique<Constant>(t.span);
    c->text = std::string(t.text);
    switch (v.kind) {
    case NumberValue::Kind::Int:
        c->valueKind = ConstantKind::Int;
        c->intValue = v.intValue;
        c->bigInt = v.overflow;
        break;
    case NumberValue::Kind::Float:
        c->valueKind = ConstantKind::Float;
        c->floatValue = v.floatValue;
        break;
    case NumberValue::Kind::Imaginary:
        c->valueKind = ConstantKind::Imaginary;
        c->floatValue = v.floatValue;
        break;
    }
    return finish(std::move(c));
}

// Adjacent string literals are one value ("a" "b" == "ab"); with an f-string among them the
// result is a JoinedStr.
Own<Expr> Parser::parseStrings() {
    SourceSpan start = peek().span;
    std::vector<const Token*> parts;
    while (check(TokenKind::String)) parts.push_back(&advance());
    bool anyFormat = false, anyBytes = false, anyText = false;
    for (const Token* t : parts) {
        anyFormat |= (t->stringFlags & kStrFormat) != 0;
        anyBytes |= (t->stringFlags & kStrBytes) != 0;
        anyText |= (t->stringFlags & kStrBytes) == 0;
    }
    SourceSpan span = spanFrom(start);
    if (anyBytes && anyText) fail("cannot mix bytes and nonbytes literals", span);
    if (anyFormat) {
        auto j = std::make_unique<JoinedStr>(span);
        for (const Token* t : parts) {
            bool formatted = (t->stringFlags & kStrFormat) != 0;
            if (!formatted && !j->pieces.empty() && !j->pieces.back().formatted)
                j->pieces.back().text += t->value;
            else
                j->pieces.push_back({formatted, t->value});
        }
        return finish(std::move(j));
    }
    auto c = std::make_unique<Constant>(span);
    c->valueKind = anyBytes ? ConstantKind::Bytes : ConstantKind::String;
    for (const Token* t : parts) c->stringValue += t->value;
    return finish(std::move(c));
}

Own<Expr> Parser::parseParenthesized() {
    SourceSpan start = advance().span;
    if (accept(TokenKind::RParen)) {
        auto t = std::make_unique<Tuple>(spanFrom(start));
        t->parenthesized = true;
        return finish(std::move(t));
    }
    if (check(TokenKind::KwYield)) {
        Own<Expr> y = parseYieldExpression();
        if (!accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
        return y;
    }
    Own<Expr> first = parseStarNamedExpression();
    if (atComprehension()) {
        if (first->is<Starred>()) fail("iterable unpacking cannot be used in comprehension", first->span);
        auto gen = std::make_unique<GeneratorExp>(start);
        gen->elt = std::move(first);
        gen->generators = parseComprehensionClauses();
        if (!accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
        gen->span = spanFrom(start);
        return finish(std::move(gen));
    }
    if (check(TokenKind::Comma)) {
        auto tuple = std::make_unique<Tuple>(start);
        tuple->parenthesized = true;
        tuple->elts.push_back(std::move(first));
        while (accept(TokenKind::Comma)) {
            if (check(TokenKind::RParen)) break;
            tuple->elts.push_back(parseStarNamedExpression());
        }
        if (!accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
        tuple->span = spanFrom(start);
        return finish(std::move(tuple));
    }
    if (!accept(TokenKind::RParen)) missingCloser(TokenKind::RParen);
    if (first->is<Starred>()) fail("can't use starred expression here", first->span);
    return first;
}

Own<Expr> Parser::parseListDisplay() {
    SourceSpan start = advance().span;
    auto list = std::make_unique<List>(start);
    if (accept(TokenKind::RBracket)) {
        list->span = spanFrom(start);
        return finish(std::move(list));
    }
    Own<Expr> first = parseStarNamedExpression();
    if (atComprehension()) {
        if (first->is<Starred>()) fail("iterable unpacking cannot be used in comprehension", first->span);
        auto comp = std::make_unique<ListComp>(start);
        comp->elt = std::move(first);
        comp->generators = parseComprehensionClauses();
        if (!accept(TokenKind::RBracket)) missingCloser(TokenKind::RBracket);
        comp->span = spanFrom(start);
        return finish(std::move(comp));
    }
    list->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (check(TokenKind::RBracket)) break;
        list->elts.push_back(parseStarNamedExpression());
    }
    if (!accept(TokenKind::RBracket)) missingCloser(TokenKind::RBracket);
    list->span = spanFrom(start);
    return finish(std::move(list));
}

Own<Expr> Parser::parseBraceDisplay() {
    SourceSpan start = advance().span;
    if (accept(TokenKind::RBrace)) return finish(std::make_unique<Dict>(spanFrom(start)));
    if (accept(TokenKind::DoubleStar)) return parseDictDisplay(start, nullptr, parseBitOr());
    Own<Expr> first = parseStarNamedExpression();
    if (accept(TokenKind::Colon)) {
        if (first->is<Starred>()) fail("cannot use a starred expression in a dictionary key", first->span);
        Own<Expr> value = parseExpression();
        if (!atComprehension()) return parseDictDisplay(start, std::move(first), std::move(value));
        auto comp = std::make_unique<DictComp>(start);
        comp->key = std::move(first);
        comp->value = std::move(value);
        comp->generators = parseComprehensionClauses();
        if (!accept(TokenKind::RBrace)) missingCloser(TokenKind::RBrace);
        comp->span = spanFrom(start);
        return finish(std::move(comp));
    }
    if (atComprehension()) {
        if (first->is<Starred>()) fail("iterable unpacking cannot be used in comprehension", first->span);
        auto comp = std::make_unique<SetComp>(start);
        comp->elt = std::move(first);
        comp->generators = parseComprehensionClauses();
        if (!accept(TokenKind::RBrace)) missingCloser(TokenKind::RBrace);
        comp->span = spanFrom(start);
        return finish(std::move(comp));
    }
    auto set = std::make_unique<Set>(start);
    set->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (check(TokenKind::RBrace)) break;
        set->elts.push_back(parseStarNamedExpression());
    }
    if (!accept(TokenKind::RBrace)) missingCloser(TokenKind::RBrace);
    set->span = spanFrom(start);
    return finish(std::move(set));
}

Own<Expr> Parser::parseDictDisplay(const SourceSpan& start, Own<Expr> key, Own<Expr> value) {
    auto dict = std::make_unique<Dict>(start);
    dict->keys.push_back(std::move(key));
    dict->values.push_back(std::move(value));
    while (accept(TokenKind::Comma)) {
        if (check(TokenKind::RBrace)) break;
        if (accept(TokenKind::DoubleStar)) {
            dict->keys.push_back(nullptr);
            dict->values.push_back(parseBitOr());
            continue;
        }
        dict->keys.push_back(parseExpression());
        if (!accept(TokenKind::Colon)) expected("':' after the dictionary key");
        dict->values.push_back(parseExpression());
    }
    if (!accept(TokenKind::RBrace)) missingCloser(TokenKind::RBrace);
    dict->span = spanFrom(start);
    return finish(std::move(dict));
}

Own<Expr> Parser::parseYieldExpression() {
    SourceSpan start = advance().span;
    if (accept(TokenKind::KwFrom)) {
        auto node = std::make_unique<YieldFrom>(start);
        node->value = parseExpression();
        node->span = spanFrom(start);
        return finish(std::move(node));
    }
    auto node = std::make_unique<Yield>(start);
    if (canStartExpression(peek()) || check(TokenKind::Star)) node->value = parseStarExpressions();
    node->span = spanFrom(start);
    return finish(std::move(node));
}

std::vector<Comprehension> Parser::parseComprehensionClauses() {
    std::vector<Comprehension> gens;
    while (atComprehension()) {
        Comprehension c;
        SourceSpan start = peek().span;
        c.isAsync = accept(TokenKind::KwAsync);
        advance();
        c.target = parseTargetList();
        checkTarget(*c.target, TargetUse::For);
        if (!accept(TokenKind::KwIn)) expected("'in'");
        c.iter = parseDisjunction();
        while (accept(TokenKind::KwIf)) c.ifs.push_back(parseDisjunction());
        c.span = spanFrom(start);
        gens.push_back(std::move(c));
    }
    return gens;
}

Own<Expr> Parser::parseTargetList() {
    SourceSpan start = peek().span;
    auto item = [&]() { return check(TokenKind::Star) ? parseStarredItem() : parseBitOr(); };
    Own<Expr> first = item();
    if (!check(TokenKind::Comma)) return first;
    auto tuple = std::make_unique<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (!canStartExpression(peek()) && !check(TokenKind::Star)) break;
        tuple->elts.push_back(item());
    }
    tuple->span = spanFrom(start);
    return finish(std::move(tuple));
}

} // namespace tlift::frontend::py::detail
