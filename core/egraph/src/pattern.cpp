#include "tlift/egraph/pattern.h"

#include "tlift/egraph/analysis.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/poly.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tlift::egraph {

using ir::DType;
using ir::Expr;
using ir::Op;

// ---- literals ----

double Literal::value() const {
    switch (kind) {
    case Int: return static_cast<double>(i);
    case Rational: return r.toDouble();
    case Float: return f;
    case Bool: return b ? 1 : 0;
    }
    return 0;
}

std::string Literal::text() const {
    std::string s;
    switch (kind) {
    case Int: s = std::to_string(i); break;
    case Rational: s = std::to_string(r.num) + "/" + std::to_string(r.den); break;
    case Float: {
        s = util::formatDouble(f);
        if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
        break;
    }
    case Bool: s = b ? "true" : "false"; break;
    }
    if (dtype) s += ":" + std::string(ir::dtypeName(*dtype));
    return s;
}

bool Literal::matches(Expr c) const {
    if (!c || c.op() != Op::Const) return false;
    if (dtype && c.dtype() != *dtype) return false;
    if (kind == Bool) return c.constKind() == ir::ConstKind::Bool && c.boolValue() == b;
    if (c.constKind() == ir::ConstKind::Bool) return false;
    if (kind == Rational || kind == Int) {
        ir::Rational want = kind == Int ? ir::Rational{i, 1} : r;
        if (c.constKind() == ir::ConstKind::Int || c.constKind() == ir::ConstKind::Rational)
            return c.rationalValue() == want;
        double f = c.floatValue();
        if (kind == Int) return f == static_cast<double>(i);
        if (f == 0.0) return want.num == 0;
        auto exact = ir::exactRational(f);
        return exact && *exact == want;
    }
    return c.numericValue() == f;
}

Expr Literal::make(ir::Context& ctx, DType t) const {
    if (dtype) t = *dtype;
    switch (kind) {
    case Bool: return t == DType::Bool ? ctx.boolConst(b) : Expr();
    case Int:
        if (ir::isFloat(t)) return ctx.floatConst(static_cast<double>(i), t);
        if (ir::isInteger(t)) return ctx.intConst(i, t);
        return Expr();
    case Rational:
        if (ir::isFloat(t)) return ctx.rationalConst(r, t);
        if (ir::isInteger(t) && r.den == 1) return ctx.intConst(r.num, t);
        return Expr();
    case Float: return ir::isFloat(t) ? ctx.floatConst(f, t) : Expr();
    }
    return Expr();
}

// ---- operator keys ----

namespace {

std::uint64_t packKey(Op op, std::uint8_t sub, int named, DType cast) {
    return static_cast<std::uint64_t>(op) | (static_cast<std::uint64_t>(sub) << 8) |
           (static_cast<std::uint64_t>(static_cast<std::uint16_t>(named + 1)) << 16) |
           (static_cast<std::uint64_t>(cast) << 32);
}

} // namespace

std::uint64_t opKeyOf(const PatternNode& p) {
    return packKey(p.op, p.op == Op::Reduce ? p.sub : 0, p.op == Op::Named ? p.named : -1,
                   p.op == Op::Cast ? p.castTo : DType::Bool);
}

std::uint64_t opKeyOf(Expr t) {
    return packKey(t.op(), t.op() == Op::Reduce ? static_cast<std::uint8_t>(t.reduceKind()) : 0,
                   t.op() == Op::Named ? t.namedInfo().index : -1, t.op() == Op::Cast ? t.dtype() : DType::Bool);
}

// ---- text ----

namespace {

std::string opText(const PatternNode& p) {
    switch (p.op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Cast: return "cast:" + std::string(ir::dtypeName(p.castTo));
    case Op::Reduce: return "reduce:" + std::string(ir::reduceKindName(static_cast<ir::ReduceKind>(p.sub)));
    case Op::Named: return ir::namedOp(p.named).name;
    default: return std::string(ir::opName(p.op));
    }
}

void printNode(const Pattern& pat, int n, const std::vector<std::string>& vars, std::string& out) {
    const PatternNode& p = pat.nodes[static_cast<std::size_t>(n)];
    switch (p.kind) {
    case PatternNode::Var: out += "?" + vars[static_cast<std::size_t>(p.slot)]; return;
    case PatternNode::Lit: out += p.lit.text(); return;
    case PatternNode::Op: break;
    }
    out += "(" + opText(p);
    for (int k : p.kids) {
        out += " ";
        printNode(pat, k, vars, out);
    }
    out += ")";
}

} // namespace

std::string Pattern::text(const std::vector<std::string>& vars) const {
    std::string out;
    if (root >= 0) printNode(*this, root, vars, out);
    return out;
}

