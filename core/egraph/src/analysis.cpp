#include "tlift/egraph/analysis.h"

#include "tlift/egraph/egraph.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/poly.h"
#include "tlift/ir/simplify.h"

#include <cmath>
#include <functional>
#include <optional>
#include <unordered_map>

namespace tlift::egraph {

using ir::ConstKind;
using ir::DType;
using ir::Expr;
using ir::Op;
using ir::Rational;

namespace {

// A number that is either an exact rational or a double (itself exact: the value of a float
// constant).
struct Num {
    bool rational = false;
    Rational r;
    double d = 0;
    double value() const { return rational ? r.toDouble() : d; }
};

std::optional<Num> numOf(Expr c) {
    if (!c || c.op() != Op::Const) return std::nullopt;
    switch (c.constKind()) {
    case ConstKind::Int: return Num{true, Rational{c.intValue(), 1}, 0};
    case ConstKind::Rational: return Num{true, c.rationalValue(), 0};
    case ConstKind::Float:
        if (!std::isfinite(c.floatValue())) return std::nullopt;
        return Num{false, {}, c.floatValue()};
    case ConstKind::Bool: return std::nullopt;
    }
    return std::nullopt;
}

// A double that equals the rational exactly, if there is one.
std::optional<double> exactDouble(Rational r) {
    if (std::llabs(r.num) > (std::int64_t(1) << 53) || r.den > (std::int64_t(1) << 53)) return std::nullopt;
    double d = static_cast<double>(r.num) / static_cast<double>(r.den);
    if (std::fma(d, static_cast<double>(r.den), -static_cast<double>(r.num)) != 0.0) return std::nullopt;
    return d;
}

std::optional<double> asDouble(const Num& n) { return n.rational ? exactDouble(n.r) : std::optional<double>(n.d); }

bool fits(__int128 v) { return v >= INT64_MIN && v <= INT64_MAX; }

std::optional<Rational> ratOp(Op op, Rational a, Rational b) {
    __int128 num = 0, den = 1;
    switch (op) {
    case Op::Add: num = (__int128)a.num * b.den + (__int128)b.num * a.den; den = (__int128)a.den * b.den; break;
    case Op::Sub: num = (__int128)a.num * b.den - (__int128)b.num * a.den; den = (__int128)a.den * b.den; break;
    case Op::Mul: num = (__int128)a.num * b.num; den = (__int128)a.den * b.den; break;
    case Op::Div:
        if (b.num == 0) return std::nullopt;
        num = (__int128)a.num * b.den;
        den = (__int128)a.den * b.num;
        break;
    default: return std::nullopt;
    }
    if (den < 0) num = -num, den = -den;
    __int128 x = num < 0 ? -num : num, y = den;
    while (y) {
        __int128 t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) num /= x, den /= x;
    if (!fits(num) || !fits(den)) return std::nullopt;
    return Rational{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
}

// a op b in doubles, only when the rounded result is exact.
std::optional<double> exactDoubleOp(Op op, double a, double b) {
    double r = 0;
    switch (op) {
    case Op::Add:
    case Op::Sub: {
        double bb = op == Op::Add ? b : -b;
        r = a + bb;
        double z = r - a; // TwoSum error term
        double err = (a - (r - z)) + (bb - z);
        if (err != 0.0) return std::nullopt;
        break;
    }
    case Op::Mul:
        r = a * b;
        if (std::fma(a, b, -r) != 0.0) return std::nullopt;
        break;
    case Op::Div:
        if (b == 0.0) return std::nullopt;
        r = a / b;
        if (std::fma(r, b, -a) != 0.0) return std::nullopt;
        break;
    default: return std::nullopt;
    }
    if (!std::isfinite(r)) return std::nullopt;
    return r;
}

Expr makeFloat(ir::Context& ctx, const Num& n, DType t) {
    if (n.rational) {
        // Dyadic values print better as floats (0.25 rather than 1/4); others stay exact.
        bool dyadic = (n.r.den & (n.r.den - 1)) == 0;
        if (dyadic)
            if (auto d = exactDouble(n.r)) return ctx.floatConst(*d, t);
        return ctx.rationalConst(n.r, t);
    }
    return ctx.floatConst(n.d, t);
}

std::optional<Num> floatBinary(Op op, const Num& a, const Num& b) {
    if (op == Op::Min || op == Op::Max) {
        bool less = a.value() < b.value();
        if (a.rational && b.rational)
            less = (__int128)a.r.num * b.r.den < (__int128)b.r.num * a.r.den;
        return (op == Op::Min) == less ? a : b;
    }
    // A rational with a float: exactly, when the float is a small rational.
    Num ra = a, rb = b;
    if (a.rational != b.rational) {
        Num& f = a.rational ? rb : ra;
        if (auto r = ir::exactRational(f.d)) f = Num{true, *r, 0};
        else if (f.d == 0.0) f = Num{true, ir::Rational{0, 1}, 0};
    }
    if (ra.rational && rb.rational)
        if (auto r = ratOp(op, ra.r, rb.r)) return Num{true, *r, 0};
    auto x = asDouble(a), y = asDouble(b);
    if (!x || !y) return std::nullopt;
    if (auto r = exactDoubleOp(op, *x, *y)) return Num{false, {}, *r};
    return std::nullopt;
}

std::optional<Num> powInt(const Num& base, std::int64_t e) {
    if (e < 0 || e > 64) return std::nullopt;
    Num acc{true, Rational{1, 1}, 0};
    for (std::int64_t k = 0; k < e; ++k) {
        auto next = floatBinary(Op::Mul, acc, base);
        if (!next) return std::nullopt;
        acc = *next;
    }
    return acc;
}

std::optional<Num> floatUnary(Op op, const Num& a) {
    double v = a.value();
    auto isInt = [&](std::int64_t& k) {
        if (a.rational) {
            if (a.r.den != 1) return false;
            k = a.r.num;
            return true;
        }
        if (std::floor(a.d) != a.d || std::fabs(a.d) > 1e15) return false;
        k = static_cast<std::int64_t>(a.d);
        return true;
    };
    auto exact = [](double d) { return Num{false, {}, d}; };
    std::int64_t k = 0;
    switch (op) {
    case Op::Neg:
        if (a.rational) return Num{true, Rational{-a.r.num, a.r.den}, 0};
        return exact(-a.d);
    case Op::Abs:
        if (a.rational) return Num{true, Rational{std::llabs(a.r.num), a.r.den}, 0};
        return exact(std::fabs(a.d));
    case Op::Exp: if (v == 0) return exact(1.0); break;
    case Op::Expm1:
    case Op::Log1p:
    case Op::Tanh:
    case Op::Erf:
    case Op::Sin: if (v == 0) return exact(0.0); break;
    case Op::Cos: if (v == 0) return exact(1.0); break;
    case Op::Sigmoid: if (v == 0) return Num{true, Rational{1, 2}, 0}; break;
    case Op::Log: if (v == 1) return exact(0.0); break;
    case Op::Exp2:
        if (isInt(k) && k >= -60 && k <= 60) return exact(std::ldexp(1.0, static_cast<int>(k)));
        break;
    case Op::Log2: {
        if (v <= 0) break;
        int e = 0;
        double m = std::frexp(v, &e);
        if (m == 0.5) return exact(static_cast<double>(e - 1));
        break;
    }
    case Op::Sqrt:
    case Op::Rsqrt: {
        if (v < 0) break;
        double s = std::sqrt(v);
        if (s * s != v || std::fma(s, s, -v) != 0.0) break;
        if (op == Op::Sqrt) return exact(s);
        if (s == 0) break;
        if (auto r = exactDoubleOp(Op::Div, 1.0, s)) return exact(*r);
        break;
    }
    case Op::Floor: return exact(std::floor(v));
    case Op::Ceil: return exact(std::ceil(v));
    default: break;
    }
    return std::nullopt;
}

Expr foldFloat(ir::Context& ctx, Expr term, std::span<const Expr> kids) {
    const DType t = term.dtype();
    const Op op = term.op();
    if (op == Op::Select) return kids[0].boolValue() ? kids[1] : kids[2];
    if (op == Op::Named) {
        if (term.namedInfo().name == "relu") {
            auto a = numOf(kids[0]);
            if (a) return a->value() > 0 ? kids[0] : ctx.zero(t);
        }
        return Expr();
    }
    if (op == Op::Cast) {
        auto a = numOf(kids[0]);
        if (!a) return Expr();
        if (a->rational) return makeFloat(ctx, *a, t);
        return ctx.floatConst(a->d, t);
    }
    if (kids.size() == 1) {
        auto a = numOf(kids[0]);
        if (!a) return Expr();
        auto r = floatUnary(op, *a);
        return r ? makeFloat(ctx, *r, t) : Expr();
    }
    if (kids.size() == 2) {
        auto a = numOf(kids[0]), b = numOf(kids[1]);
        if (!a || !b) return Expr();
        if (op == Op::Pow) {
            std::int64_t e = 0;
            if (b->rational && b->r.den == 1) e = b->r.num;
            else if (!b->rational && std::floor(b->d) == b->d && std::fabs(b->d) < 100) e = static_cast<std::int64_t>(b->d);
            else return Expr();
            auto r = powInt(*a, e);
            return r ? makeFloat(ctx, *r, t) : Expr();
        }
        auto r = floatBinary(op, *a, *b);
        return r ? makeFloat(ctx, *r, t) : Expr();
    }
    return Expr();
}

} // namespace

Expr foldConstant(ir::Context& ctx, Expr term, std::span<const Expr> kids) {
    if (!term.isScalar() || term.arity() == 0 || kids.size() != term.arity()) return Expr();
    for (const Expr& k : kids)
        if (!k || k.op() != Op::Const) return Expr();
    const Op op = term.op();
    if (op == Op::Read || op == Op::Reduce || op == Op::Apply || op == Op::Undef) return Expr();
    if (op == Op::Named && !term.namedInfo().elementwise) return Expr();
    const DType t = term.dtype();
    bool floatWork = (ir::isFloat(t) && op != Op::Cast) || (op == Op::Cast && ir::isFloat(t));
    if (op == Op::Select && kids[0].op() == Op::Const) floatWork = ir::isFloat(t);
    if (floatWork) {
        try {
            return foldFloat(ctx, term, kids);
        } catch (const ir::IrError&) {
            return Expr();
        }
    }
    // Integers, booleans, comparisons and casts: the IR simplifier folds them exactly.
    auto node = ctx.withChildren(term, std::vector<Expr>(kids.begin(), kids.end()));
    if (!node) return Expr();
    Expr r = ir::simplify(ctx, *node);
    return r.op() == Op::Const ? r : Expr();
}

bool sameConstant(Expr a, Expr b) {
    if (a == b) return true;
    if (!a || !b || a.op() != Op::Const || b.op() != Op::Const) return false;
    bool ab = a.constKind() == ConstKind::Bool, bb = b.constKind() == ConstKind::Bool;
    if (ab || bb) return ab && bb && a.boolValue() == b.boolValue();
    auto x = numOf(a), y = numOf(b);
    if (!x || !y) return a.numericValue() == b.numericValue();
    if (x->rational && y->rational) return x->r == y->r;
    return x->value() == y->value() && asDouble(*x) && asDouble(*y);
}

std::uint8_t signFacts(Expr term, std::span<const std::uint8_t> s, std::span<const Expr> c, bool kidsEqual) {
    constexpr std::uint8_t P = kPositive | kNonNegative | kNonZero, NN = kNonNegative, NZ = kNonZero;
    auto has = [&](std::size_t i, std::uint8_t f) { return i < s.size() && (s[i] & f) == f; };
    switch (term.op()) {
    case Op::Const: {
        if (term.constKind() == ConstKind::Bool) return 0;
        double v = term.numericValue();
        return v > 0 ? P : v == 0 ? NN : (v < 0 ? NZ : 0);
    }
    case Op::Exp:
    case Op::Exp2:
    case Op::Sigmoid: return P;
    case Op::Sqrt: return has(0, kPositive) ? P : NN;
    case Op::Rsqrt: return has(0, kPositive) ? P : 0;
    case Op::Abs: return has(0, kNonZero) ? P : NN;
    case Op::Neg: return has(0, kNonZero) ? NZ : 0;
    case Op::Add:
        if (has(0, NN) && has(1, NN)) return (has(0, kPositive) || has(1, kPositive)) ? P : NN;
        return 0;
    case Op::Mul: {
        std::uint8_t r = 0;
        if ((has(0, NN) && has(1, NN)) || kidsEqual) r |= NN;
        if (has(0, NZ) && has(1, NZ)) r |= NZ;
        if ((r & NN) && (r & NZ)) r |= kPositive;
        return r;
    }
    case Op::Div: {
        std::uint8_t r = 0;
        if (has(0, NZ) && has(1, NZ)) r |= NZ;
        if (has(0, NN) && has(1, kPositive)) r |= NN;
        if ((r & NN) && (r & NZ)) r |= kPositive;
        return r;
    }
    case Op::Max:
        if (has(0, kPositive) || has(1, kPositive)) return P;
        return (has(0, NN) || has(1, NN)) ? NN : 0;
    case Op::Min:
        if (has(0, kPositive) && has(1, kPositive)) return P;
        return (has(0, NN) && has(1, NN)) ? NN : 0;
    case Op::Pow: {
        if (has(0, kPositive)) return P;
        if (c.size() > 1 && c[1] && c[1].op() == Op::Const && c[1].constKind() != ConstKind::Bool) {
            double e = c[1].numericValue();
            if (std::floor(e) == e && std::fmod(e, 2.0) == 0.0) return has(0, NZ) ? P : NN;
        }
        return 0;
    }
    case Op::Select: return s.size() > 2 ? static_cast<std::uint8_t>(s[1] & s[2]) : 0;
    case Op::Cast:
        // Floats are read as reals; a cast to an integer truncates (0.5 -> 0), keeping only >= 0.
        if (s.empty()) return 0;
        return ir::isFloat(term.dtype()) ? s[0] : static_cast<std::uint8_t>(s[0] & NN);
    case Op::Reduce:
        if (term.reduceKind() == ir::ReduceKind::Sum && has(4, NN)) return NN;
        if (term.reduceKind() == ir::ReduceKind::Prod && has(4, kPositive)) return P;
        return 0;
    case Op::Named: {
        const std::string& n = term.namedInfo().name;
        if (n == "relu" || n == "var" || n == "std" || n == "vector_norm") return NN;
        if (n == "softmax") return P;
        bool reduction = n == "sum" || n == "mean" || n == "amax" || n == "amin" || n == "cumsum";
        if ((n == "amax" || n == "amin") && has(0, kPositive)) return P;
        if (reduction && has(0, NN)) return NN;
        if (n == "unsqueeze" || n == "transpose") return s.empty() ? 0 : s[0];
        return 0;
    }
    default: return 0;
    }
}

std::uint8_t signFactsOf(Expr term) {
    std::unordered_map<const ir::Node*, std::uint8_t> memo;
    std::function<std::uint8_t(Expr)> go = [&](Expr e) -> std::uint8_t {
        if (auto it = memo.find(e.node()); it != memo.end()) return it->second;
        std::vector<std::uint8_t> ks;
        std::vector<Expr> cs;
        bool equal = e.arity() > 0;
        for (const Expr& k : e.children()) {
            ks.push_back(go(k));
            cs.push_back(k.op() == Op::Const ? k : Expr());
            equal = equal && k == e[0];
        }
        std::uint8_t f = signFacts(e, ks, cs, equal);
        memo.emplace(e.node(), f);
        return f;
    };
    return go(term);
}

} // namespace tlift::egraph
