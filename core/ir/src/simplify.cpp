#include "tlift/ir/simplify.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/subst.h"
#include "tlift/ir/tensor_value.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tlift::ir {

namespace {

bool isTrue(Expr e) { return e.op() == Op::Const && e.dtype() == DType::Bool && e.boolValue(); }
bool isFalse(Expr e) { return e.op() == Op::Const && e.dtype() == DType::Bool && !e.boolValue(); }
bool isIntConst(Expr e) { return e.op() == Op::Const && e.constKind() == ConstKind::Int; }
bool isNumConst(Expr e) {
    return e.op() == Op::Const && (e.constKind() == ConstKind::Int || e.constKind() == ConstKind::Rational ||
                                   e.constKind() == ConstKind::Float);
}

// Two's-complement wrap-around to the width of t, as the hardware computes.
std::int64_t wrap(DType t, __int128 v) {
    int bits = bitWidth(t);
    if (bits >= 64) return static_cast<std::int64_t>(static_cast<std::uint64_t>(v));
    auto u = static_cast<unsigned __int128>(v) & ((static_cast<unsigned __int128>(1) << bits) - 1);
    if (isSigned(t) && ((u >> (bits - 1)) & 1)) return static_cast<std::int64_t>(u) - (std::int64_t(1) << bits);
    return static_cast<std::int64_t>(u);
}

using Bounds = std::optional<std::pair<std::int64_t, std::int64_t>>;

Bounds boundsOf(Expr e, const SimplifyOptions& o, int depth) {
    if (depth > 64 || !isInteger(e.dtype()) || !e.isScalar()) return std::nullopt;
    auto fits = [](__int128 lo, __int128 hi) -> Bounds {
        if (lo < INT64_MIN / 2 || hi > INT64_MAX / 2) return std::nullopt;
        return std::make_pair(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi));
    };
    switch (e.op()) {
    case Op::Const: return std::make_pair(e.intValue(), e.intValue());
    case Op::Var: {
        auto it = o.ranges.find(e.node());
        if (it == o.ranges.end() || it->second.second <= it->second.first) return std::nullopt;
        return std::make_pair(it->second.first, it->second.second - 1);
    }
    case Op::Cast:
        if (isInteger(e[0].dtype()) && bitWidth(e.dtype()) >= bitWidth(e[0].dtype()) && isSigned(e.dtype()) == isSigned(e[0].dtype()))
            return boundsOf(e[0], o, depth + 1);
        return std::nullopt;
    case Op::Neg: {
        auto a = boundsOf(e[0], o, depth + 1);
        if (!a) return std::nullopt;
        return fits(-static_cast<__int128>(a->second), -static_cast<__int128>(a->first));
    }
    case Op::Add:
    case Op::Sub: {
        auto a = boundsOf(e[0], o, depth + 1), b = boundsOf(e[1], o, depth + 1);
        if (!a || !b) return std::nullopt;
        if (e.op() == Op::Add) return fits(static_cast<__int128>(a->first) + b->first, static_cast<__int128>(a->second) + b->second);
        return fits(static_cast<__int128>(a->first) - b->second, static_cast<__int128>(a->second) - b->first);
    }
    case Op::Mul: {
        auto a = boundsOf(e[0], o, depth + 1), b = boundsOf(e[1], o, depth + 1);
        if (!a || !b) return std::nullopt;
        __int128 c[4] = {static_cast<__int128>(a->first) * b->first, static_cast<__int128>(a->first) * b->second,
                         static_cast<__int128>(a->second) * b->first, static_cast<__int128>(a->second) * b->second};
        return fits(*std::min_element(c, c + 4), *std::max_element(c, c + 4));
    }
    case Op::FloorDiv:
    case Op::TDiv: {
        auto a = boundsOf(e[0], o, depth + 1);
        if (!a || !e[1].isConst() || e[1].intValue() <= 0) return std::nullopt;
        std::int64_t c = e[1].intValue();
        if (e.op() == Op::TDiv && a->first < 0) return std::nullopt;
        auto fl = [c](std::int64_t x) { return x >= 0 ? x / c : -((-x + c - 1) / c); };
        return std::make_pair(fl(a->first), fl(a->second));
    }
    case Op::Mod:
    case Op::TRem: {
        if (!e[1].isConst() || e[1].intValue() <= 0) return std::nullopt;
        std::int64_t c = e[1].intValue();
        auto a = boundsOf(e[0], o, depth + 1);
        if (e.op() == Op::TRem && (!a || a->first < 0)) return std::nullopt;
        if (a && a->first >= 0 && a->second < c) return a;
        return std::make_pair<std::int64_t, std::int64_t>(0, c - 1);
    }
    case Op::Min:
    case Op::Max: {
        auto a = boundsOf(e[0], o, depth + 1), b = boundsOf(e[1], o, depth + 1);
        if (!a || !b) return std::nullopt;
        if (e.op() == Op::Min) return std::make_pair(std::min(a->first, b->first), std::min(a->second, b->second));
        return std::make_pair(std::max(a->first, b->first), std::max(a->second, b->second));
    }
    case Op::Select: {
        auto a = boundsOf(e[1], o, depth + 1), b = boundsOf(e[2], o, depth + 1);
        if (!a || !b) return std::nullopt;
        return std::make_pair(std::min(a->first, b->first), std::max(a->second, b->second));
    }
    default: return std::nullopt;
    }
}