std::vector<int> Pattern::variables() const {
    std::vector<int> v;
    for (const PatternNode& n : nodes)
        if (n.kind == PatternNode::Var) v.push_back(n.slot);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// ---- parsing ----

namespace {

struct Tok {
    std::string text;
    std::size_t col = 0; // 0-based offset in the pattern text
};

struct PatternError {
    std::string message;
    std::size_t col;
};

class PatternParser {
public:
    PatternParser(std::string_view s, std::vector<std::string>& vars, int* hidden)
        : m_vars(vars), m_hidden(hidden) {
        for (std::size_t i = 0; i < s.size();) {
            char c = s[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
            } else if (c == '(' || c == ')') {
                m_toks.push_back({std::string(1, c), i});
                ++i;
            } else {
                std::size_t b = i;
                while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '(' && s[i] != ')') ++i;
                m_toks.push_back({std::string(s.substr(b, i - b)), b});
            }
        }
        m_end = s.size();
    }

    Pattern run() {
        Pattern p;
        m_p = &p;
        p.root = parse();
        if (m_pos != m_toks.size()) throw PatternError{"unexpected '" + m_toks[m_pos].text + "' after the pattern", m_toks[m_pos].col};
        return p;
    }

private:
    const Tok& peek() {
        if (m_pos >= m_toks.size()) throw PatternError{"unexpected end of the pattern", m_end};
        return m_toks[m_pos];
    }

    int push(PatternNode n) {
        m_p->nodes.push_back(std::move(n));
        return static_cast<int>(m_p->nodes.size()) - 1;
    }

    int parse() {
        Tok t = peek();
        ++m_pos;
        if (t.text == ")") throw PatternError{"unexpected ')'", t.col};
        if (t.text != "(") return atom(t);
        Tok head = peek();
        ++m_pos;
        if (head.text == "(" || head.text == ")") throw PatternError{"expected an operator after '('", head.col};
        PatternNode n;
        n.kind = PatternNode::Op;
        resolveOperator(head, n);
        while (peek().text != ")") n.kids.push_back(parse());
        ++m_pos;
        checkArity(head, n);
        return push(std::move(n));
    }

    int atom(const Tok& t) {
        PatternNode n;
        if (t.text[0] == '?') {
            std::string name = t.text.substr(1);
            if (name.empty()) throw PatternError{"a pattern variable needs a name", t.col};
            auto it = std::find(m_vars.begin(), m_vars.end(), name);
            if (it == m_vars.end()) {
                m_vars.push_back(name);
                it = m_vars.end() - 1;
            }
            n.kind = PatternNode::Var;
            n.slot = static_cast<int>(it - m_vars.begin());
            return push(std::move(n));
        }
        n.kind = PatternNode::Lit;
        n.lit = literal(t);
        if (m_hidden) n.slot = (*m_hidden)++;
        return push(std::move(n));
    }

    static Literal literal(const Tok& t) {
        std::string s = t.text;
        Literal lit;
        if (auto colon = s.rfind(':'); colon != std::string::npos) {
            auto d = ir::parseDType(s.substr(colon + 1));
            if (!d) throw PatternError{"unknown type in literal '" + s + "'", t.col};
            lit.dtype = *d;
            s = s.substr(0, colon);
        }
        if (s == "true" || s == "false") {
            lit.kind = Literal::Bool;
            lit.b = s == "true";
            return lit;
        }
        if (auto slash = s.find('/'); slash != std::string::npos) {
            std::int64_t num = 0, den = 0;
            auto a = std::from_chars(s.data(), s.data() + slash, num);
            auto b = std::from_chars(s.data() + slash + 1, s.data() + s.size(), den);
            if (a.ec != std::errc() || a.ptr != s.data() + slash || b.ec != std::errc() ||
                b.ptr != s.data() + s.size() || den == 0)
                throw PatternError{"bad fraction '" + s + "'", t.col};
            lit.kind = Literal::Rational;
            lit.r = ir::Rational::make(num, den);
            return lit;
        }
        std::int64_t iv = 0;
        auto r = std::from_chars(s.data(), s.data() + s.size(), iv);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size()) {
            lit.kind = Literal::Int;
            lit.i = iv;
            return lit;
        }
        double dv = 0;
        auto rd = std::from_chars(s.data(), s.data() + s.size(), dv);
        if (rd.ec == std::errc() && rd.ptr == s.data() + s.size()) {
            lit.kind = Literal::Float;
            lit.f = dv;
            return lit;
        }
        throw PatternError{"expected a ?variable, a number, true/false or '(', found '" + t.text + "'", t.col};
    }

    static void resolveOperator(const Tok& head, PatternNode& n) {
        static const std::pair<const char*, Op> symbols[] = {
            {"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Div}, {"<", Op::Lt}, {"<=", Op::Le},
            {">", Op::Gt},  {">=", Op::Ge}, {"==", Op::Eq}, {"!=", Op::Ne}};
        const std::string& h = head.text;
        for (auto [s, op] : symbols)
            if (h == s) {
                n.op = op;
                return;
            }
        if (util::startsWith(h, "reduce:")) {
            auto k = ir::reduceKindByName(h.substr(7));
            if (!k) throw PatternError{"unknown reduction '" + h + "'", head.col};
            n.op = Op::Reduce;
            n.sub = static_cast<std::uint8_t>(*k);
            return;
        }
        if (util::startsWith(h, "cast:")) {
            auto d = ir::parseDType(h.substr(5));
            if (!d) throw PatternError{"unknown cast target '" + h + "'", head.col};
            n.op = Op::Cast;
            n.castTo = *d;
            return;
        }
        if (h == "read") {
            n.op = Op::Read;
            return;
        }
        if (auto op = ir::opByName(h)) {
            const ir::OpInfo& info = ir::opInfo(*op);
            if (info.cls != ir::OpClass::Leaf && *op != Op::Reduce && *op != Op::Cast && *op != Op::Apply &&
                *op != Op::Named && *op != Op::Read) {
                n.op = *op;
                return;
            }
        }
        if (const ir::NamedOpInfo* info = ir::findNamedOp(h)) {
            n.op = Op::Named;
            n.named = info->index;
            return;
        }
        throw PatternError{"unknown operator '" + h + "'", head.col};
    }

    void checkArity(const Tok& head, PatternNode& n) {
        std::size_t got = n.kids.size();
        auto need = [&](std::size_t k) {
            if (got != k)
                throw PatternError{"'" + head.text + "' takes " + std::to_string(k) + " operands, got " +
                                       std::to_string(got),
                                   head.col};
        };
        switch (n.op) {
        case Op::Read:
            if (got < 2) throw PatternError{"'read' needs a tensor and at least one index", head.col};
            return;
        case Op::Reduce:
            if (got == 4) {
                // No guard: it is `true`.
                PatternNode t;
                t.kind = PatternNode::Lit;
                t.lit.kind = Literal::Bool;
                t.lit.b = true;
                if (m_hidden) t.slot = (*m_hidden)++;
                n.kids.insert(n.kids.begin() + 3, push(std::move(t)));
                got = 5;
            }
            need(5);
            if (m_p->nodes[static_cast<std::size_t>(n.kids[0])].kind != PatternNode::Var)
                throw PatternError{"the bound variable of a reduction must be a ?variable", head.col};
            return;
        case Op::Named: need(ir::namedOp(n.named).params.size()); return;
        default: need(static_cast<std::size_t>(ir::opInfo(n.op).arity)); return;
        }
    }

    std::vector<Tok> m_toks;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    Pattern* m_p = nullptr;
    std::vector<std::string>& m_vars;
    int* m_hidden;
};

} // namespace

