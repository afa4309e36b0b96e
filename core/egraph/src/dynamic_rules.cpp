// Rewrites that a pattern cannot say: they compute a constant or read a class's analysis.

#include "tlift/egraph/analysis.h"
#include "tlift/egraph/dynamic_rules.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <cmath>

namespace tlift::egraph {

using ir::Expr;
using ir::Op;

namespace {

// x / c  =>  x * (1/c) for a constant c whose reciprocal is exact (a rational, or a power of two
// as a float). Lets divisions by constants join the products that the algebra rules reorder.
class DivByConstant : public DynamicRule {
public:
    std::string name() const override { return "div-by-const"; }
    std::string family() const override { return "algebra"; }
    std::string description() const override { return "x / c => x * (1/c) when 1/c is exact"; }

    void search(const EGraph& g, ClassId c, std::vector<std::pair<Expr, Expr>>& out) const override {
        ir::Context& ctx = g.context();
        for (NodeId n : g.eclass(c).nodes) {
            const ENode& en = g.node(n);
            if (en.op() != Op::Div || !ir::isFloat(en.term.dtype())) continue;
            Expr d = g.data(en.kids[1]).constant;
            if (!d || d.isZero() || d.op() != Op::Const) continue;
            Expr one = ctx.one(d.dtype());
            Expr probe = ctx.div(one, d);
            Expr recip = foldConstant(ctx, probe, std::vector<Expr>{one, d});
            if (!recip) continue;
            Expr lhs = ctx.div(en.term[0], d);
            out.emplace_back(lhs, ctx.mul(en.term[0], recip));
        }
    }
};

// sum[k in lo..hi](b) = max(hi - lo, 0) * b when b does not depend on k (and the guard is true).
class SumOfInvariant : public DynamicRule {
public:
    std::string name() const override { return "sum-invariant"; }
    std::string family() const override { return "reduce"; }
    std::string description() const override {
        return "sum[k in lo..hi](b) => max(hi - lo, 0) * b when b does not depend on k";
    }

    void search(const EGraph& g, ClassId c, std::vector<std::pair<Expr, Expr>>& out) const override {
        ir::Context& ctx = g.context();
        for (NodeId n : g.eclass(c).nodes) {
            const ENode& en = g.node(n);
            if (en.op() != Op::Reduce || en.term.reduceKind() != ir::ReduceKind::Sum) continue;
            Expr guard = g.data(en.kids[3]).constant;
            if (!guard || !guard.boolValue()) continue;
            Expr var = en.term.var();
            if (g.hasFreeVar(en.kids[4], var)) continue;
            Expr body = g.eclass(en.kids[4]).rep;
            // The representative may mention k (its class does not depend on it): rename it away
            // so that the rewritten term does not show a variable that lost its binder.
            if (ir::occursFree(body, var)) continue;
            Expr lo = en.term.lo(), hi = en.term.hi();
            Expr count = ir::simplify(ctx, ctx.max(ctx.sub(hi, lo), ctx.zero(hi.dtype())));
            if (body.dtype() != hi.dtype()) count = ctx.cast(count, body.dtype());
            Expr lhs = ctx.reduce(ir::ReduceKind::Sum, var, lo, hi, guard, body);
            out.emplace_back(lhs, ctx.mul(count, body));
        }
    }
};

} // namespace

std::vector<std::shared_ptr<const DynamicRule>> builtinDynamicRules() {
    return {std::make_shared<DivByConstant>(), std::make_shared<SumOfInvariant>()};
}

} // namespace tlift::egraph