class Simplifier {
public:
    Simplifier(Context& ctx, const SimplifyOptions& o) : m_ctx(ctx), m_opts(o) {}

    Expr run(Expr e) {
        if (auto it = m_memo.find(e.node()); it != m_memo.end()) return it->second;
        Expr r = e;
        if (e.arity() > 0 && e.op() != Op::Tensor) {
            std::vector<Expr> kids;
            bool changed = false;
            for (const Expr& k : e.children()) {
                kids.push_back(run(k));
                changed |= kids.back() != k;
            }
            if (changed) {
                auto rebuilt = m_ctx.withChildren(e, kids);
                if (rebuilt) r = *rebuilt;
            }
            r = local(r);
        }
        m_memo.emplace(e.node(), r);
        return r;
    }

private:
    Expr local(Expr e) {
        for (int guard = 0; guard < 8; ++guard) {
            Expr next = step(e);
            if (next == e) return e;
            e = next;
            if (e.arity() == 0) return e;
        }
        return e;
    }

    Expr foldInt(Expr e) {
        DType t = e.dtype();
        __int128 a = e[0].intValue();
        __int128 b = e.arity() > 1 ? e[1].intValue() : 0;
        __int128 r = 0;
        switch (e.op()) {
        case Op::Neg: r = -a; break;
        case Op::Add: r = a + b; break;
        case Op::Sub: r = a - b; break;
        case Op::Mul: r = a * b; break;
        case Op::FloorDiv:
            if (b == 0) return e;
            r = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
            break;
        case Op::Mod:
            if (b == 0) return e;
            r = a % b;
            if (r != 0 && ((r < 0) != (b < 0))) r += b;
            break;
        case Op::TDiv:
            if (b == 0) return e;
            r = a / b;
            break;
        case Op::TRem:
            if (b == 0) return e;
            r = a % b;
            break;
        case Op::Min: r = a < b ? a : b; break;
        case Op::Max: r = a > b ? a : b; break;
        case Op::BitAnd: r = a & b; break;
        case Op::BitOr: r = a | b; break;
        case Op::BitXor: r = a ^ b; break;
        case Op::BitNot: r = ~a; break;
        case Op::Shl: if (b < 0 || b > 62) return e; r = a << static_cast<int>(b); break;
        case Op::Shr: if (b < 0 || b > 62) return e; r = a >> static_cast<int>(b); break;
        default: return e;
        }
        return m_ctx.intConst(wrap(t, r), t);
    }

    std::optional<bool> compareConsts(Op op, double a, double b) {
        switch (op) {
        case Op::Lt: return a < b;
        case Op::Le: return a <= b;
        case Op::Gt: return a > b;
        case Op::Ge: return a >= b;
        case Op::Eq: return a == b;
        case Op::Ne: return a != b;
        default: return std::nullopt;
        }
    }