util::Result<Pattern> parsePattern(std::string_view text, std::vector<std::string>& vars, int* nextHidden,
                                   const std::string& where) {
    try {
        PatternParser p(text, vars, nextHidden);
        return p.run();
    } catch (const PatternError& e) {
        // `where` is "file:line:col" of the text's start; shift the column.
        std::string loc = where;
        auto colon = where.rfind(':');
        if (colon != std::string::npos) {
            int col = std::atoi(where.c_str() + colon + 1);
            loc = where.substr(0, colon + 1) + std::to_string(col + static_cast<int>(e.col));
        }
        return util::Result<Pattern>::failure("rules", loc + ": " + e.message);
    }
}

// ---- instantiation ----

namespace {

class Instantiator {
public:
    Instantiator(ir::Context& ctx, const Pattern& p, const std::function<Expr(int)>& slotValue)
        : m_ctx(ctx), m_p(p), m_value(slotValue) {}

    util::Result<Expr> build(int n, std::optional<DType> want) {
        const PatternNode& pn = m_p.nodes[static_cast<std::size_t>(n)];
        if (pn.kind == PatternNode::Var) {
            Expr v = m_value(pn.slot);
            if (!v) return fail("variable without a value");
            return v;
        }
        if (pn.kind == PatternNode::Lit) {
            if (pn.slot >= 0)
                if (Expr v = m_value(pn.slot)) return v;
            DType t = want.value_or(pn.lit.kind == Literal::Bool  ? DType::Bool
                                    : pn.lit.kind == Literal::Int ? DType::I32
                                                                  : DType::F32);
            Expr c = pn.lit.make(m_ctx, t);
            if (!c) return fail("literal " + pn.lit.text() + " cannot have type " + std::string(ir::dtypeName(t)));
            return c;
        }
        return buildOp(pn, want);
    }

private:
    static util::Result<Expr> fail(const std::string& m) { return util::Result<Expr>::failure("rules", m); }

