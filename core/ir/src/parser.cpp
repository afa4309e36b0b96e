#include "tlift/ir/parser.h"

#include "tlift/ir/named_ops.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <variant>
#include <vector>

namespace tlift::ir {

namespace {

enum class Tok { End, Int, Float, Ident, Punct };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    std::uint32_t line = 1, col = 1;
};

struct ParseError {
    std::string message;
    std::uint32_t line, col;
};

class Lexer {
public:
    Lexer(std::string_view s, std::uint32_t line, std::uint32_t col) : m_s(s), m_line(line), m_col(col) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skipSpace();
            Token t;
            t.line = m_line;
            t.col = m_col;
            if (m_i >= m_s.size()) {
                out.push_back(t);
                return out;
            }
            char c = m_s[m_i];
            if (std::isdigit(static_cast<unsigned char>(c)) ||
                (c == '.' && m_i + 1 < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i + 1])))) {
                number(t);
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                std::size_t b = m_i;
                // Names may contain '.' and '@' between name characters (loop results: acc@L1.prev).
                while (m_i < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '_' ||
                                            ((m_s[m_i] == '.' || m_s[m_i] == '@') && m_i + 1 < m_s.size() &&
                                             (std::isalnum(static_cast<unsigned char>(m_s[m_i + 1])) || m_s[m_i + 1] == '_'))))
                    advance();
                t.kind = Tok::Ident;
                t.text = std::string(m_s.substr(b, m_i - b));
            } else if (c == '`') {
                advance();
                t.kind = Tok::Ident;
                while (m_i < m_s.size() && m_s[m_i] != '`') {
                    if (m_s[m_i] == '\\' && m_i + 1 < m_s.size()) advance();
                    t.text += m_s[m_i];
                    advance();
                }
                if (m_i >= m_s.size()) throw ParseError{"unterminated `name`", t.line, t.col};
                advance();
            } else {
                static const char* puncts[] = {"..", "//", "**", "<=", ">=", "==", "!=", "&&", "||", "<<", ">>",
                                               "(", ")", "[", "]", ",", ";", ":", "|", "+", "-", "*", "/", "%",
                                               "<", ">", "!", "&", "^", "~", "="};
                bool matched = false;
                for (const char* p : puncts) {
                    std::string_view ps(p);
                    if (m_s.substr(m_i, ps.size()) == ps) {
                        t.kind = Tok::Punct;
                        t.text = std::string(ps);
                        for (std::size_t k = 0; k < ps.size(); ++k) advance();
                        matched = true;
                        break;
                    }
                }
                if (!matched) throw ParseError{std::string("unexpected character '") + c + "'", t.line, t.col};
            }
            out.push_back(std::move(t));
        }
    }

private:
    void advance() {
        if (m_s[m_i] == '\n') {
            ++m_line;
            m_col = 1;
        } else {
            ++m_col;
        }
        ++m_i;
    }
    void skipSpace() {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i]))) advance();
    }
    void number(Token& t) {
        std::size_t b = m_i;
        bool isFloat = false;
        while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i]))) advance();
        if (m_i < m_s.size() && m_s[m_i] == '.' && !(m_i + 1 < m_s.size() && m_s[m_i + 1] == '.')) {
            isFloat = true;
            advance();
            while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i]))) advance();
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            std::size_t save = m_i;
            auto saveLine = m_line, saveCol = m_col;
            advance();
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-')) advance();
            if (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i]))) {
                isFloat = true;
                while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i]))) advance();
            } else {
                m_i = save;
                m_line = saveLine;
                m_col = saveCol;
            }
        }
        t.kind = isFloat ? Tok::Float : Tok::Int;
        t.text = std::string(m_s.substr(b, m_i - b));
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    std::uint32_t m_line, m_col;
};

// A parsed value: a built expression, or a literal whose type is decided by its context
// (`x + 1` with x: f64 makes the 1 an f64), like Python scalars in Triton.
struct Weak {
    enum Kind { Int, Float, Rat } kind;
    std::int64_t i = 0;
    double f = 0;
    Rational r;
    int negDepth = 0; // written as -(literal): a Neg node around the constant
};
using Value = std::variant<Expr, Weak>;

class Parser {
public:
    Parser(Context& ctx, std::vector<Token> toks, Scope scope) : m_ctx(ctx), m_toks(std::move(toks)), m_scope(std::move(scope)) {}

