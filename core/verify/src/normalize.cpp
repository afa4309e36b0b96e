#include "normalize.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace tlift::verify {

using ir::Expr;
using ir::Op;
using ir::ReduceKind;

namespace {

constexpr std::size_t kMaxTerms = 32;

bool isInf(Expr e, int sign) {
    return e.op() == Op::Const && e.constKind() == ir::ConstKind::Float && std::isinf(e.floatValue()) &&
           (e.floatValue() > 0) == (sign > 0);
}

// The identity of a reduction as the padding a masked load uses.
bool isPadding(Expr e, ReduceKind k) {
    switch (k) {
    case ReduceKind::Sum: return e.isZero();
    case ReduceKind::Prod: return e.isOne();
    case ReduceKind::Max: return isInf(e, -1);
    case ReduceKind::Min: return isInf(e, +1);
    default: return false;
    }
}

class Normalizer {
public:
    Normalizer(ir::Context& ctx, const std::vector<Range>& ranges, bool exactLog) : m_ctx(ctx), m_exactLog(exactLog) {
        for (const Range& r : ranges)
            if (r.x) m_ranges[r.x] = r;
    }

    Expr run(Expr e) {
        // A range speaks about a free variable; a bound variable of the same name is another one.
        ir::visitPostOrder(e, [&](Expr n) {
            if (n.op() == Op::Reduce) m_ranges.erase(n.var());
        });
        return go(ir::simplify(m_ctx, e));
    }

private:
    Expr go(Expr e) {
        if (auto it = m_memo.find(e); it != m_memo.end()) return it->second;
        Expr r = e;
        if (e.arity() > 0) {
            std::vector<Expr> kids;
            bool changed = false;
            for (const Expr& k : e.children()) {
                kids.push_back(go(k));
                changed |= kids.back() != k;
            }
            if (changed) {
                auto w = m_ctx.withChildren(e, kids);
                if (w) r = *w;
            }
            if (r.op() == Op::Reduce) r = reduction(r);
            if (r.op() == Op::Exp2 && m_exactLog) r = exp2(r);
            if (ir::isInteger(r.dtype()) && (r.op() == Op::FloorDiv || r.op() == Op::Mod || r.op() == Op::TDiv ||
                                             r.op() == Op::TRem))
                r = division(r);
        }
        m_memo.emplace(e, r);
        return r;
    }

    // exp2(log2(e) * u) = exp(u): every monomial of the argument must carry the constant.
    Expr exp2(Expr e) {
        const double log2e = 1.44269504088896340736;
        auto p = ir::toPoly(e[0]);
        if (!p || p->size() > kMaxTerms) return e;
        ir::Poly out;
        for (const auto& [mono, coef] : p->terms()) {
            std::optional<Expr> factor;
            for (const Expr& a : mono.atoms)
                if (a.op() == Op::Const && a.constKind() == ir::ConstKind::Float &&
                    std::fabs(std::fabs(a.floatValue()) - log2e) <= 1e-7 * log2e)
                    factor = a;
            if (!factor) return e;
            ir::Poly term = ir::Poly::constant(factor->floatValue() < 0 ? ir::Rational{-coef.num, coef.den} : coef);
            for (const Expr& a : mono.without(*factor).atoms) term = term * ir::Poly::atom(a);
            out = out + term;
        }
        auto u = ir::fromPoly(m_ctx, out, e.dtype());
        if (!u) return e;
        return m_ctx.exp(*u);
    }

    // The constant lower bound the ranges give an atom, if any.
    std::optional<ir::Rational> lowerBound(Expr atom) {
        auto it = m_ranges.find(atom);
        if (it == m_ranges.end() || !it->second.lo) return std::nullopt;
        auto p = ir::toPoly(it->second.lo);
        if (!p || !p->isConstant()) return std::nullopt;
        return p->constantTerm();
    }

    bool nonNegative(Expr e) {
        auto p = ir::toPoly(e);
        if (!p) return false;
        for (const auto& [mono, coef] : p->terms()) {
            if (coef.num < 0) return false;
            for (const Expr& a : mono.atoms) {
                auto lb = lowerBound(a);
                if (!lb || lb->num < 0) return false;
            }
        }
        return true;
    }

