#include "tlift/synth/closed_form.h"

#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace tlift::synth {

using ir::Expr;
using ir::Op;

namespace {

// Does e mention the previous value of any carried variable of the loop?
bool mentionsPrev(Expr e, const symexec::LoopSpec& L) {
    bool found = false;
    ir::visitPostOrder(e, [&](Expr n) {
        if (n.op() != Op::Apply) return;
        for (const symexec::CarriedVar& c : L.carried)
            if (n.name() == c.prevFn) found = true;
    });
    return found;
}

bool isPrevOf(Expr e, const symexec::CarriedVar& c) { return e.op() == Op::Apply && e.name() == c.prevFn; }

// The value of g at iteration t' (the counter replaced by lo + step * t').
Expr atIter(ir::Context& ctx, const symexec::LoopSpec& L, Expr g, Expr tv) {
    Expr u = ir::simplify(ctx, ctx.add(L.lo, ctx.mul(L.step, tv)));
    return ir::simplify(ctx, ir::substitute(ctx, g, L.counter, u));
}

// Replaces Apply(fn, args) by `form` with the pids and lanes bound to the arguments.
Expr instantiate(ir::Context& ctx, const symexec::Spec& spec, Expr form, Expr app, std::size_t lanes) {
    ir::ExprMap m;
    std::size_t np = spec.pids.size();
    for (std::size_t a = 0; a < np && a < app.arity(); ++a)
        if (app[a] != spec.pids[a]) m.emplace(spec.pids[a], app[a]);
    for (std::size_t d = 0; d < lanes && np + d < app.arity(); ++d) {
        Expr l = spec.lane(static_cast<int>(d));
        if (app[np + d] != l) m.emplace(l, app[np + d]);
    }
    return m.empty() ? form : ir::substitute(ctx, form, m);
}

struct Builder {
    ir::Context& ctx;
    const symexec::Spec& spec;
    const symexec::LoopSpec& L;
    Expr t;          // the iteration variable
    Expr T;          // the iteration count

    // sum/max/.. over t' in [0, upTo) of g at t'
    Expr over(ir::ReduceKind k, Expr g, Expr upTo) {
        Expr tp = ctx.freshVar("t");
        Expr body = atIter(ctx, L, g, tp);
        body = ir::simplify(ctx, ir::substitute(ctx, body, t, tp)); // values of other carried variables at t
        return ctx.reduce(k, tp, ctx.intConst(0), upTo, body);
    }
};

} // namespace