    Expr parseTop() {
        parseDecls();
        Expr e = materialize(parseExpr(), std::nullopt);
        expectEnd();
        return e;
    }

    Equation parseEq() {
        parseDecls();
        Equation eq;
        const Token& name = expectIdent("an output tensor name");
        auto it = m_scope.names.find(name.text);
        if (it == m_scope.names.end() || it->second.op() != Op::Tensor)
            fail(name, "unknown output tensor '" + name.text + "'");
        Expr t = it->second;
        if (accept("[")) {
            std::vector<Expr> idx;
            do {
                const Token& v = expectIdent("an index variable");
                auto found = m_scope.names.find(v.text);
                Expr var = found != m_scope.names.end() && found->second.op() == Op::Var ? found->second
                                                                                           : m_ctx.var(v.text);
                m_scope.names[v.text] = var;
                idx.push_back(var);
            } while (accept(","));
            expect("]");
            eq.lhs = check(m_ctx.tryRead(t, idx), name);
        } else {
            eq.lhs = t;
        }
        expect("=");
        eq.rhs = materialize(parseExpr(), eq.lhs.dtype());
        expectEnd();
        return eq;
    }

private:
    // ---- tokens ----
    const Token& peek(std::size_t k = 0) const { return m_toks[std::min(m_pos + k, m_toks.size() - 1)]; }
    const Token& next() {
        const Token& t = peek();
        if (m_pos < m_toks.size() - 1) ++m_pos;
        return t;
    }
    bool isPunct(const char* p, std::size_t k = 0) const { return peek(k).kind == Tok::Punct && peek(k).text == p; }
    bool accept(const char* p) {
        if (!isPunct(p)) return false;
        next();
        return true;
    }
    [[noreturn]] void fail(const Token& t, const std::string& msg) { throw ParseError{msg, t.line, t.col}; }
    void expect(const char* p) {
        if (!accept(p)) fail(peek(), std::string("expected '") + p + "'" + found());
    }
    std::string found() const {
        const Token& t = peek();
        return t.kind == Tok::End ? ", found the end of the text" : ", found '" + t.text + "'";
    }
    const Token& expectIdent(const char* what) {
        if (peek().kind != Tok::Ident) fail(peek(), std::string("expected ") + what + found());
        return next();
    }
    void expectEnd() {
        if (peek().kind != Tok::End) fail(peek(), "unexpected '" + peek().text + "' after the expression");
    }
    Expr check(util::Result<Expr> r, const Token& at) {
        if (!r) fail(at, r.error().message);
        return *r;
    }
    DType parseTypeName() {
        const Token& t = expectIdent("a type");
        auto d = parseDType(t.text);
        if (!d) fail(t, "unknown type '" + t.text + "'");
        return *d;
    }

    // ---- declarations ----
    void parseDecls() {
        while (peek().kind == Tok::Ident && peek(1).kind == Tok::Ident && isPunct(":", 2) &&
               (peek().text == "tensor" || peek().text == "sym" || peek().text == "var" || peek().text == "fun")) {
            std::string kw = next().text;
            std::string name = next().text;
            expect(":");
            DType t = parseTypeName();
            if (kw == "tensor") {
                std::vector<Expr> dims;
                expect("[");
                if (!isPunct("]")) {
                    do {
                        const Token& at = peek();
                        Expr d = materialize(parseExpr(), DType::I32);
                        if (!isInteger(d.dtype())) fail(at, "tensor dimensions must be integers");
                        dims.push_back(d);
                    } while (accept(","));
                }
                expect("]");
                m_scope.names[name] = m_ctx.tensor(name, t, dims);
            } else if (kw == "sym") {
                m_scope.names[name] = m_ctx.sym(name, t);
            } else if (kw == "var") {
                if (!isInteger(t)) fail(peek(), "variable '" + name + "' needs an integer type");
                m_scope.names[name] = m_ctx.var(name, t);
            } else {
                m_scope.functions[name] = t;
            }
            expect(";");
        }
    }

