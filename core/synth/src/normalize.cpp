#include "tlift/synth/normalize.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <cmath>
#include <functional>
#include <limits>

namespace tlift::synth {

using ir::Expr;
using ir::Op;
using ir::ReduceKind;

Expr reductionIdentity(ir::Context& ctx, ReduceKind k, ir::DType t) {
    switch (k) {
    case ReduceKind::Sum: return ctx.zero(t);
    case ReduceKind::Prod: return ctx.one(t);
    case ReduceKind::Max:
        return ir::isFloat(t) ? ctx.floatConst(-std::numeric_limits<double>::infinity(), t) : Expr();
    case ReduceKind::Min:
        return ir::isFloat(t) ? ctx.floatConst(std::numeric_limits<double>::infinity(), t) : Expr();
    default: return Expr();
    }
}

namespace {

bool isInf(Expr e, int sign) {
    return e.op() == Op::Const && e.constKind() == ir::ConstKind::Float && std::isinf(e.floatValue()) &&
           (e.floatValue() > 0) == (sign > 0);
}

// A real-valued term: no infinite or NaN constants, no undefined values, no loop results; a
// max/min over a range is finite only when the range is known to be non-empty.
bool finite(Expr e, const std::function<bool(Expr)>& extra) {
    bool ok = true;
    ir::visitPostOrder(e, [&](Expr n) {
        if (n.op() == Op::Const && n.constKind() == ir::ConstKind::Float && !std::isfinite(n.floatValue())) ok = false;
        if (n.op() == Op::Undef || n.op() == Op::Apply) ok = false;
        if (n.op() == Op::Div) ok = false; // a division by zero is not a real
        if (n.op() == Op::Reduce && (n.reduceKind() == ReduceKind::Max || n.reduceKind() == ReduceKind::Min) &&
            !(extra && extra(n)))
            ok = false;
    });
    return ok;
}

} // namespace

Expr foldInfinities(ir::Context& ctx, Expr e, const std::function<bool(Expr)>& isFinite) {
    auto finite = [&](Expr x) { return tlift::synth::finite(x, isFinite); };
    return ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
        if (!ir::isFloat(n.dtype()) || !n.isScalar()) return n;
        auto ninf = [&] { return ctx.floatConst(-std::numeric_limits<double>::infinity(), n.dtype()); };
        switch (n.op()) {
        case Op::Sub:
            if (isInf(n[0], -1) && finite(n[1])) return ninf();
            if (isInf(n[1], 1) && finite(n[0])) return ninf();
            break;
        case Op::Add:
            if ((isInf(n[0], -1) && finite(n[1])) || (isInf(n[1], -1) && finite(n[0]))) return ninf();
            break;
        case Op::Mul:
            if ((n[0].isZero() && finite(n[1])) || (n[1].isZero() && finite(n[0]))) return ctx.zero(n.dtype());
            break;
        case Op::Exp:
        case Op::Exp2:
            if (isInf(n[0], -1)) return ctx.zero(n.dtype());
            break;
        case Op::Max:
            if (isInf(n[0], -1)) return n[1];
            if (isInf(n[1], -1)) return n[0];
            break;
        case Op::Min:
            if (isInf(n[0], 1)) return n[1];
            if (isInf(n[1], 1)) return n[0];
            break;
        default: break;
        }
        return n;
    });
}

namespace {

class Normalizer {
public:
    Normalizer(ir::Context& ctx, FactOracle& facts, const NormalizeOptions& o) : m_ctx(ctx), m_facts(facts), m_opts(o) {}

    NormalizeResult run(Expr e) {
        NormalizeResult res;
        m_root = e;
        Expr cur = ir::simplify(m_ctx, e);
        if (cur != e) record("simplify", e, cur);
        for (int pass = 0; pass < 8; ++pass) {
            Expr next = rewrite(cur);
            if (next == cur || m_stop != util::StopReason::Completed) {
                cur = next;
                break;
            }
            cur = next;
        }
        res.result = cur;
        res.steps = std::move(m_steps);
        res.stop = m_stop;
        return res;
    }

private:
    bool budgetLeft() {
        if (m_opts.cancel.cancelled()) m_stop = util::StopReason::Cancelled;
        else if (m_opts.deadline.expired()) m_stop = util::StopReason::TimeLimit;
        else if (static_cast<int>(m_steps.size()) >= m_opts.maxSteps) m_stop = util::StopReason::NodeLimit;
        return m_stop == util::StopReason::Completed;
    }

    void record(const std::string& rule, Expr from, Expr to) {
        RewriteStep st;
        st.rule = rule;
        st.from = from;
        st.to = to;
        m_steps.push_back(st);
    }