LoopSolution solveLoops(ir::Context& ctx, const symexec::Spec& spec, SearchTree* tree, int parent) {
    LoopSolution sol;
    std::vector<const symexec::LoopSpec*> loops;
    for (const symexec::LoopSpec& L : spec.loops) loops.push_back(&L);
    std::sort(loops.begin(), loops.end(), [](auto* a, auto* b) { return a->id > b->id; }); // inner first
    auto event = [&](const std::string& rule, const std::string& text, Expr term, Fate fate, const std::string& reason,
                     util::SourceSpan span) {
        if (!tree) return;
        SearchNode n;
        n.parents = {parent};
        n.phase = Phase::TopDown;
        n.rule = rule;
        n.text = text;
        n.term = term;
        n.fate = fate;
        n.reason = reason;
        n.span = span;
        n.size = term ? ir::treeSize(term) : 0;
        tree->add(n);
    };
    for (const symexec::LoopSpec* Lp : loops) {
        const symexec::LoopSpec& L = *Lp;
        if (L.isWhile) {
            for (const symexec::CarriedVar& c : L.carried)
                sol.unsolved.push_back(c.name + "@" + L.label() + ": while loops have no closed form yet");
            continue;
        }
        if (!L.step || L.step.op() != Op::Const || L.step.intValue() <= 0) {
            for (const symexec::CarriedVar& c : L.carried)
                sol.unsolved.push_back(c.name + "@" + L.label() + ": the loop's step is not a positive constant");
            continue;
        }
        Builder b{ctx, spec, L, ctx.freshVar("t"), Expr()};
        Expr stepm1 = ctx.intConst(L.step.intValue() - 1);
        b.T = ir::simplify(ctx, ctx.binary(Op::FloorDiv, ctx.add(ctx.sub(L.hi, L.lo), stepm1), L.step));
        // Updates with inner loops' results replaced by their closed forms.
        std::map<std::string, Expr> update;
        for (const symexec::CarriedVar& c : L.carried)
            if (c.update) update[c.name] = applyClosedForms(ctx, spec, sol, c.update);
        std::map<std::string, ClosedForm> found;
        auto add = [&](const symexec::CarriedVar& c, const std::string& pattern, Expr atT, Expr fin) {
            ClosedForm f;
            f.loop = L.id;
            f.var = c.name;
            f.pattern = pattern;
            f.iter = b.t;
            f.iterations = b.T;
            f.counter = L.counter;
            f.atIteration = ir::simplify(ctx, atT);
            f.final = ir::simplify(ctx, fin);
            found[c.name] = f;
            event("closed form: " + pattern, c.name + "@" + L.label() + " = " + ir::toText(f.final), f.final, Fate::Expanded,
                  "", L.span);
        };
        // The previous values of variables solved already, replaced by their value at iteration t
        // (a pointer advanced by a constant, read through in an accumulation).
        auto resolvePrevs = [&](Expr e) {
            return ir::rewriteBottomUp(ctx, e, [&](Expr n) {
                if (n.op() != Op::Apply) return n;
                for (const symexec::CarriedVar& o : L.carried)
                    if (n.name() == o.prevFn && found.count(o.name))
                        return instantiate(ctx, spec, found[o.name].atIteration, n, o.shape.size());
                return n;
            });
        };
        // First pass: accumulations, running max/min, products (updates free of unsolved prevs),
        // repeated while it solves more variables.
        for (std::size_t solvedBefore = SIZE_MAX; solvedBefore != found.size();) {
        solvedBefore = found.size();
        for (const symexec::CarriedVar& c : L.carried) {
            auto it = update.find(c.name);
            if (it == update.end() || found.count(c.name)) continue;
            Expr u = it->second;
            if (!found.empty()) u = resolvePrevs(u);
            Expr init = c.init;
            auto oneSide = [&](Expr e, Expr& other) -> bool {
                if (e.arity() != 2) return false;
                if (isPrevOf(e[0], c) && !mentionsPrev(e[1], L)) {
                    other = e[1];
                    return true;
                }
                if (isPrevOf(e[1], c) && !mentionsPrev(e[0], L) && e.op() != Op::Sub) {
                    other = e[0];
                    return true;
                }
                return false;
            };
            Expr g;
            if ((u.op() == Op::Add || u.op() == Op::Sub) && oneSide(u, g)) {
                if (u.op() == Op::Sub) g = ctx.neg(g);
                bool invariant = !ir::occursFree(g, L.counter) && !mentionsPrev(g, L);
                if (invariant && ir::isInteger(u.dtype())) {
                    // A pointer or counter advanced by a constant amount.
                    Expr tt = ctx.cast(b.t, u.dtype()), TT = ctx.cast(b.T, u.dtype());
                    if (u.dtype() == ir::DType::I32) tt = b.t, TT = b.T;
                    add(c, "linear increment", ctx.add(init, ctx.mul(g, tt)), ctx.add(init, ctx.mul(g, TT)));
                } else {
                    Expr atT = b.over(ir::ReduceKind::Sum, g, b.t);
                    Expr fin = b.over(ir::ReduceKind::Sum, g, b.T);
                    if (!init.isZero()) {
                        atT = ctx.add(init, atT);
                        fin = ctx.add(init, fin);
                    }
                    add(c, "accumulation", atT, fin);
                }
                continue;
            }
            if ((u.op() == Op::Max || u.op() == Op::Min) && oneSide(u, g)) {
                ir::ReduceKind k = u.op() == Op::Max ? ir::ReduceKind::Max : ir::ReduceKind::Min;
                Expr atT = b.over(k, g, b.t), fin = b.over(k, g, b.T);
                bool identityInit = init.isConst() && init.constKind() == ir::ConstKind::Float && std::isinf(init.numericValue()) &&
                                    ((k == ir::ReduceKind::Max) == (init.numericValue() < 0));
                if (!identityInit) {
                    atT = ctx.binary(u.op(), init, atT);
                    fin = ctx.binary(u.op(), init, fin);
                }
                add(c, k == ir::ReduceKind::Max ? "running max" : "running min", atT, fin);
                continue;
            }
            if (u.op() == Op::Mul && oneSide(u, g)) {
                Expr atT = b.over(ir::ReduceKind::Prod, g, b.t), fin = b.over(ir::ReduceKind::Prod, g, b.T);
                if (!init.isOne()) {
                    atT = ctx.mul(init, atT);
                    fin = ctx.mul(init, fin);
                }
                add(c, "product", atT, fin);
                continue;
            }
        }
        }
        // Second pass: online normalizers, l' = l * exp(m - m') + H(m') with m' the running max.
        for (const symexec::CarriedVar& c : L.carried) {
            if (found.count(c.name)) continue;
            auto it = update.find(c.name);
            if (it == update.end()) continue;
            Expr u = it->second;
            if (u.op() != Op::Add) continue;
            for (int side = 0; side < 2 && !found.count(c.name); ++side) {
                Expr scaled = u[static_cast<std::size_t>(side)], H = u[static_cast<std::size_t>(1 - side)];
                if (scaled.op() != Op::Mul) continue;
                for (int s2 = 0; s2 < 2; ++s2) {
                    Expr prevL = scaled[static_cast<std::size_t>(s2)], E = scaled[static_cast<std::size_t>(1 - s2)];
                    if (!isPrevOf(prevL, c) || (E.op() != Op::Exp && E.op() != Op::Exp2)) continue;
                    Expr arg = E[0];
                    // exp(m - m')  or  exp2((m - m') * c)
                    Expr diff = arg, scale;
                    if (E.op() == Op::Exp2 && arg.op() == Op::Mul && arg[1].isConst()) {
                        diff = arg[0];
                        scale = arg[1];
                    }
                    if (diff.op() != Op::Sub) continue;
                    // The running max whose previous value is diff[0] and new value diff[1].
                    for (const symexec::CarriedVar& m : L.carried) {
                        if (!isPrevOf(diff[0], m) || !found.count(m.name) || found[m.name].pattern != "running max") continue;
                        if (update[m.name] != diff[1]) continue;
                        // H with the new max as a placeholder must be free of previous values.
                        Expr mNew = diff[1];
                        Expr cSym = ctx.sym("__m@" + L.label(), mNew.dtype());
                        Expr Hc = ir::rewriteBottomUp(ctx, H, [&](Expr n) { return n == mNew ? cSym : n; });
                        if (mentionsPrev(Hc, L)) continue;
                        const ClosedForm& mf = found[m.name];
                        auto term = [&](Expr upTo, Expr mAt) {
                            Expr tp = ctx.freshVar("t");
                            Expr body = atIter(ctx, L, Hc, tp);
                            body = ir::substitute(ctx, body, cSym, mAt);
                            Expr sum = ctx.reduce(ir::ReduceKind::Sum, tp, ctx.intConst(0), upTo, body);
                            if (!c.init.isZero()) {
                                Expr d = ctx.sub(m.init, mAt);
                                Expr e = scale ? ctx.unary(Op::Exp2, ctx.mul(d, scale)) : ctx.exp(d);
                                sum = ctx.add(ctx.mul(c.init, e), sum);
                            }
                            return sum;
                        };
                        add(c, scale ? "online normalizer (base 2)" : "online normalizer", term(b.t, mf.atIteration),
                            term(b.T, mf.final));
                        break;
                    }
                }
            }
        }
        for (const symexec::CarriedVar& c : L.carried) {
            if (found.count(c.name)) {
                sol.forms.push_back(found[c.name]);
            } else {
                std::string why = c.name + "@" + L.label() + ": update " +
                                  (update.count(c.name) ? ir::toText(update[c.name]) : std::string("unknown")) +
                                  " is not a recognized recurrence";
                sol.unsolved.push_back(why);
                event("no closed form", c.name + "@" + L.label(), update.count(c.name) ? update[c.name] : Expr(), Fate::Rejected, why, L.span);
            }
        }
    }
    return sol;
}