    // ---- literals ----
    Expr materialize(const Value& v, std::optional<DType> want) {
        if (auto* e = std::get_if<Expr>(&v)) return *e;
        const Weak& w = std::get<Weak>(v);
        if (w.negDepth > 0) {
            Weak inner = w;
            inner.negDepth = 0;
            Expr c = materialize(inner, want);
            for (int k = 0; k < w.negDepth; ++k) c = m_ctx.neg(c);
            return c;
        }
        DType t = want.value_or(w.kind == Weak::Int ? DType::I32 : DType::F32);
        if (t == DType::Bool) t = w.kind == Weak::Int ? DType::I32 : DType::F32;
        switch (w.kind) {
        case Weak::Int: return isFloat(t) ? m_ctx.floatConst(static_cast<double>(w.i), t) : m_ctx.intConst(w.i, t);
        case Weak::Float:
            if (!isFloat(t)) t = DType::F32;
            return m_ctx.floatConst(w.f, t);
        case Weak::Rat:
            if (!isFloat(t)) {
                if (w.r.den == 1) return m_ctx.intConst(w.r.num, t);
                t = DType::F32;
            }
            return m_ctx.rationalConst(w.r, t);
        }
        return Expr();
    }
    static std::optional<DType> typeOf(const Value& v) {
        if (auto* e = std::get_if<Expr>(&v)) return e->dtype();
        return std::nullopt;
    }
    // The type a weak literal takes next to `other`.
    std::pair<Expr, Expr> unify(const Value& a, const Value& b) {
        auto ta = typeOf(a), tb = typeOf(b);
        if (ta && tb) return {std::get<Expr>(a), std::get<Expr>(b)};
        if (ta) return {std::get<Expr>(a), materialize(b, ta)};
        if (tb) return {materialize(a, tb), std::get<Expr>(b)};
        bool anyFloat = std::get<Weak>(a).kind != Weak::Int || std::get<Weak>(b).kind != Weak::Int;
        DType t = anyFloat ? DType::F32 : DType::I32;
        return {materialize(a, t), materialize(b, t)};
    }

    Value literal(const Token& t, bool negate) {
        Weak w{};
        if (t.kind == Tok::Int) {
            std::int64_t v = 0;
            auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
            if (r.ec != std::errc()) fail(t, "integer literal out of range: " + t.text);
            w.kind = Weak::Int;
            w.i = negate ? -v : v;
        } else {
            w.kind = Weak::Float;
            w.f = std::strtod(t.text.c_str(), nullptr);
            if (negate) w.f = -w.f;
        }
        return withSuffix(w, t);
    }
    // `3:i64`, `1.5:f64`, `1/3:f64`: an explicit type makes the literal strong.
    Value withSuffix(Weak w, const Token& at) {
        if (!isPunct(":") || peek(1).kind != Tok::Ident || !parseDType(peek(1).text)) return w;
        next();
        DType t = parseTypeName();
        if (w.kind == Weak::Float && !isFloat(t)) fail(at, "float literal with integer type");
        if (w.kind == Weak::Rat && !isFloat(t) && w.r.den != 1) fail(at, "fraction with integer type");
        if (t == DType::Bool) fail(at, "use true/false for i1 constants");
        return materialize(w, t);
    }

    // ---- expressions (precedence climbing; see printer.cpp for the table) ----
    Value parseExpr() { return parseOr(); }