    // Bottom-up over the term, entering reductions with their variable's range as a fact.
    Expr rewrite(Expr e) {
        if (!budgetLeft()) return e;
        if (e.arity() == 0) return e;
        if (e.op() == Op::Reduce) return rewriteReduce(e);
        std::vector<Expr> kids;
        bool changed = false;
        for (const Expr& k : e.children()) {
            kids.push_back(rewrite(k));
            changed |= kids.back() != k;
        }
        Expr cur = e;
        if (changed) {
            auto r = m_ctx.withChildren(e, kids);
            if (r) cur = *r;
        }
        return local(cur);
    }

    Expr local(Expr e) {
        if (e.op() == Op::Select) {
            if (m_facts.implies(e[0])) return step("select-by-facts", e, e[1]);
            Expr neg = ir::simplify(m_ctx, m_ctx.lnot(e[0]));
            if (m_facts.implies(neg)) return step("select-by-facts", e, e[2]);
        }
        if (e.op() == Op::Min && ir::isInteger(e.dtype())) {
            if (m_facts.implies(m_ctx.le(e[0], e[1]))) return step("bounds-by-facts", e, e[0]);
            if (m_facts.implies(m_ctx.le(e[1], e[0]))) return step("bounds-by-facts", e, e[1]);
        }
        if (e.op() == Op::Max && ir::isInteger(e.dtype())) {
            if (m_facts.implies(m_ctx.ge(e[0], e[1]))) return step("bounds-by-facts", e, e[0]);
            if (m_facts.implies(m_ctx.ge(e[1], e[0]))) return step("bounds-by-facts", e, e[1]);
        }
        if (e.op() == Op::Add && e[0].op() == Op::Reduce && e[1].op() == Op::Reduce) {
            if (Expr r = concatRanges(e[0], e[1])) return step("concat-ranges", e, r);
            if (Expr r = concatRanges(e[1], e[0])) return step("concat-ranges", e, r);
        }
        Expr f = foldInfinities(m_ctx, e, nonEmpty());
        if (f != e) return step("extended-reals", e, ir::simplify(m_ctx, f));
        Expr s = ir::simplify(m_ctx, e);
        if (s != e) return step("simplify", e, s);
        return e;
    }

    // sum[k in a..b](f) + sum[k in c..a](f) = sum[k in c..b](f) when c <= a <= b.
    Expr concatRanges(Expr x, Expr y) {
        if (x.reduceKind() != ReduceKind::Sum || y.reduceKind() != ReduceKind::Sum) return Expr();
        if (!(x.guard().isConst() && x.guard().boolValue() && y.guard().isConst() && y.guard().boolValue())) return Expr();
        Expr yb = ir::substitute(m_ctx, y.body(), y.var(), x.var());
        if (yb != x.body()) return Expr();
        auto d = ir::toPoly(m_ctx.sub(x.lo(), y.hi()));
        if (!d || !d->isZero()) return Expr();
        if (!m_facts.implies(m_ctx.le(y.lo(), y.hi())) || !m_facts.implies(m_ctx.le(x.lo(), x.hi()))) return Expr();
        return m_ctx.reduce(ReduceKind::Sum, x.var(), y.lo(), x.hi(), x.guard(), x.body());
    }

    // A max/min reduction is finite when its range is non-empty (and its body finite).
    std::function<bool(Expr)> nonEmpty() {
        return [this](Expr r) {
            if (r.op() != Op::Reduce || !(r.guard().isConst() && r.guard().boolValue())) return false;
            return m_facts.implies(m_ctx.lt(r.lo(), r.hi()));
        };
    }

    Expr step(const std::string& rule, Expr from, Expr to) {
        record(rule, from, to);
        return to.arity() > 0 && to != from ? local(to) : to;
    }

    Expr rewriteReduce(Expr e) {
        Expr lo = rewrite(e.lo()), hi = rewrite(e.hi());
        m_facts.push(e.var(), lo, hi, e.guard());
        Expr guard = rewrite(e.guard());
        Expr body = rewrite(e.body());
        m_facts.pop();
        Expr cur = m_ctx.reduce(e.reduceKind(), e.var(), lo, hi, guard, body);
        if (cur != e) record("rewrite inside", e, cur);
        for (int guardRounds = 0; guardRounds < 8 && budgetLeft(); ++guardRounds) {
            Expr next = reduceRules(cur);
            if (next == cur) break;
            cur = next;
            if (cur.op() != Op::Reduce) return rewrite(cur);
        }
        return cur;
    }