    Expr step(Expr e) {
        const Op op = e.op();
        const DType t = e.dtype();
        if (!e.isScalar()) return e;
        // ---- constant folding ----
        bool allConst = e.arity() > 0;
        for (const Expr& k : e.children()) allConst = allConst && k.op() == Op::Const;
        if (allConst) {
            if (isInteger(t) && std::all_of(e.children().begin(), e.children().end(), isIntConst)) {
                Expr f = foldInt(e);
                if (f != e) return f;
            }
            if (isComparison(op) && isNumConst(e[0]) && isNumConst(e[1]))
                if (auto b = compareConsts(op, e[0].numericValue(), e[1].numericValue())) return m_ctx.boolConst(*b);
            if (t == DType::Bool) {
                switch (op) {
                case Op::And: return m_ctx.boolConst(e[0].boolValue() && e[1].boolValue());
                case Op::Or: return m_ctx.boolConst(e[0].boolValue() || e[1].boolValue());
                case Op::Xor: return m_ctx.boolConst(e[0].boolValue() != e[1].boolValue());
                case Op::Not: return m_ctx.boolConst(!e[0].boolValue());
                default: break;
                }
            }
            if (op == Op::Cast) {
                Expr c = e[0];
                if (isInteger(t) && (c.constKind() == ConstKind::Int || c.constKind() == ConstKind::Bool))
                    return m_ctx.intConst(wrap(t, c.intValue()), t);
                if (isFloat(t) && c.constKind() == ConstKind::Int) return m_ctx.floatConst(static_cast<double>(c.intValue()), t);
                if (isFloat(t) && c.constKind() == ConstKind::Rational) return m_ctx.rationalConst(c.rationalValue(), t);
                if (isFloat(t) && c.constKind() == ConstKind::Float && isFloat(c.dtype()) && t != c.dtype()) {
                    double v = c.floatValue();
                    if (roundToDType(v, t) == v) return m_ctx.floatConst(v, t);
                }
            }
            if (isFloat(t) && op == Op::Neg && e[0].constKind() == ConstKind::Float) return m_ctx.floatConst(-e[0].floatValue(), t);
            if (isFloat(t) && op == Op::Neg && e[0].constKind() == ConstKind::Rational) {
                Rational r = e[0].rationalValue();
                return m_ctx.rationalConst(Rational{-r.num, r.den}, t);
            }
            if (isFloat(t) && (op == Op::Min || op == Op::Max) && e[0].constKind() == ConstKind::Float &&
                e[1].constKind() == ConstKind::Float) {
                double a = e[0].floatValue(), b = e[1].floatValue();
                if (!std::isnan(a) && !std::isnan(b)) return op == Op::Min ? (a <= b ? e[0] : e[1]) : (a >= b ? e[0] : e[1]);
            }
        }
        // ---- identities ----
        switch (op) {
        case Op::Add:
            if (e[1].isZero() && isNumConst(e[1])) return e[0];
            if (e[0].isZero() && isNumConst(e[0])) return e[1];
            break;
        case Op::Sub:
            if (e[1].isZero() && isNumConst(e[1])) return e[0];
            if (e[0] == e[1] && isInteger(t)) return m_ctx.zero(t);
            break;
        case Op::Mul:
            if (e[1].isOne()) return e[0];
            if (e[0].isOne()) return e[1];
            if (isInteger(t) && (e[0].isZero() || e[1].isZero())) return m_ctx.zero(t);
            break;
        case Op::Div:
            if (e[1].isOne()) return e[0];
            break;
        case Op::FloorDiv:
        case Op::TDiv:
            if (isInteger(t) && e[1].isOne()) return e[0];
            break;
        case Op::Mod:
        case Op::TRem:
            if (isInteger(t) && e[1].isOne()) return m_ctx.zero(t);
            break;
        case Op::Min:
        case Op::Max:
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Neg:
            if (e[0].op() == Op::Neg) return e[0][0];
            break;
        case Op::Select:
            if (isTrue(e[0])) return e[1];
            if (isFalse(e[0])) return e[2];
            if (e[1] == e[2]) return e[1];
            if (t == DType::Bool && isTrue(e[1]) && isFalse(e[2])) return e[0];
            if (t == DType::Bool && isFalse(e[1]) && isTrue(e[2])) return m_ctx.lnot(e[0]);
            if (e[0].op() == Op::Not) return m_ctx.select(e[0][0], e[2], e[1]);
            // where(c, where(c, a, b), d) = where(c, a, d)
            if (e[1].op() == Op::Select && e[1][0] == e[0]) return m_ctx.select(e[0], e[1][1], e[2]);
            if (e[2].op() == Op::Select && e[2][0] == e[0]) return m_ctx.select(e[0], e[1], e[2][2]);
            break;
        case Op::And:
            if (isTrue(e[0])) return e[1];
            if (isTrue(e[1])) return e[0];
            if (isFalse(e[0]) || isFalse(e[1])) return m_ctx.falseConst();
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Or:
            if (isFalse(e[0])) return e[1];
            if (isFalse(e[1])) return e[0];
            if (isTrue(e[0]) || isTrue(e[1])) return m_ctx.trueConst();
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Not:
            if (e[0].op() == Op::Not) return e[0][0];
            if (isComparison(e[0].op()) && isInteger(e[0][0].dtype()))
                return m_ctx.binary(negateComparison(e[0].op()), e[0][0], e[0][1]);
            break;
        case Op::Cast:
            if (e[0].dtype() == t) return e[0];
            // Widening then narrowing back is the identity; widening chains collapse.
            if (e[0].op() == Op::Cast && isInteger(t) && isInteger(e[0].dtype()) && isInteger(e[0][0].dtype())) {
                DType inner = e[0][0].dtype(), mid = e[0].dtype();
                if (bitWidth(mid) >= bitWidth(inner) && isSigned(mid) == isSigned(inner) && isSigned(t) == isSigned(inner)) {
                    if (bitWidth(t) >= bitWidth(inner)) return inner == t ? e[0][0] : m_ctx.cast(e[0][0], t);
                }
            }
            if (e[0].op() == Op::Cast && isFloat(t) && isFloat(e[0].dtype()) && isInteger(e[0][0].dtype()))
                return m_ctx.cast(e[0][0], t); // int -> f32 -> f64 keeps the integer
            break;
        default: break;
        }
        if (!m_opts.ranges.empty() || op == Op::FloorDiv || op == Op::Mod || op == Op::TDiv || op == Op::TRem) {
            Expr r = rangeRules(e);
            if (r != e) return r;
        }
        if (isComparison(op) && e[0] == e[1] && isInteger(e[0].dtype()))
            return m_ctx.boolConst(op == Op::Le || op == Op::Ge || op == Op::Eq);
        // ---- comparisons of integer polynomials that differ by a constant ----
        if (isComparison(op) && isInteger(e[0].dtype())) {
            auto a = toPoly(e[0]), b = toPoly(e[1]);
            if (a && b) {
                Poly d = *a - *b;
                if (d.isConstant()) {
                    double v = d.constantTerm().toDouble();
                    if (auto r = compareConsts(op, v, 0.0)) return m_ctx.boolConst(*r);
                }
            }
        }
        // ---- x + c < d  ->  x < d - c (constants to the right; `< 2^k + 1` reads as `<= 2^k`) ----
        if (isComparison(op) && op != Op::Eq && op != Op::Ne && isInteger(e[0].dtype()) && e[1].op() == Op::Const &&
            e[1].constKind() == ConstKind::Int) {
            auto lp = toPoly(e[0]);
            if (lp && !lp->isConstant() && lp->constantTerm().num != 0 && lp->constantTerm().den == 1) {
                std::int64_t c = lp->constantTerm().num;
                auto rest = fromPoly(m_ctx, *lp - Poly::constant(Rational{c, 1}), e[0].dtype());
                if (rest) return m_ctx.binary(op, *rest, m_ctx.intConst(e[1].intValue() - c, e[1].dtype()));
            }
            std::int64_t c = e[1].intValue();
            bool pow2 = c > 1 && ((c - 1) & (c - 2)) == 0;
            if (op == Op::Lt && pow2) return m_ctx.binary(Op::Le, e[0], m_ctx.intConst(c - 1, e[1].dtype()));
        }
        // ---- polynomial normal form ----
        bool arith = op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Neg ||
                     (op == Op::Div && m_opts.normalizeFloats);
        if (arith && ((isInteger(t) && m_opts.normalizeIntegers) || (isFloat(t) && m_opts.normalizeFloats))) {
            if (auto p = toPoly(e)) {
                if (isInteger(t)) recombineDivMod(*p);
                if (auto n = fromPoly(m_ctx, *p, t)) return *n;
            }
        }
        return e;
    }