    Value parseOr() {
        Value l = parseAnd();
        while (isPunct("||")) {
            const Token& at = next();
            Value r = parseAnd();
            l = binary(Op::Or, l, r, at);
        }
        return l;
    }
    Value parseAnd() {
        Value l = parseCmp();
        while (isPunct("&&")) {
            const Token& at = next();
            Value r = parseCmp();
            l = binary(Op::And, l, r, at);
        }
        return l;
    }
    Value parseCmp() {
        Value l = parseBitOr();
        static const std::pair<const char*, Op> ops[] = {{"<", Op::Lt}, {"<=", Op::Le}, {">", Op::Gt},
                                                         {">=", Op::Ge}, {"==", Op::Eq}, {"!=", Op::Ne}};
        for (auto [p, op] : ops) {
            if (isPunct(p)) {
                const Token& at = next();
                Value r = parseBitOr();
                Value res = binary(op, l, r, at);
                for (auto [p2, op2] : ops)
                    if (isPunct(p2)) fail(peek(), "comparisons do not chain; use && to combine them");
                return res;
            }
        }
        return l;
    }
    template <class Next>
    Value leftAssoc(Next nextLevel, std::initializer_list<std::pair<const char*, Op>> ops) {
        Value l = (this->*nextLevel)();
        for (;;) {
            bool matched = false;
            for (auto [p, op] : ops) {
                if (isPunct(p)) {
                    const Token& at = next();
                    Value r = (this->*nextLevel)();
                    l = binary(op, l, r, at);
                    matched = true;
                    break;
                }
            }
            if (!matched) return l;
        }
    }
    Value parseBitOr() { return leftAssoc(&Parser::parseBitXor, {{"|", Op::BitOr}}); }
    Value parseBitXor() { return leftAssoc(&Parser::parseBitAnd, {{"^", Op::BitXor}}); }
    Value parseBitAnd() { return leftAssoc(&Parser::parseShift, {{"&", Op::BitAnd}}); }
    Value parseShift() { return leftAssoc(&Parser::parseAdd, {{"<<", Op::Shl}, {">>", Op::Shr}}); }
    Value parseAdd() { return leftAssoc(&Parser::parseMul, {{"+", Op::Add}, {"-", Op::Sub}}); }
    Value parseMul() {
        return leftAssoc(&Parser::parseUnary, {{"*", Op::Mul}, {"//", Op::FloorDiv}, {"/", Op::Div}, {"%", Op::Mod}});
    }
    Value parseUnary() {
        if (isPunct("-")) {
            const Token& at = next();
            // A minus directly before a number is part of the literal.
            if ((peek().kind == Tok::Int || peek().kind == Tok::Float) && !isPunct("**", 1)) {
                const Token& num = next();
                return postfix(literal(num, true), at);
            }
            if (peek().kind == Tok::Ident && (peek().text == "inf" || peek().text == "nan") && !isPunct("(", 1) &&
                !isPunct("[", 1) && !isPunct("**", 1)) {
                const Token& special = next();
                Weak w{};
                w.kind = Weak::Float;
                w.f = special.text == "inf" ? -std::numeric_limits<double>::infinity()
                                            : std::numeric_limits<double>::quiet_NaN();
                return withSuffix(w, special);
            }
            Value v = parseUnary();
            return unaryOp(Op::Neg, v, at);
        }
        if (isPunct("!")) {
            const Token& at = next();
            return unaryOp(Op::Not, parseUnary(), at);
        }
        if (isPunct("~")) {
            const Token& at = next();
            return unaryOp(Op::BitNot, parseUnary(), at);
        }
        return parsePow();
    }
    Value parsePow() {
        const Token& at = peek();
        Value base = parsePostfix();
        if (isPunct("**")) {
            const Token& op = next();
            Value exponent = parseUnary(); // right-associative, and -x on the right is allowed
            (void)at;
            return binary(Op::Pow, base, exponent, op);
        }
        return base;
    }
    Value parsePostfix() {
        const Token& at = peek();
        return postfix(parseAtom(), at);
    }
    Value postfix(Value v, const Token& at) {
        while (isPunct("[")) {
            const Token& br = next();
            Expr t = materialize(v, std::nullopt);
            std::vector<Expr> idx;
            if (!isPunct("]")) {
                do idx.push_back(materialize(parseExpr(), DType::I32));
                while (accept(","));
            }
            expect("]");
            v = check(m_ctx.tryRead(t, idx), br);
        }
        (void)at;
        return v;
    }

    Value binary(Op op, const Value& a, const Value& b, const Token& at) {
        // Two integer literals around '/' form an exact fraction.
        if (op == Op::Div) {
            auto* wa = std::get_if<Weak>(&a);
            auto* wb = std::get_if<Weak>(&b);
            if (wa && wb && wa->kind == Weak::Int && wb->kind == Weak::Int && !wa->negDepth && !wb->negDepth) {
                if (wb->i == 0) fail(at, "division by zero in a fraction literal");
                Weak w{};
                w.kind = Weak::Rat;
                w.r = Rational::make(wa->i, wb->i);
                return withSuffix(w, at);
            }
        }
        Value va = a, vb = b;
        if (op == Op::Div) {
            // True division of weak integers happens in floats.
            if (auto* w = std::get_if<Weak>(&va); w && !typeOf(vb)) va = materialize(*w, DType::F32);
            if (auto* w = std::get_if<Weak>(&vb); w && !typeOf(va)) vb = materialize(*w, DType::F32);
        }
        auto [x, y] = unify(va, vb);
        return check(m_ctx.tryBinary(op, x, y), at);
    }
    Value unaryOp(Op op, const Value& a, const Token& at) {
        if (auto* w = std::get_if<Weak>(&a); w && op == Op::Neg) {
            Weak n = *w;
            ++n.negDepth;
            return n;
        }
        std::optional<DType> want;
        if (op == Op::Not) want = DType::Bool;
        if (isUnaryMath(op) && op != Op::Abs) want = DType::F32;
        if (op == Op::Not && std::holds_alternative<Weak>(a)) fail(at, "'!' needs a boolean");
        return check(m_ctx.tryUnary(op, materialize(a, want)), at);
    }