    // Conditions of selects in the body that mention the bound variable.
    void maskConditions(Expr body, Expr var, std::vector<Expr>& out) {
        ir::visitPostOrder(body, [&](Expr n) {
            if (n.op() == Op::Select && ir::occursFree(n[0], var) &&
                std::find(out.begin(), out.end(), n[0]) == out.end())
                out.push_back(n[0]);
        });
    }

    Expr replaceCondition(Expr body, Expr cond, bool value) {
        return ir::rewriteBottomUp(m_ctx, body, [&](Expr n) -> Expr {
            if (n.op() == Op::Select && n[0] == cond) return value ? n[1] : n[2];
            return n;
        });
    }

    void conjuncts(Expr g, std::vector<Expr>& out) {
        if (g.op() == Op::And) {
            conjuncts(g[0], out);
            conjuncts(g[1], out);
        } else if (!(g.isConst() && g.boolValue())) {
            out.push_back(g);
        }
    }

    Expr conj(const std::vector<Expr>& cs) {
        Expr g = m_ctx.trueConst();
        for (const Expr& c : cs) g = (g.isConst() && g.boolValue()) ? c : m_ctx.land(g, c);
        return g;
    }

    Expr reduceRules(Expr e) {
        Expr v = e.var();
        ReduceKind kind = e.reduceKind();
        // masked-identity: the lanes that a mask turns off contribute the identity.
        if (Expr id = reductionIdentity(m_ctx, kind, e.body().dtype())) {
            std::vector<Expr> conds;
            maskConditions(e.body(), v, conds);
            for (const Expr& c : conds) {
                Expr off = ir::simplify(m_ctx, foldInfinities(m_ctx, ir::simplify(m_ctx, replaceCondition(e.body(), c, false)), nonEmpty()));
                off = ir::simplify(m_ctx, foldInfinities(m_ctx, off, nonEmpty()));
                bool isIdentity = off == id || (off.isConst() && id.isConst() && off.numericValue() == id.numericValue());
                if (!isIdentity) continue;
                Expr on = ir::simplify(m_ctx, replaceCondition(e.body(), c, true));
                Expr guard = ir::simplify(m_ctx, m_ctx.land(e.guard(), c));
                Expr r = m_ctx.reduce(kind, v, e.lo(), e.hi(), guard, on);
                record("masked-identity", e, r);
                return r;
            }
        }
        // guard-by-facts: conjuncts that do not mention the bound variable and that the facts decide.
        std::vector<Expr> cs;
        conjuncts(e.guard(), cs);
        for (std::size_t i = 0; i < cs.size(); ++i) {
            if (ir::occursFree(cs[i], v)) continue;
            if (m_facts.implies(cs[i])) {
                std::vector<Expr> rest = cs;
                rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
                Expr r = m_ctx.reduce(kind, v, e.lo(), e.hi(), conj(rest), e.body());
                record("guard-by-facts", e, r);
                return r;
            }
        }
        // shift-range: a body that uses k only as k + c becomes a range [lo + c, hi + c).
        if (Expr r = shiftRange(e)) return r;
        // guard-to-bounds: conjuncts k < B, k <= B, k >= A, B > k on the bound variable.
        for (std::size_t i = 0; i < cs.size(); ++i) {
            Expr c = cs[i];
            if (!ir::isComparison(c.op()) || !ir::isInteger(c[0].dtype())) continue;
            auto lp = ir::toPoly(m_ctx.sub(c[0], c[1]));
            if (!lp) continue;
            auto split = lp->splitBy(v);
            if (!split || !split->first.isConstant()) continue;
            ir::Rational a = split->first.constantTerm();
            if (!(a.den == 1 && (a.num == 1 || a.num == -1))) continue;
            // c0 - c1 = a*v + rest  =>  the comparison bounds v by -rest/a.
            auto restE = ir::fromPoly(m_ctx, split->second.scaled(ir::Rational{-a.num, 1}), v.dtype());
            if (!restE) continue;
            Expr b = ir::simplify(m_ctx, *restE); // a*v + rest OP 0  <=>  v OP' b
            Op op = c.op();
            if (a.num == -1) op = ir::swapComparison(op);
            Expr lo = e.lo(), hi = e.hi();
            switch (op) {
            case Op::Lt: hi = m_ctx.min(hi, b); break;
            case Op::Le: hi = m_ctx.min(hi, m_ctx.add(b, m_ctx.intConst(1, v.dtype()))); break;
            case Op::Gt: lo = m_ctx.max(lo, m_ctx.add(b, m_ctx.intConst(1, v.dtype()))); break;
            case Op::Ge: lo = m_ctx.max(lo, b); break;
            default: continue;
            }
            std::vector<Expr> rest = cs;
            rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
            Expr r = m_ctx.reduce(kind, v, ir::simplify(m_ctx, lo), ir::simplify(m_ctx, hi), conj(rest), e.body());
            record("guard-to-bounds", e, r);
            return r;
        }
        // bounds-by-facts on min/max bounds.
        Expr lo = local(e.lo()), hi = local(e.hi());
        if (lo != e.lo() || hi != e.hi()) return m_ctx.reduce(kind, v, lo, hi, e.guard(), e.body());
        // tile-collapse: an outer reduction of the same kind over the tiles of an inner one.
        if (Expr t = tileCollapse(e)) return t;
        return e;
    }