Expr applyClosedForms(ir::Context& ctx, const symexec::Spec& spec, const LoopSolution& sol, Expr e) {
    if (sol.forms.empty() || !e) return e;
    std::map<std::string, const ClosedForm*> finals, prevs;
    std::map<std::string, std::size_t> rank;
    for (const ClosedForm& f : sol.forms) {
        const symexec::LoopSpec* L = spec.loop(f.loop);
        for (const symexec::CarriedVar& c : L->carried)
            if (c.name == f.var) {
                finals[c.finalFn] = &f;
                prevs[c.prevFn] = &f;
                rank[c.finalFn] = rank[c.prevFn] = c.shape.size();
            }
    }
    for (int round = 0; round < 8; ++round) {
        bool changed = false;
        Expr next = ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
            if (n.op() != Op::Apply) return n;
            std::string name(n.name());
            if (auto it = finals.find(name); it != finals.end()) {
                changed = true;
                return instantiate(ctx, spec, it->second->final, n, rank[name]);
            }
            if (auto it = prevs.find(name); it != prevs.end()) {
                const ClosedForm& f = *it->second;
                const symexec::LoopSpec* L = spec.loop(f.loop);
                // Inside the loop: the iteration whose counter value is current.
                Expr tNow = ir::simplify(ctx, ctx.binary(Op::FloorDiv, ctx.sub(L->counter, L->lo), L->step));
                Expr form = ir::substitute(ctx, f.atIteration, f.iter, tNow);
                changed = true;
                return instantiate(ctx, spec, form, n, rank[name]);
            }
            return n;
        });
        e = next;
        if (!changed) break;
    }
    return ir::simplify(ctx, e);
}

} // namespace tlift::synth