    // c * (x // c) + x % c = x (both floor and truncating semantics), times any monomial.
    void recombineDivMod(Poly& p) {
        for (int guard = 0; guard < 8; ++guard) {
            bool changed = false;
            for (auto& [m, coef] : p.terms()) {
                for (const Expr& a : m.atoms) {
                    bool isDiv = a.op() == Op::FloorDiv || a.op() == Op::TDiv;
                    if (!isDiv || !a[1].isConst() || a[1].intValue() == 0) continue;
                    Expr rem = m_ctx.binary(a.op() == Op::FloorDiv ? Op::Mod : Op::TRem, a[0], a[1]);
                    std::int64_t c = a[1].intValue();
                    if (coef.den != 1 || coef.num % c != 0) continue;
                    Monomial rest = m.without(a);
                    Monomial remM = rest;
                    remM.atoms.push_back(rem);
                    std::sort(remM.atoms.begin(), remM.atoms.end(), atomLess);
                    auto it = p.terms().find(remM);
                    if (it == p.terms().end()) continue;
                    Rational k{coef.num / c, 1};
                    if (!(it->second == k)) continue;
                    // Replace k*c*(x//c)*rest + k*(x%c)*rest by k*x*rest.
                    Poly restP = Poly::constant(k);
                    for (const Expr& r : rest.atoms) restP = restP * Poly::atom(r);
                    auto xp = toPoly(a[0]);
                    if (!xp) continue;
                    Poly divTerm = restP * Poly::atom(a);
                    Poly remTerm = restP * Poly::atom(rem);
                    p = p - divTerm.scaled(Rational{c, 1}) - remTerm + restP * *xp;
                    changed = true;
                    break;
                }
                if (changed) break;
            }
            if (!changed) return;
        }
    }