    // red[k in lo..hi | g](f(k + c)) with k appearing only in k + c: red[q in lo+c..hi+c | g'](f(q)).
    Expr shiftRange(Expr e) {
        Expr v = e.var();
        Expr shift;
        ir::visitPostOrder(e.body(), [&](Expr n) {
            if (shift || n.op() != Op::Read) return;
            for (std::size_t i = 1; i < n.arity(); ++i) {
                auto p = ir::toPoly(n[i]);
                if (!p) continue;
                auto sp = p->splitBy(v);
                if (!sp || !sp->first.isConstant() || !(sp->first.constantTerm() == ir::Rational{1, 1}) || sp->second.isZero()) continue;
                auto c = ir::fromPoly(m_ctx, sp->second, v.dtype());
                if (c && !ir::occursFree(*c, v)) shift = *c;
            }
        });
        if (!shift) return Expr();
        Expr q = m_ctx.freshVar("k", v.dtype());
        Expr back = m_ctx.sub(q, shift);
        auto sub = [&](Expr x) { return ir::simplify(m_ctx, ir::substitute(m_ctx, x, v, back)); };
        Expr body = sub(e.body()), guard = sub(e.guard());
        // Only worth it when no read keeps the offset (q - c) after the shift.
        bool clean = true;
        ir::visitPostOrder(body, [&](Expr n) {
            if (n.op() != Op::Read) return;
            for (std::size_t i = 1; i < n.arity(); ++i)
                if (ir::occursFree(n[i], q) && n[i] != q) clean = false;
        });
        if (!clean) return Expr();
        Expr r = m_ctx.reduce(e.reduceKind(), q, ir::simplify(m_ctx, m_ctx.add(e.lo(), shift)),
                              ir::simplify(m_ctx, m_ctx.add(e.hi(), shift)), guard, body);
        record("shift-range", e, r);
        return r;
    }

    // red[t in 0..T](red[l in 0..B | g](f)) where f, g depend on t and l only through
    // t*B + l: red[q in 0..T*B | g'](f').
    Expr tileCollapse(Expr outer) {
        if (Expr r = tileUnion(outer)) return r;
        if (Expr r = tileCollapseOrdered(outer)) return r;
        // Lanes outside, tiles inside: exchange the two reductions first (same kind, and the
        // inner range does not depend on the outer variable).
        Expr inner = outer.body();
        if (inner.op() != Op::Reduce || inner.reduceKind() != outer.reduceKind()) return Expr();
        if (!(outer.guard().isConst() && outer.guard().boolValue())) return Expr();
        if (ir::occursFree(inner.lo(), outer.var()) || ir::occursFree(inner.hi(), outer.var())) return Expr();
        if (!outer.hi().isConst() || !outer.lo().isZero()) return Expr();
        Expr swapped = m_ctx.reduce(outer.reduceKind(), inner.var(), inner.lo(), inner.hi(), m_ctx.trueConst(),
                                    m_ctx.reduce(outer.reduceKind(), outer.var(), outer.lo(), outer.hi(), inner.guard(), inner.body()));
        if (Expr r = tileCollapseOrdered(swapped)) {
            record("exchange reductions", outer, swapped);
            return r;
        }
        return Expr();
    }