    // 0 <= r < c, from r's range [lo, hi) with lo >= 0 and hi <= c.
    bool belowDivisor(Expr r, Expr c) {
        if (r.isZero()) return true;
        auto it = m_ranges.find(r);
        if (it == m_ranges.end() || !it->second.hi || !nonNegative(r)) return false;
        auto pc = ir::toPoly(c), ph = ir::toPoly(it->second.hi);
        if (!pc || !ph) return false;
        ir::Poly d = *pc - *ph;
        return d.isConstant() && d.constantTerm().num >= 0;
    }

    Expr division(Expr e) {
        Expr a = e[0], c = e[1];
        const ir::DType t = e.dtype();
        bool floor = e.op() == Op::FloorDiv || e.op() == Op::Mod;
        bool quotient = e.op() == Op::FloorDiv || e.op() == Op::TDiv;
        // Truncation is floor division when nothing is negative.
        if (!floor && !(nonNegative(a) && nonNegative(c))) return e;
        if (belowDivisor(a, c)) return quotient ? m_ctx.zero(t) : a;
        if (c.op() == Op::Const) return e; // the solver divides by constants well
        auto p = ir::toPoly(a);
        if (!p || !p->mentions(c)) return e;
        auto split = p->splitBy(c);
        if (!split) return e;
        auto q = ir::fromPoly(m_ctx, split->first, t), r = ir::fromPoly(m_ctx, split->second, t);
        if (!q || !r) return e;
        Expr rest = belowDivisor(*r, c) ? (quotient ? m_ctx.zero(t) : *r)
                                        : m_ctx.binary(quotient ? Op::FloorDiv : Op::Mod, *r, c);
        return ir::simplify(m_ctx, quotient ? m_ctx.add(*q, rest) : rest);
    }

    Expr reduction(Expr e) {
        Expr var = e.var(), lo = e.lo(), hi = e.hi(), guard = e.guard(), body = e.body();
        const ReduceKind kind = e.reduceKind();
        // Padding into the guard.
        for (bool again = true; again && body.op() == Op::Select;) {
            again = false;
            if (isPadding(body[2], kind)) {
                guard = m_ctx.land(guard, body[0]);
                body = body[1];
                again = true;
            } else if (isPadding(body[1], kind)) {
                guard = m_ctx.land(guard, m_ctx.lnot(body[0]));
                body = body[2];
                again = true;
            }
        }
        guard = ir::simplify(m_ctx, dropImplied(guard, var, lo, hi));
        body = ir::simplify(m_ctx, dropImplied(body, var, lo, hi));
        Expr r = m_ctx.reduce(kind, var, lo, hi, guard, body);
        if (kind == ReduceKind::Sum) r = linearSum(r);
        return r;
    }

    // Is `c` (a comparison) implied by lo <= var < hi?
    bool implied(Expr c, Expr var, Expr lo, Expr hi) {
        if (!ir::isComparison(c.op()) || c.op() == Op::Eq || c.op() == Op::Ne) return false;
        Op op = c.op();
        Expr a = c[0], b = c[1];
        if (b == var) {
            std::swap(a, b);
            op = ir::swapComparison(op);
        }
        if (a != var || ir::occursFree(b, var)) return false;
        auto diff = [](Expr x, Expr y) -> std::optional<ir::Rational> {
            auto px = ir::toPoly(x), py = ir::toPoly(y);
            if (!px || !py) return std::nullopt;
            ir::Poly d = *px - *py;
            if (!d.isConstant()) return std::nullopt;
            return d.constantTerm();
        };
        std::optional<ir::Rational> d;
        switch (op) {
        case Op::Lt: d = diff(b, hi); return d && d->num >= 0;                      // k < b, b >= hi
        case Op::Le: d = diff(b, hi); return d && d->num >= -d->den;                // k <= b, b >= hi - 1
        case Op::Ge: d = diff(lo, b); return d && d->num >= 0;                      // k >= b, lo >= b
        case Op::Gt: d = diff(lo, b); return d && d->num >= d->den;                 // k > b, lo >= b + 1
        default: return false;
        }
    }