    Value parseAtom() {
        const Token& t = peek();
        if (t.kind == Tok::Int || t.kind == Tok::Float) {
            next();
            return literal(t, false);
        }
        if (accept("(")) {
            Value v = parseExpr();
            expect(")");
            return v;
        }
        if (t.kind != Tok::Ident) fail(t, "expected an expression" + found());
        next();
        const std::string& name = t.text;
        if (isPunct("[") && reduceKindByName(name)) return reduction(*reduceKindByName(name), t);
        if (isPunct("(")) return call(t);
        if (name == "true" || name == "false") return m_ctx.boolConst(name == "true");
        if (name == "inf" || name == "nan") {
            Weak w{};
            w.kind = Weak::Float;
            w.f = name == "inf" ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
            return withSuffix(w, t);
        }
        for (auto it = m_bound.rbegin(); it != m_bound.rend(); ++it)
            if (it->name() == name) return *it;
        if (auto it = m_scope.names.find(name); it != m_scope.names.end()) return it->second;
        if (m_scope.implicitVars) return m_ctx.var(name);
        fail(t, "unknown name '" + name + "'");
    }

    Value reduction(ReduceKind kind, const Token& at) {
        expect("[");
        const Token& vt = expectIdent("a bound variable");
        DType vtype = DType::I32;
        if (accept(":")) {
            vtype = parseTypeName();
            if (!isInteger(vtype)) fail(vt, "bound variable needs an integer type");
        }
        Expr v = m_ctx.var(vt.text, vtype);
        const Token& inTok = peek();
        if (inTok.kind != Tok::Ident || inTok.text != "in") fail(inTok, "expected 'in'" + found());
        next();
        Expr lo = materialize(parseAdd(), vtype);
        expect("..");
        Expr hi = materialize(parseAdd(), vtype);
        m_bound.push_back(v);
        Expr guard = m_ctx.trueConst();
        if (accept("|")) guard = materialize(parseExpr(), DType::Bool);
        expect("]");
        expect("(");
        Value bodyV = parseExpr();
        expect(")");
        m_bound.pop_back();
        Expr body = materialize(bodyV, std::nullopt);
        return check(m_ctx.tryReduce(kind, v, lo, hi, guard, body), at);
    }

    std::vector<std::pair<std::string, Value>> callArgs() {
        std::vector<std::pair<std::string, Value>> args;
        expect("(");
        if (!isPunct(")")) {
            do {
                std::string key;
                if (peek().kind == Tok::Ident && isPunct("=", 1)) {
                    key = next().text;
                    next();
                }
                args.emplace_back(key, parseExpr());
            } while (accept(","));
        }
        expect(")");
        return args;
    }

    Value call(const Token& t) {
        const std::string& name = t.text;
        if (name == "cast" || name == "undef") {
            expect("(");
            Value a = parseExpr();
            expect(",");
            DType to = parseTypeName();
            expect(")");
            if (name == "undef") {
                auto* w = std::get_if<Weak>(&a);
                if (!w || w->kind != Weak::Int) fail(t, "undef needs an integer id");
                return m_ctx.undef(w->i, to);
            }
            return check(m_ctx.tryCast(materialize(a, std::nullopt), to), t);
        }
        auto args = callArgs();
        auto positional = [&](std::size_t n) {
            if (args.size() != n) fail(t, name + " takes " + std::to_string(n) + " arguments, got " + std::to_string(args.size()));
            for (auto& [k, v] : args)
                if (!k.empty()) fail(t, name + " takes no keyword arguments");
        };
        if (name == "where") {
            positional(3);
            Expr c = materialize(args[0].second, DType::Bool);
            auto [a, b] = unify(args[1].second, args[2].second);
            return check(m_ctx.trySelect(c, a, b), t);
        }
        if (auto op = opByName(name)) {
            const OpInfo& info = opInfo(*op);
            bool funcStyle = info.cls == OpClass::Math || *op == Op::Min || *op == Op::Max || *op == Op::TDiv ||
                             *op == Op::TRem || *op == Op::Pow || *op == Op::Xor || *op == Op::FloorDiv ||
                             *op == Op::Mod;
            if (funcStyle) {
                positional(static_cast<std::size_t>(info.arity));
                if (info.arity == 1) return unaryOp(*op, args[0].second, t);
                return binary(*op, args[0].second, args[1].second, t);
            }
        }
        if (const NamedOpInfo* info = findNamedOp(name)) return named(*info, args, t);
        if (auto it = m_scope.functions.find(name); it != m_scope.functions.end()) {
            std::vector<Expr> a;
            for (auto& [k, v] : args) {
                if (!k.empty()) fail(t, name + " takes no keyword arguments");
                a.push_back(materialize(v, DType::I32));
            }
            return m_ctx.apply(name, it->second, a);
        }
        fail(t, "unknown function '" + name + "'");
    }