    // red[t in 0..T](red[q in t*B + a .. t*B + a + B | g](f(q))) with g, f free of t: the tiles
    // [t*B + a, t*B + a + B) are consecutive, their union is [a, T*B + a); a last tile clipped by
    // min(., E) gives min(T*B + a, E).
    Expr tileUnion(Expr outer) {
        Expr inner = outer.body();
        if (inner.op() != Op::Reduce || inner.reduceKind() != outer.reduceKind()) return Expr();
        if (!(outer.guard().isConst() && outer.guard().boolValue()) || !outer.lo().isZero()) return Expr();
        ReduceKind k = outer.reduceKind();
        if (k == ReduceKind::ArgMax || k == ReduceKind::ArgMin) return Expr();
        Expr t = outer.var();
        if (ir::occursFree(inner.guard(), t) || ir::occursFree(inner.body(), t)) return Expr();
        auto lp = ir::toPoly(inner.lo());
        if (!lp) return Expr();
        auto split = lp->splitBy(t);
        if (!split || !split->first.isConstant() || split->first.constantTerm().den != 1) return Expr();
        std::int64_t B = split->first.constantTerm().num;
        if (B <= 0) return Expr();
        auto aE = ir::fromPoly(m_ctx, split->second, t.dtype());
        if (!aE || ir::occursFree(*aE, t)) return Expr();
        Expr hi = inner.hi(), clip;
        if (hi.op() == Op::Min) {
            for (int side = 0; side < 2; ++side) {
                Expr cand = hi[static_cast<std::size_t>(side)], other = hi[static_cast<std::size_t>(1 - side)];
                if (!ir::occursFree(other, t)) {
                    hi = cand;
                    clip = other;
                    break;
                }
            }
            if (!clip) return Expr();
        }
        auto d = ir::toPoly(m_ctx.sub(hi, inner.lo()));
        if (!d || !d->isConstant() || !(d->constantTerm() == ir::Rational{B, 1})) return Expr();
        Expr top = ir::simplify(m_ctx, m_ctx.add(m_ctx.mul(outer.hi(), m_ctx.intConst(B, t.dtype())), *aE));
        if (clip) top = m_ctx.min(top, clip);
        Expr r = m_ctx.reduce(k, inner.var(), *aE, top, inner.guard(), inner.body());
        record("tile-collapse", outer, r);
        return r;
    }

    Expr tileCollapseOrdered(Expr outer) {
        Expr inner = outer.body();
        if (inner.op() != Op::Reduce || inner.reduceKind() != outer.reduceKind()) return Expr();
        if (!(outer.guard().isConst() && outer.guard().boolValue())) return Expr();
        // A clipped last tile: l in [0, min(B, E)) is l in [0, B) with the guard l < E.
        if (inner.lo().isZero() && inner.hi().op() == Op::Min && (inner.hi()[0].isConst() || inner.hi()[1].isConst())) {
            Expr B = inner.hi()[0].isConst() ? inner.hi()[0] : inner.hi()[1];
            Expr E = inner.hi()[0].isConst() ? inner.hi()[1] : inner.hi()[0];
            Expr g = ir::simplify(m_ctx, m_ctx.land(inner.guard(), m_ctx.lt(inner.var(), E)));
            inner = m_ctx.reduce(inner.reduceKind(), inner.var(), inner.lo(), B, g, inner.body());
            outer = m_ctx.reduce(outer.reduceKind(), outer.var(), outer.lo(), outer.hi(), outer.guard(), inner);
        }
        if (!outer.lo().isZero() || !inner.lo().isZero() || !inner.hi().isConst()) return Expr();
        ReduceKind k = outer.reduceKind();
        if (k == ReduceKind::ArgMax || k == ReduceKind::ArgMin) return Expr();
        std::int64_t B = inner.hi().intValue();
        Expr t = outer.var(), l = inner.var();
        Expr q = m_ctx.freshVar("k", l.dtype());
        // l = q - t*B; then t must disappear.
        Expr lq = m_ctx.sub(q, m_ctx.mul(t, m_ctx.intConst(B, t.dtype())));
        ir::SimplifyOptions o;
        auto sub = [&](Expr x) { return ir::simplify(m_ctx, ir::substitute(m_ctx, x, l, lq), o); };
        Expr body = sub(inner.body());
        Expr guard = sub(inner.guard());
        if (ir::occursFree(body, t) || ir::occursFree(guard, t)) return Expr();
        Expr hi = ir::simplify(m_ctx, m_ctx.mul(outer.hi(), m_ctx.intConst(B, t.dtype())));
        Expr r = m_ctx.reduce(k, q, m_ctx.intConst(0, q.dtype()), hi, guard, body);
        record("tile-collapse", outer, r);
        return r;
    }

    ir::Context& m_ctx;
    FactOracle& m_facts;
    const NormalizeOptions& m_opts;
    Expr m_root;
    std::vector<RewriteStep> m_steps;
    util::StopReason m_stop = util::StopReason::Completed;
};

} // namespace

NormalizeResult normalizeSummary(ir::Context& ctx, Expr e, FactOracle& facts, const NormalizeOptions& options) {
    Normalizer n(ctx, facts, options);
    return n.run(e);
}

} // namespace tlift::synth