    // Replaces comparisons implied by the range by `true` (not under binders of the same variable).
    Expr dropImplied(Expr e, Expr var, Expr lo, Expr hi) {
        if (!ir::occursFree(e, var)) return e;
        if (implied(e, var, lo, hi)) return m_ctx.trueConst();
        if (e.op() == Op::Reduce && e.var() == var) return e;
        std::vector<Expr> kids;
        bool changed = false;
        for (const Expr& k : e.children()) {
            kids.push_back(dropImplied(k, var, lo, hi));
            changed |= kids.back() != k;
        }
        if (!changed) return e;
        auto w = m_ctx.withChildren(e, kids);
        return w ? *w : e;
    }

    // exp(u + v) -> exp(u) * exp(v) and a / c -> a * (1 / c) for v, c that do not depend on var.
    Expr separate(Expr e, Expr var) {
        if (!ir::occursFree(e, var)) return e;
        if (e.op() == Op::Reduce) return e;
        std::vector<Expr> kids;
        bool changed = false;
        for (const Expr& k : e.children()) {
            kids.push_back(separate(k, var));
            changed |= kids.back() != k;
        }
        if (changed) {
            auto w = m_ctx.withChildren(e, kids);
            if (!w) return e;
            e = *w;
        }
        if (e.op() == Op::Exp && (e[0].op() == Op::Add || e[0].op() == Op::Sub)) {
            Expr u = e[0][0], v = e[0][1];
            bool sub = e[0].op() == Op::Sub;
            if (!ir::occursFree(v, var)) {
                Expr ev = m_ctx.exp(sub ? m_ctx.neg(v) : v);
                return m_ctx.mul(separate(m_ctx.exp(u), var), ev);
            }
            if (!sub && !ir::occursFree(u, var)) return m_ctx.mul(m_ctx.exp(u), separate(m_ctx.exp(v), var));
        }
        if (e.op() == Op::Div && !ir::occursFree(e[1], var))
            return m_ctx.mul(e[0], m_ctx.div(m_ctx.one(e.dtype()), e[1]));
        return e;
    }

    // sum_k sum_m c_m(invariant) * d_m(k)  ->  sum_m c_m * sum_k d_m(k).
    Expr linearSum(Expr e) {
        Expr var = e.var();
        Expr body = separate(e.body(), var);
        auto p = ir::toPoly(body);
        if (!p || p->size() > kMaxTerms) return e;
        ir::DType t = body.dtype();
        std::map<ir::Monomial, ir::Poly> byDependent;
        for (const auto& [mono, coef] : p->terms()) {
            ir::Monomial dep, inv;
            for (const Expr& a : mono.atoms) (ir::occursFree(a, var) ? dep : inv).atoms.push_back(a);
            ir::Poly c = ir::Poly::constant(coef);
            for (const Expr& a : inv.atoms) c = c * ir::Poly::atom(a);
            byDependent[dep] = byDependent[dep] + c;
        }
        bool trivial = byDependent.size() == 1 && byDependent.begin()->second.isConstant() &&
                       byDependent.begin()->second.constantTerm() == ir::Rational{1, 1};
        if (trivial) return e;
        std::optional<Expr> total;
        for (const auto& [dep, coef] : byDependent) {
            ir::Poly d = ir::Poly::constant(ir::Rational{1, 1});
            for (const Expr& a : dep.atoms) d = d * ir::Poly::atom(a);
            auto depExpr = ir::fromPoly(m_ctx, d, t);
            auto coefExpr = ir::fromPoly(m_ctx, coef, t);
            if (!depExpr || !coefExpr) return e;
            Expr s = m_ctx.reduce(ir::ReduceKind::Sum, var, e.lo(), e.hi(), e.guard(), *depExpr);
            Expr term = coefExpr->isOne() ? s : m_ctx.mul(*coefExpr, s);
            total = total ? m_ctx.add(*total, term) : term;
        }
        if (!total) return m_ctx.zero(t);
        return *total;
    }

    ir::Context& m_ctx;
    std::unordered_map<Expr, Expr> m_memo;
    std::unordered_map<Expr, Range> m_ranges;
    bool m_exactLog;
};

} // namespace

Expr normalizeForProof(ir::Context& ctx, Expr e, const std::vector<Range>& ranges, bool exactLogConstants) {
    try {
        return Normalizer(ctx, ranges, exactLogConstants).run(e);
    } catch (const ir::IrError&) {
        return e; // a rewrite that does not type-check is skipped, never fatal
    }
}

} // namespace tlift::verify