    Value named(const NamedOpInfo& info, std::vector<std::pair<std::string, Value>>& args, const Token& t) {
        std::vector<std::optional<Value>> slots(info.params.size());
        std::size_t pos = 0;
        for (auto& [key, v] : args) {
            if (key.empty()) {
                if (pos >= slots.size()) fail(t, info.name + " takes at most " + std::to_string(slots.size()) + " arguments");
                slots[pos++] = v;
            } else {
                std::size_t k = 0;
                while (k < info.params.size() && info.params[k].name != key) ++k;
                if (k == info.params.size()) fail(t, info.name + " has no argument '" + key + "'");
                if (slots[k]) fail(t, info.name + ": argument '" + key + "' given twice");
                slots[k] = v;
            }
        }
        // The element type that weak scalars take: that of the first tensor argument.
        std::optional<DType> elem;
        for (std::size_t k = 0; k < slots.size(); ++k)
            if (slots[k] && info.params[k].kind == ParamKind::Tensor && typeOf(*slots[k])) {
                elem = typeOf(*slots[k]);
                break;
            }
        std::vector<Expr> kids;
        for (std::size_t k = 0; k < slots.size(); ++k) {
            const NamedParam& p = info.params[k];
            if (!slots[k]) {
                if (p.defaultText.empty()) fail(t, info.name + ": missing argument '" + p.name + "'");
                Lexer lx(p.defaultText, 1, 1);
                Parser sub(m_ctx, lx.run(), Scope{});
                slots[k] = sub.parseExpr();
            }
            std::optional<DType> want;
            switch (p.kind) {
            case ParamKind::Dim:
            case ParamKind::Int: want = DType::I32; break;
            case ParamKind::Bool: want = DType::Bool; break;
            case ParamKind::Scalar:
            case ParamKind::Tensor: want = elem && isFloat(*elem) ? elem : std::optional<DType>(DType::F32); break;
            }
            kids.push_back(materialize(*slots[k], want));
        }
        return check(m_ctx.tryNamed(info.name, kids), t);
    }

    Context& m_ctx;
    std::vector<Token> m_toks;
    std::size_t m_pos = 0;
    Scope m_scope;
    std::vector<Expr> m_bound;
};

template <class T, class F>
util::Result<T> runParser(std::string_view text, const ParseOptions& opts, F&& body) {
    try {
        Lexer lx(text, opts.line, opts.col);
        return body(lx.run());
    } catch (const ParseError& e) {
        util::SourceSpan span{opts.file, e.line, e.col, e.line, e.col + 1};
        std::string msg = e.message;
        if (opts.file == util::kNoFile) msg = std::to_string(e.line) + ":" + std::to_string(e.col) + ": " + msg;
        return util::Result<T>::failure("syntax", msg, span);
    } catch (const IrError& e) {
        return util::Result<T>::failure("type", e.what());
    }
}

} // namespace

util::Result<Expr> parseExpr(Context& ctx, std::string_view text, Scope scope, ParseOptions opts) {
    return runParser<Expr>(text, opts, [&](std::vector<Token> toks) {
        Parser p(ctx, std::move(toks), std::move(scope));
        return p.parseTop();
    });
}

util::Result<Equation> parseEquation(Context& ctx, std::string_view text, Scope scope, ParseOptions opts) {
    return runParser<Equation>(text, opts, [&](std::vector<Token> toks) {
        Parser p(ctx, std::move(toks), std::move(scope));
        return p.parseEq();
    });
}

} // namespace tlift::ir