    // Divisions, remainders and comparisons decided by the known ranges of variables.
    Expr rangeRules(Expr e) {
        const Op op = e.op();
        const DType t = e.dtype();
        if ((op == Op::FloorDiv || op == Op::TDiv || op == Op::Mod || op == Op::TRem) && isInteger(t) &&
            e[1].isConst() && e[1].intValue() > 0) {
            std::int64_t c = e[1].intValue();
            auto p = toPoly(e[0]);
            if (!p) return e;
            // Split x into the terms with a coefficient divisible by c and the rest.
            Poly whole, rest;
            for (auto& [m, coef] : p->terms()) {
                Poly term = Poly::constant(coef);
                for (const Expr& a : m.atoms) term = term * Poly::atom(a);
                if (coef.den == 1 && coef.num % c == 0) whole = whole + term;
                else rest = rest + term;
            }
            auto restE = fromPoly(m_ctx, rest, t);
            if (!restE) return e;
            Bounds rb = boundsOf(*restE, m_opts, 0);
            if (!rb || rb->first < 0 || rb->second >= c) return e;
            if ((op == Op::TDiv || op == Op::TRem)) {
                Bounds xb = boundsOf(e[0], m_opts, 0);
                // Truncation equals floor only for non-negative numerators.
                bool nonNeg = xb && xb->first >= 0;
                if (!nonNeg && !whole.isZero()) return e;
            }
            if (op == Op::Mod || op == Op::TRem) return *restE;
            auto q = fromPoly(m_ctx, whole.scaled(Rational{1, c}), t);
            return q ? *q : e;
        }
        if (isComparison(op) && isInteger(e[0].dtype())) {
            auto d = toPoly(e[0]);
            auto f = toPoly(e[1]);
            if (!d || !f) return e;
            auto diffE = fromPoly(m_ctx, *d - *f, e[0].dtype());
            if (!diffE) return e;
            Bounds b = boundsOf(*diffE, m_opts, 0);
            if (!b) return e;
            auto [lo, hi] = *b;
            switch (op) {
            case Op::Lt: if (hi < 0) return m_ctx.trueConst(); if (lo >= 0) return m_ctx.falseConst(); break;
            case Op::Le: if (hi <= 0) return m_ctx.trueConst(); if (lo > 0) return m_ctx.falseConst(); break;
            case Op::Gt: if (lo > 0) return m_ctx.trueConst(); if (hi <= 0) return m_ctx.falseConst(); break;
            case Op::Ge: if (lo >= 0) return m_ctx.trueConst(); if (hi < 0) return m_ctx.falseConst(); break;
            case Op::Eq: if (lo > 0 || hi < 0) return m_ctx.falseConst(); if (lo == 0 && hi == 0) return m_ctx.trueConst(); break;
            case Op::Ne: if (lo > 0 || hi < 0) return m_ctx.trueConst(); if (lo == 0 && hi == 0) return m_ctx.falseConst(); break;
            default: break;
            }
        }
        return e;
    }

    Context& m_ctx;
    const SimplifyOptions& m_opts;
    std::unordered_map<const Node*, Expr> m_memo;
};

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> integerBounds(Expr e, const SimplifyOptions& options) {
    return boundsOf(e, options, 0);
}

Expr simplify(Context& ctx, Expr e, const SimplifyOptions& options) {
    Simplifier s(ctx, options);
    return s.run(e);
}

} // namespace tlift::ir