    bool isLit(int k) const { return m_p.nodes[static_cast<std::size_t>(k)].kind == PatternNode::Lit; }

    // The dtype each operand wants, when the operator fixes it.
    std::optional<DType> kidWant(const PatternNode& pn, std::size_t i, std::optional<DType> want, const std::vector<Expr>& built) {
        switch (pn.op) {
        case Op::Select: return i == 0 ? std::optional<DType>(DType::Bool) : want;
        case Op::And:
        case Op::Or:
        case Op::Xor:
        case Op::Not: return DType::Bool;
        case Op::Cast: return std::nullopt;
        case Op::Read: return i == 0 ? std::nullopt : std::optional<DType>(DType::I32);
        case Op::Reduce:
            if (i == 3) return DType::Bool;
            if (i == 4) return want;
            if (built[0]) return built[0].dtype();
            return DType::I32;
        case Op::Named: {
            const auto& param = ir::namedOp(pn.named).params[i];
            if (param.kind == ir::ParamKind::Dim || param.kind == ir::ParamKind::Int) return DType::I32;
            if (param.kind == ir::ParamKind::Bool) return DType::Bool;
            return want;
        }
        default: break;
        }
        if (ir::isComparison(pn.op)) return std::nullopt;
        return want;
    }

    util::Result<Expr> buildOp(const PatternNode& pn, std::optional<DType> want) {
        std::vector<Expr> kids(pn.kids.size());
        // Operands that are not literals first: they fix the type of literal siblings.
        for (std::size_t i = 0; i < pn.kids.size(); ++i) {
            if (isLit(pn.kids[i])) continue;
            auto r = build(pn.kids[i], kidWant(pn, i, want, kids));
            if (!r) return r;
            kids[i] = *r;
        }
        std::optional<DType> sibling;
        for (std::size_t i = 0; i < kids.size(); ++i) {
            if (!kids[i]) continue;
            bool operand = true;
            if (pn.op == Op::Select && i == 0) operand = false;
            if (pn.op == Op::Read || pn.op == Op::Reduce || pn.op == Op::Cast) operand = false;
            if (pn.op == Op::Named && ir::namedOp(pn.named).params[i].kind != ir::ParamKind::Tensor) operand = false;
            if (operand) {
                sibling = kids[i].dtype();
                break;
            }
        }
        for (std::size_t i = 0; i < pn.kids.size(); ++i) {
            if (kids[i]) continue;
            std::optional<DType> w = kidWant(pn, i, want, kids);
            bool takesSibling = !(pn.op == Op::Select && i == 0) && pn.op != Op::Read && pn.op != Op::Reduce &&
                                pn.op != Op::Cast &&
                                !(pn.op == Op::Named && ir::namedOp(pn.named).params[i].kind != ir::ParamKind::Tensor &&
                                  ir::namedOp(pn.named).params[i].kind != ir::ParamKind::Scalar);
            if (takesSibling && sibling) w = sibling;
            auto r = build(pn.kids[i], w);
            if (!r) return r;
            kids[i] = *r;
        }
        util::Result<Expr> node = make(pn, kids);
        if (!node) return node;
        // Fold integer arithmetic on constants: named operators need constant dimensions.
        if (ir::isInteger(node->dtype()) && node->arity() > 0 &&
            std::all_of(kids.begin(), kids.end(), [](Expr k) { return k.op() == Op::Const; }))
            if (Expr f = foldConstant(m_ctx, *node, kids)) return f;
        return node;
    }

    util::Result<Expr> make(const PatternNode& pn, const std::vector<Expr>& kids) {
        try {
            switch (pn.op) {
            case Op::Reduce:
                return m_ctx.tryReduce(static_cast<ir::ReduceKind>(pn.sub), kids[0], kids[1], kids[2], kids[3], kids[4]);
            case Op::Named: return m_ctx.tryNamed(ir::namedOp(pn.named).name, kids);
            case Op::Cast: return m_ctx.tryCast(kids[0], pn.castTo);
            default: return m_ctx.make(ir::NodeSpec{pn.op, kids});
            }
        } catch (const ir::IrError& e) {
            return fail(e.what());
        }
    }

    ir::Context& m_ctx;
    const Pattern& m_p;
    const std::function<Expr(int)>& m_value;
};

} // namespace

util::Result<Expr> instantiate(ir::Context& ctx, const Pattern& p, const std::function<Expr(int)>& slotValue,
                               std::optional<DType> want) {
    Instantiator in(ctx, p, slotValue);
    return in.build(p.root, want);
}

} // namespace tlift::egraph
