#include "tlift/synth/kernel_checks.h"

#include "tlift/ir/eval.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/symexec/reindex.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace tlift::synth {

using ir::Expr;
using ir::Op;
using verify::Range;
using verify::Status;
using verify::Verdict;

namespace {

const char* kSizesNote = "the sizes of the launch context are at least 1 (tensors are not empty)";

// ---------------------------------------------------------------------------------------------
// The quantified domain of a kernel-level VC: program ids in the grid, lanes in the block, the
// iterations of the enclosing loops; the substitution of loop counters by lo + step * t.

struct Frame {
    std::vector<Range> ranges;
    std::vector<Expr> assumptions;
    ir::ExprMap counters;            // loop counter -> lo + step * t
    std::map<int, Expr> iterOf;      // loop id -> its iteration variable t
    std::vector<Expr> vars;          // every quantified variable (for counterexamples in words)
    std::set<std::string> notes;     // what the VC assumes, in words
};

Expr scalars(ir::Context& ctx, const symexec::LaunchContext& lc, Expr e) {
    return e ? symexec::applyScalarValues(ctx, lc, e) : e;
}

Expr gridExtent(const symexec::Spec& spec, const symexec::LaunchContext& lc, std::size_t d) {
    if (d < lc.grid.size() && lc.grid[d]) return lc.grid[d];
    return spec.grid[d];
}

// max(0, cdiv(hi - lo, step)) for a loop with a positive constant step.
Expr iterationCount(ir::Context& ctx, const symexec::LaunchContext& lc, const symexec::LoopSpec& L) {
    Expr lo = scalars(ctx, lc, L.lo), hi = scalars(ctx, lc, L.hi);
    std::int64_t s = L.step.intValue();
    Expr n = ctx.binary(Op::FloorDiv, ctx.add(ctx.sub(hi, lo), ctx.intConst(s - 1, hi.dtype())), ctx.intConst(s, hi.dtype()));
    if (n.dtype() != ir::DType::I32) n = ctx.cast(n, ir::DType::I32);
    return ir::simplify(ctx, ctx.max(ctx.intConst(0), n));
}

bool hasPositiveStep(const symexec::LoopSpec& L) {
    return !L.isWhile && L.counter && L.step && L.step.op() == Op::Const && L.step.constKind() == ir::ConstKind::Int &&
           L.step.intValue() > 0;
}

void addSizes(ir::Context& ctx, Frame& f, const symexec::LaunchContext& lc) {
    auto sizes = symexec::sizeSymbols(lc);
    for (const Expr& s : sizes)
        if (ir::isInteger(s.dtype())) f.ranges.push_back(Range::atLeast(s, ctx.intConst(1, s.dtype())));
    if (!sizes.empty()) f.notes.insert(kSizesNote);
}

void addPids(ir::Context& ctx, Frame& f, const symexec::Spec& spec, const symexec::LaunchContext& lc) {
    std::vector<std::string> words;
    for (std::size_t d = 0; d < spec.pids.size(); ++d) {
        Expr g = gridExtent(spec, lc, d);
        f.ranges.push_back(Range::between(spec.pids[d], ctx.intConst(0), g));
        f.vars.push_back(spec.pids[d]);
        words.push_back("0 <= " + std::string(spec.pids[d].name()) + " < " + ir::toText(g));
    }
    if (!words.empty()) f.notes.insert("program ids range over the grid (" + util::join(words, ", ") + ")");
}

void addLanes(ir::Context& ctx, Frame& f, const symexec::Spec& spec, const symexec::Shape& shape) {
    for (std::size_t d = 0; d < shape.size(); ++d) {
        Expr l = spec.lane(static_cast<int>(d));
        f.ranges.push_back(Range::between(l, ctx.intConst(0), ctx.intConst(shape[d])));
        f.vars.push_back(l);
    }
}

// The loop and its enclosing loops, outermost first.
std::vector<int> loopChain(const symexec::Spec& spec, int id) {
    std::vector<int> chain;
    for (const symexec::LoopSpec* L = spec.loop(id); L; L = L->parent >= 0 ? spec.loop(L->parent) : nullptr)
        chain.push_back(L->id);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

// Quantifies over the iterations of the given loops: counter = lo + step * t, 0 <= t < T, and the
// loop's guard holds. While loops have no counter; loops with another step keep the counter free
// in [lo, hi) (an assumption, noted).
void addLoops(ir::Context& ctx, Frame& f, const symexec::Spec& spec, const symexec::LaunchContext& lc,
              const std::vector<int>& loops) {
    for (int id : loops) {
        const symexec::LoopSpec* L = spec.loop(id);
        if (!L) continue;
        if (L->guard && !(L->guard.isConst() && L->guard.boolValue())) f.assumptions.push_back(scalars(ctx, lc, L->guard));
        if (L->isWhile || !L->counter) {
            f.notes.insert("the iterations of while loop " + L->label() + " are not bounded: its values are arbitrary");
            continue;
        }
        Expr lo = scalars(ctx, lc, L->lo), hi = scalars(ctx, lc, L->hi);
        if (!hasPositiveStep(*L)) {
            f.ranges.push_back(Range::between(L->counter, lo, hi));
            f.vars.push_back(L->counter);
            f.notes.insert("loop " + L->label() + " has a symbolic step: its counter is taken to range over [" +
                           ir::toText(lo) + ", " + ir::toText(hi) + ")");
            continue;
        }
        Expr t = ctx.freshVar("t");
        Expr T = iterationCount(ctx, lc, *L);
        f.ranges.push_back(Range::between(t, ctx.intConst(0), T));
        f.vars.push_back(t);
        f.iterOf[id] = t;
        Expr u = ir::simplify(ctx, ctx.add(lo, ctx.mul(ctx.cast(L->step, lo.dtype()), lo.dtype() == t.dtype() ? t : ctx.cast(t, lo.dtype()))));
        f.counters.emplace(L->counter, u);
        f.notes.insert("loop " + L->label() + ": " + std::string(L->counter.name()) + " = " + ir::toText(u) + " for 0 <= " +
                       std::string(t.name()) + " < " + ir::toText(T));
    }
}

// ---------------------------------------------------------------------------------------------
// Closed forms in formulas: loop results replaced by their closed forms.

struct FormIndex {
    std::map<std::string, const ClosedForm*> prev, final; // by Apply name
    std::map<std::string, std::size_t> rank;
    std::map<std::string, int> loopOf;
};

FormIndex indexForms(const symexec::Spec& spec, const LoopSolution* all, const ClosedForm* override) {
    FormIndex ix;
    auto add = [&](const ClosedForm& f) {
        const symexec::LoopSpec* L = spec.loop(f.loop);
        if (!L) return;
        for (const symexec::CarriedVar& c : L->carried)
            if (c.name == f.var) {
                ix.prev[c.prevFn] = &f;
                ix.final[c.finalFn] = &f;
                ix.rank[c.prevFn] = ix.rank[c.finalFn] = c.shape.size();
                ix.loopOf[c.prevFn] = ix.loopOf[c.finalFn] = f.loop;
            }
    };
    if (all)
        for (const ClosedForm& f : all->forms)
            if (!override || f.loop != override->loop || f.var != override->var) add(f);
    if (override) add(*override);
    return ix;
}

// `form` (over the program ids and the lanes of a block of rank `rank`) at the arguments of `app`.
Expr instantiate(ir::Context& ctx, const symexec::Spec& spec, Expr form, Expr app, std::size_t rank) {
    ir::ExprMap m;
    std::size_t np = spec.pids.size();
    for (std::size_t a = 0; a < np && a < app.arity(); ++a)
        if (app[a] != spec.pids[a]) m.emplace(spec.pids[a], app[a]);
    for (std::size_t d = 0; d < rank && np + d < app.arity(); ++d) {
        Expr l = spec.lane(static_cast<int>(d));
        if (app[np + d] != l) m.emplace(l, app[np + d]);
    }
    return m.empty() ? form : ir::substitute(ctx, form, m);
}

Expr atIteration(ir::Context& ctx, const ClosedForm& f, Expr t) {
    return f.iter ? ir::substitute(ctx, f.atIteration, f.iter, t) : f.atIteration;
}

// Replaces loop results by closed forms: finals always; previous values of loop L by
// atIteration at L's iteration variable in the frame (when the frame quantifies over L).
Expr closeLoops(ir::Context& ctx, const symexec::Spec& spec, const FormIndex& ix, const std::map<int, Expr>& iterOf, Expr e) {
    if (!e || (ix.prev.empty() && ix.final.empty())) return e;
    for (int round = 0; round < 8; ++round) {
        bool changed = false;
        e = ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
            if (n.op() != Op::Apply) return n;
            std::string name(n.name());
            if (auto it = ix.final.find(name); it != ix.final.end()) {
                changed = true;
                return instantiate(ctx, spec, it->second->final, n, ix.rank.at(name));
            }
            if (auto it = ix.prev.find(name); it != ix.prev.end()) {
                auto t = iterOf.find(ix.loopOf.at(name));
                if (t == iterOf.end()) return n;
                changed = true;
                return instantiate(ctx, spec, atIteration(ctx, *it->second, t->second), n, ix.rank.at(name));
            }
            return n;
        });
        if (!changed) break;
    }
    return e;
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

std::vector<std::string> appliesIn(const std::vector<Expr>& es) {
    std::set<std::string> names;
    for (const Expr& e : es)
        if (e)
            for (const Expr& a : ir::leavesOf(e, Op::Apply)) names.insert(std::string(a.name()));
    return {names.begin(), names.end()};
}

// A counterexample that needs values of uninterpreted loop or fold results is a model of the
// VC, not an input of the kernel: the kernel computes those values itself.
Verdict downgradeOpaque(Verdict v, const std::vector<std::string>& opaque) {
    if (v.status != Status::Refuted || opaque.empty()) return v;
    v.status = Status::Unknown;
    v.reason = "refuted only for arbitrary values of " + util::join(opaque, ", ") +
               " (results the check leaves uninterpreted), so not a counterexample of the kernel" +
               (v.reason.empty() ? "" : "; " + v.reason);
    if (v.counterexample) v.counterexample->note += " (with arbitrary values of " + util::join(opaque, ", ") + ")";
    v.counterexample.reset();
    return v;
}

int strength(Status s) {
    switch (s) {
    case Status::Refuted: return 0;
    case Status::Cancelled: return 1;
    case Status::Timeout: return 2;
    case Status::Unknown: return 3;
    case Status::ProvedUpTo: return 4;
    case Status::Proved: return 5;
    }
    return 3;
}

void addNotes(Verdict& v, const std::set<std::string>& notes) {
    for (const std::string& n : notes)
        if (std::find(v.assumptions.begin(), v.assumptions.end(), n) == v.assumptions.end()) v.assumptions.push_back(n);
}

Verdict unknown(std::string reason) {
    Verdict v;
    v.status = Status::Unknown;
    v.reason = std::move(reason);
    return v;
}

// Both sides of an equation of one type (a carried pointer's init may be widened to i64).
void sameType(ir::Context& ctx, Expr& a, Expr& b) {
    if (a.dtype() == b.dtype()) return;
    if (auto c = ctx.tryCast(b, a.dtype())) b = *c;
}

// Replaces, in every side and assumption of q, each maximal sum whose free variables are all
// among `vars` by a fresh symbol (the same sum by the same symbol). False when none.
bool generalizeInvariantSums(ir::Context& ctx, const std::vector<Expr>& vars, verify::EquivalenceQuery& q) {
    std::set<const ir::Node*> allowed;
    for (const Expr& v : vars) allowed.insert(v.node());
    std::vector<Expr> es = {q.lhs, q.rhs};
    es.insert(es.end(), q.assumptions.begin(), q.assumptions.end());
    std::vector<Expr> cands;
    std::set<const ir::Node*> seen;
    for (const Expr& e : es)
        ir::visitPostOrder(e, [&](Expr n) {
            if (n.op() != Op::Reduce || n.reduceKind() != ir::ReduceKind::Sum || !seen.insert(n.node()).second) return;
            for (const Expr& v : ir::freeVars(n))
                if (!allowed.count(v.node())) return;
            cands.push_back(n);
        });
    std::set<const ir::Node*> inner;
    for (const Expr& c : cands)
        for (const Expr& k : c.children()) ir::visitPostOrder(k, [&](Expr n) { inner.insert(n.node()); });
    std::map<const ir::Node*, Expr> repl;
    for (const Expr& c : cands)
        if (!inner.count(c.node())) {
            static std::atomic<unsigned> counter{0};
            repl.emplace(c.node(), ctx.sym("__invariant_sum" + std::to_string(counter++), c.dtype()));
        }
    if (repl.empty()) return false;
    auto apply = [&](Expr e) {
        return ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
            auto it = repl.find(n.node());
            return it == repl.end() ? n : it->second;
        });
    };
    q.lhs = apply(q.lhs);
    q.rhs = apply(q.rhs);
    for (Expr& a : q.assumptions) a = apply(a);
    return true;
}

} // namespace

Verdict runGuarded(verify::Checker& checker, const std::function<Verdict()>& call, std::chrono::milliseconds limit) {
    verify::CheckOptions saved = checker.options();
    if (limit.count() <= 0) limit = saved.totalTimeout + std::chrono::milliseconds(1000);
    util::CancelSource source;
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false, fired = false;
    std::thread watchdog([&] {
        auto until = util::Clock::now() + limit;
        std::unique_lock lock(mutex);
        while (!done) {
            if (saved.cancel.cancelled()) {
                source.cancel();
                return;
            }
            if (util::Clock::now() >= until) {
                fired = true;
                source.cancel();
                return;
            }
            cv.wait_for(lock, std::chrono::milliseconds(10));
        }
    });
    verify::CheckOptions guarded = saved;
    guarded.cancel = source.token();
    checker.setOptions(guarded);
    Verdict v;
    try {
        v = call();
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        cv.notify_all();
        watchdog.join();
        checker.setOptions(saved);
        throw;
    }
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    cv.notify_all();
    watchdog.join();
    checker.setOptions(saved);
    if (fired && v.status == Status::Cancelled) {
        v.status = Status::Timeout;
        std::string why = "no answer within " + std::to_string(limit.count()) + " ms (stopped by the kernel check's watchdog)";
        v.reason = v.reason.empty() ? why : why + "; " + v.reason;
    }
    return v;
}

Verdict weakestVerdict(const std::vector<Verdict>& verdicts, const std::vector<std::string>& labels) {
    Verdict out;
    out.status = Status::Proved;
    if (verdicts.empty()) return unknown("nothing was checked");
    std::vector<std::string> reasons;
    int bound = -1;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        const Verdict& v = verdicts[i];
        std::string label = i < labels.size() ? labels[i] : "check " + std::to_string(i + 1);
        if (strength(v.status) < strength(out.status)) out.status = v.status;
        if (v.status == Status::ProvedUpTo) bound = bound < 0 ? v.bound : std::min(bound, v.bound);
        if (v.status == Status::Refuted && !out.counterexample && v.counterexample) {
            out.counterexample = v.counterexample;
            out.counterexample->note = label + ": " + out.counterexample->note;
        }
        if (v.status != Status::Proved || !v.reason.empty())
            reasons.push_back(label + ": " + std::string(verify::statusName(v.status)) + (v.reason.empty() ? "" : " (" + v.reason + ")"));
        for (const std::string& a : v.assumptions)
            if (std::find(out.assumptions.begin(), out.assumptions.end(), a) == out.assumptions.end()) out.assumptions.push_back(a);
        for (verify::QueryRecord q : v.queries) {
            q.label = label + ": " + q.label;
            out.queries.push_back(std::move(q));
        }
    }
    if (out.status == Status::ProvedUpTo) out.bound = bound;
    out.reason = util::join(reasons, "; ");
    return out;
}

// ---------------------------------------------------------------------------------------------
// Closed forms.

Verdict checkClosedForm(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec,
                        const symexec::LaunchContext& lc, const ClosedForm& form, const LoopSolution& all,
                        const std::vector<Expr>& assumptions) {
    const symexec::LoopSpec* L = spec.loop(form.loop);
    if (!L) return unknown("there is no loop L" + std::to_string(form.loop));
    const symexec::CarriedVar* cv = nullptr;
    for (const symexec::CarriedVar& c : L->carried)
        if (c.name == form.var) cv = &c;
    std::string what = form.var + "@" + L->label();
    if (!cv) return unknown(what + " is not a carried variable of the loop");
    if (!cv->init || !cv->update) return unknown(what + " has no init or update (the loop was not traced completely)");
    if (!form.atIteration || !form.final) return unknown(what + ": the closed form has no atIteration or final formula");
    if (!hasPositiveStep(*L)) return unknown(what + ": only loops with a positive constant step have an iteration count");

    Frame f;
    addSizes(ctx, f, lc);
    addPids(ctx, f, spec, lc);
    addLanes(ctx, f, spec, cv->shape);
    std::vector<int> outer = loopChain(spec, L->id);
    outer.pop_back();
    addLoops(ctx, f, spec, lc, outer);
    if (L->guard && !(L->guard.isConst() && L->guard.boolValue())) f.assumptions.push_back(scalars(ctx, lc, L->guard));
    Expr t = ctx.freshVar("t");
    Expr T = iterationCount(ctx, lc, *L);
    Expr lo = scalars(ctx, lc, L->lo);
    Expr u = ir::simplify(ctx, ctx.add(lo, ctx.mul(ctx.cast(L->step, lo.dtype()), lo.dtype() == t.dtype() ? t : ctx.cast(t, lo.dtype()))));
    FormIndex ix = indexForms(spec, &all, &form);
    std::map<int, Expr> iterOf = f.iterOf;
    iterOf[L->id] = t;

    // Every carried variable the update reads must have a closed form.
    for (const std::string& name : appliesIn({cv->update}))
        for (const symexec::CarriedVar& c : L->carried)
            if (name == c.prevFn && !ix.prev.count(name))
                return unknown(what + ": the update reads " + c.name + ", which has no closed form");

    ir::ExprMap frameSubst = f.counters;
    frameSubst[L->counter] = u;
    auto finish = [&](Expr e) {
        e = closeLoops(ctx, spec, ix, iterOf, e);
        e = scalars(ctx, lc, e);
        return ir::simplify(ctx, ir::substitute(ctx, e, frameSubst));
    };
    std::vector<Expr> assume = f.assumptions;
    assume.insert(assume.end(), assumptions.begin(), assumptions.end());
    for (Expr& a : assume) a = finish(a);

    auto vc = [&](const std::string& label, Expr lhs, Expr rhs, std::vector<Range> extra, std::vector<Expr> extraAssume) {
        verify::EquivalenceQuery q;
        q.lhs = lhs;
        q.rhs = rhs;
        sameType(ctx, q.lhs, q.rhs);
        q.assumptions = assume;
        q.assumptions.insert(q.assumptions.end(), extraAssume.begin(), extraAssume.end());
        q.ranges = f.ranges;
        q.ranges.insert(q.ranges.end(), extra.begin(), extra.end());
        q.name = "closed-form-" + form.var + "-" + L->label() + "-" + label;
        // Loop-invariant sums (results of earlier loops: the mean a variance loop reads) are the
        // same terms on both sides: first generalized to fresh variables, which keeps the solver
        // away from nested reductions. Sound: the VC then holds for every value of them. Only
        // sums over the frame's variables other than t (not max/min: those may be infinite),
        // only in the preservation step (the one that quantifies over t).
        verify::EquivalenceQuery g = q;
        if (label == "preservation" && generalizeInvariantSums(ctx, f.vars, g)) {
            g.name += "-generalized";
            Verdict gv = runGuarded(checker, [&] { return checker.check(ctx, g); });
            if (gv.status == Status::Proved) {
                gv.assumptions.push_back("proved with the loop-invariant sums taken as arbitrary values");
                return gv;
            }
        }
        Verdict v = runGuarded(checker, [&] { return checker.check(ctx, q); });
        std::vector<Expr> used = {q.lhs, q.rhs};
        used.insert(used.end(), q.assumptions.begin(), q.assumptions.end());
        return downgradeOpaque(v, appliesIn(used));
    };
    Expr zero = ctx.intConst(0);
    Verdict init = vc("initiation", finish(atIteration(ctx, form, zero)), finish(cv->init), {}, {});
    Verdict pres = vc("preservation", finish(cv->update), finish(atIteration(ctx, form, ctx.add(t, ctx.intConst(1)))),
                      {Range::between(t, zero, T)}, {});
    Verdict exit = vc("exit", finish(form.final), finish(atIteration(ctx, form, T)), {}, {});
    Verdict v = weakestVerdict({init, pres, exit}, {"initiation", "preservation", "exit"});
    f.notes.insert("loop " + L->label() + ": " + std::string(L->counter.name()) + " = " + ir::toText(u) + " at iteration " +
                   std::string(t.name()) + ", " + ir::toText(T) + " iterations");
    addNotes(v, f.notes);
    v.reason = "closed form of " + what + " (" + form.pattern + "): " + (v.reason.empty() ? std::string(verify::statusName(v.status)) : v.reason);
    return v;
}

// ---------------------------------------------------------------------------------------------
// Memory safety.

namespace {

struct Access {
    bool isStore = false;
    int id = -1;
    int buffer = -1;
    const symexec::Shape* shape = nullptr;
    Expr offset, mask;
    const std::vector<int>* loops = nullptr;
    util::SourceSpan span;
};

// Concrete values of the frame's variables and the symbols, from a counterexample.
ir::Env envOf(const verify::Counterexample& cex, const Frame& f) {
    ir::Env env;
    for (const auto& b : cex.vars)
        for (const Expr& v : f.vars)
            if (v.name() == b.name) env.setVar(v, static_cast<std::int64_t>(b.value));
    for (const auto& b : cex.syms) env.setSym(b.name, b.value);
    return env;
}

std::string valueWords(ir::Evaluator& ev, Expr e) {
    auto r = ev.scalar(e);
    if (!r || r->undef) return "?";
    return util::formatDouble(r->v);
}

std::string bindingWords(const std::vector<verify::Counterexample::Binding>& bs) {
    std::vector<std::string> parts;
    for (const auto& b : bs) parts.push_back(b.name + "=" + util::formatDouble(b.value));
    return util::join(parts, ", ");
}

std::string accessWords(const verify::Counterexample& cex, const Frame& f, const std::string& tensor, Expr offset,
                        const std::optional<std::vector<Expr>>& coords, const std::vector<Expr>& shape) {
    ir::Env env = envOf(cex, f);
    ir::Evaluator ev(env);
    std::string s;
    if (!cex.syms.empty()) s += bindingWords(cex.syms) + "; ";
    s += bindingWords(cex.vars);
    s += ": offset " + valueWords(ev, offset);
    if (coords) {
        std::vector<std::string> c, sh;
        for (const Expr& e : *coords) c.push_back(valueWords(ev, e));
        for (const Expr& e : shape) sh.push_back(valueWords(ev, e));
        s += " is " + tensor + "[" + util::join(c, ", ") + "], outside its shape [" + util::join(sh, ", ") + "]";
    } else {
        s += " is outside the storage of " + tensor;
    }
    return s;
}

AccessVerdict checkAccess(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec, const symexec::LaunchContext& lc,
                          const Access& a, const std::vector<Expr>& assumptions, const FormIndex& ix) {
    AccessVerdict out;
    out.isStore = a.isStore;
    out.site = a.id;
    out.span = a.span;
    out.buffer = spec.buffers[static_cast<std::size_t>(a.buffer)].name;
    const symexec::TensorBinding* tb = lc.tensorForParam(out.buffer);
    if (!tb) {
        out.verdict = unknown("no tensor is known for '" + out.buffer + "': give its shape and strides in the launch context");
        return out;
    }
    out.tensor = tb->name;
    Frame f;
    addSizes(ctx, f, lc);
    addPids(ctx, f, spec, lc);
    addLanes(ctx, f, spec, *a.shape);
    addLoops(ctx, f, spec, lc, *a.loops);
    auto finish = [&](Expr e) {
        e = closeLoops(ctx, spec, ix, f.iterOf, e);
        e = scalars(ctx, lc, e);
        return ir::simplify(ctx, ir::substitute(ctx, e, f.counters));
    };
    Expr offset = finish(a.offset);
    Expr mask = finish(a.mask);
    std::vector<Expr> strides, shape;
    for (const Expr& s : tb->strides) strides.push_back(scalars(ctx, lc, s));
    for (const Expr& s : tb->shape) shape.push_back(scalars(ctx, lc, s));
    ir::SimplifyOptions ranges = symexec::laneRanges(spec, *a.shape);
    auto coords = symexec::delinearize(ctx, offset, strides, ranges);
    Expr goal = ctx.trueConst();
    std::vector<std::string> words;
    auto within = [&](Expr x, Expr hi) {
        if (x.dtype() != hi.dtype()) hi = ctx.cast(hi, x.dtype());
        return ctx.land(ctx.le(ctx.zero(x.dtype()), x), ctx.lt(x, hi));
    };
    if (coords) {
        for (std::size_t d = 0; d < coords->size(); ++d) {
            goal = ctx.land(goal, within((*coords)[d], shape[d]));
            words.push_back("0 <= " + ir::toText((*coords)[d]) + " < " + ir::toText(shape[d]));
        }
        out.claim = tb->name + "[" + [&] {
            std::vector<std::string> c;
            for (const Expr& e : *coords) c.push_back(ir::toText(e));
            return util::join(c, ", ");
        }() + "] is inside the shape: " + util::join(words, ", ");
    } else {
        Expr span = ctx.intConst(1, offset.dtype());
        for (std::size_t d = 0; d < shape.size(); ++d) {
            Expr ext = ctx.mul(ctx.sub(shape[d], ctx.intConst(1, shape[d].dtype())), strides[d]);
            span = ctx.add(span, ext.dtype() == offset.dtype() ? ext : ctx.cast(ext, offset.dtype()));
            f.assumptions.push_back(ctx.le(ctx.zero(strides[d].dtype()), strides[d]));
        }
        span = ir::simplify(ctx, span);
        goal = within(offset, span);
        out.claim = "the offset " + ir::toText(offset) + " does not delinearize with the strides of " + tb->name +
                    "; it stays within the storage [0, " + ir::toText(span) + ")";
        f.notes.insert("the strides of " + tb->name + " are non-negative");
    }
    goal = ir::simplify(ctx, goal);
    std::vector<Expr> assume = f.assumptions;
    for (const Expr& x : assumptions) assume.push_back(finish(x));
    assume.push_back(mask);
    std::string name = std::string(a.isStore ? "store" : "load") + std::to_string(a.id) + "-" + out.buffer;
    Verdict v = runGuarded(checker, [&] { return checker.prove(ctx, goal, assume, f.ranges, name); });
    std::vector<Expr> used = assume;
    used.push_back(goal);
    v = downgradeOpaque(v, appliesIn(used));
    addNotes(v, f.notes);
    if (v.status == Status::Refuted && v.counterexample)
        out.counterexample = accessWords(*v.counterexample, f, tb->name, offset, coords, shape);
    out.verdict = std::move(v);
    return out;
}

} // namespace

std::vector<AccessVerdict> checkMemorySafety(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec,
                                             const symexec::LaunchContext& lc, const std::vector<Expr>& assumptions,
                                             const LoopSolution* loops) {
    FormIndex ix = indexForms(spec, loops, nullptr);
    std::vector<AccessVerdict> out;
    for (const symexec::LoadSite& ld : spec.loads) {
        if (ld.buffer < 0) continue;
        Access a{false, ld.id, ld.buffer, &ld.shape, ld.offset, ld.mask, &ld.loops, ld.span};
        out.push_back(checkAccess(ctx, checker, spec, lc, a, assumptions, ix));
    }
    for (const symexec::StoreSpec& st : spec.stores) {
        if (st.buffer < 0) continue;
        Access a{true, st.id, st.buffer, &st.shape, st.offset, st.mask, &st.loops, st.span};
        out.push_back(checkAccess(ctx, checker, spec, lc, a, assumptions, ix));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Undefined values.

namespace {

// D(e): an i1 formula that holds when e's value does not depend on an undefined value. It only
// occurs positively in the VC (under conjunctions and disjunctions with formulas free of it), so
// the variables of reductions and folds are replaced by fresh free variables (skolemized) with
// their ranges as premises.
class Definedness {
public:
    Definedness(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec, const symexec::LaunchContext& lc,
                const std::vector<Expr>& assumptions)
        : m_ctx(ctx), m_checker(checker), m_spec(spec), m_lc(lc), m_assumptions(assumptions) {}

    Expr of(Expr e) {
        std::map<const ir::Node*, Expr> memo;
        return ir::simplify(m_ctx, walk(e, memo));
    }
    // Loop results taken as possibly undefined (the check is then not lane-precise).
    const std::set<std::string>& imprecise() const { return m_imprecise; }
    std::vector<Verdict>& loopVerdicts() { return m_loopVerdicts; }
    std::vector<std::string>& loopLabels() { return m_loopLabels; }

private:
    Expr walk(Expr e, std::map<const ir::Node*, Expr>& memo) {
        if (auto it = memo.find(e.node()); it != memo.end()) return it->second;
        Expr r = compute(e, memo);
        memo.emplace(e.node(), r);
        return r;
    }

    Expr all(Expr e, std::map<const ir::Node*, Expr>& memo) {
        Expr r = m_ctx.trueConst();
        for (const Expr& k : e.children()) r = andOf(r, walk(k, memo));
        return r;
    }

    Expr andOf(Expr a, Expr b) {
        if (a.isConst()) return a.boolValue() ? b : a;
        if (b.isConst()) return b.boolValue() ? a : b;
        return m_ctx.land(a, b);
    }
    Expr orOf(Expr a, Expr b) {
        if (a.isConst()) return a.boolValue() ? a : b;
        if (b.isConst()) return b.boolValue() ? b : a;
        return m_ctx.lor(a, b);
    }
    Expr implies(Expr a, Expr b) { return b.isConst() && b.boolValue() ? b : orOf(m_ctx.lnot(a), b); }

    Expr compute(Expr e, std::map<const ir::Node*, Expr>& memo) {
        switch (e.op()) {
        case Op::Undef: return m_ctx.falseConst();
        case Op::Const:
        case Op::Sym:
        case Op::Var:
        case Op::Tensor: return m_ctx.trueConst();
        case Op::Select: {
            Expr c = e[0];
            return andOf(walk(c, memo), andOf(implies(c, walk(e[1], memo)), orOf(c, walk(e[2], memo))));
        }
        case Op::Reduce: {
            Expr k = m_ctx.freshVar(std::string(e.var().name()) + "_d", e.var().dtype());
            Expr g = ir::substitute(m_ctx, e.guard(), e.var(), k);
            Expr body = ir::substitute(m_ctx, e.body(), e.var(), k);
            Expr inRange = m_ctx.land(m_ctx.le(e.lo(), k), m_ctx.lt(k, e.hi()));
            Expr d = andOf(walk(e.lo(), memo), walk(e.hi(), memo));
            d = andOf(d, implies(inRange, walk(g, memo)));
            return andOf(d, implies(m_ctx.land(inRange, g), walk(body, memo)));
        }
        case Op::Apply: return andOf(all(e, memo), applyDefined(e));
        default: return all(e, memo);
        }
    }

    Expr applyDefined(Expr app) {
        std::string name(app.name());
        for (const symexec::LoopSpec& L : m_spec.loops)
            for (const symexec::CarriedVar& c : L.carried)
                if (name == c.prevFn || name == c.finalFn) {
                    if (carriedDefined(L, c.name)) return m_ctx.trueConst();
                    if (!m_inProgress.count(L.id)) m_imprecise.insert(c.name + "@" + L.label());
                    return m_ctx.falseConst();
                }
        if (const symexec::FoldSpec* fs = m_spec.fold(name)) return foldDefined(*fs, app);
        return m_ctx.trueConst(); // other uninterpreted functions are total
    }

    // A fold's result is defined when its inputs are, on every lane of the folded axis.
    Expr foldDefined(const symexec::FoldSpec& fs, Expr app) {
        ir::ExprMap m;
        std::size_t np = m_spec.pids.size();
        for (std::size_t a = 0; a < np && a < app.arity(); ++a) m.emplace(m_spec.pids[a], app[a]);
        std::size_t arg = np;
        Expr premise = m_ctx.trueConst();
        for (std::size_t d = 0; d < fs.inputShape.size(); ++d) {
            Expr l = m_spec.lane(static_cast<int>(d));
            bool folded = static_cast<int>(d) == fs.axis;
            if (folded) {
                Expr k = m_ctx.freshVar("l" + std::to_string(d) + "_d");
                premise = m_ctx.land(premise, m_ctx.land(m_ctx.le(m_ctx.intConst(0), k), m_ctx.lt(k, m_ctx.intConst(fs.inputShape[d]))));
                m.emplace(l, k);
                if (fs.scan || fs.keepDims) ++arg;
                continue;
            }
            if (arg < app.arity()) m.emplace(l, app[arg++]);
        }
        Expr d = m_ctx.trueConst();
        for (const Expr& in : fs.inputs) d = andOf(d, of(ir::substitute(m_ctx, in, m)));
        return implies(premise, d);
    }

    // Greatest inductive set of the loop's carried variables that are defined on every lane: the
    // init is defined, and the update is whenever the previous values in the set are.
    bool carriedDefined(const symexec::LoopSpec& L, const std::string& var) {
        if (!m_loopDone.count(L.id)) {
            m_loopDone.insert(L.id);
            m_inProgress.insert(L.id);
            std::set<std::string> in;
            for (const symexec::CarriedVar& c : L.carried)
                if (c.init && c.update) in.insert(c.name);
            m_defined[L.id] = in; // optimistic while the loop's own VCs are built
            for (bool changed = true; changed;) {
                changed = false;
                for (const symexec::CarriedVar& c : L.carried) {
                    if (!in.count(c.name)) continue;
                    m_defined[L.id] = in;
                    if (!proveLoopVar(L, c)) {
                        in.erase(c.name);
                        changed = true;
                    }
                }
            }
            m_defined[L.id] = in;
            m_inProgress.erase(L.id);
        }
        return m_defined[L.id].count(var) > 0;
    }

    bool proveLoopVar(const symexec::LoopSpec& L, const symexec::CarriedVar& c) {
        Frame f;
        addSizes(m_ctx, f, m_lc);
        addPids(m_ctx, f, m_spec, m_lc);
        addLanes(m_ctx, f, m_spec, c.shape);
        std::vector<int> chain = loopChain(m_spec, L.id);
        addLoops(m_ctx, f, m_spec, m_lc, chain);
        auto finish = [&](Expr e) { return ir::simplify(m_ctx, ir::substitute(m_ctx, scalars(m_ctx, m_lc, e), f.counters)); };
        Expr goal = finish(andOf(of(c.init), of(c.update)));
        Verdict v;
        if (goal.isConst() && goal.boolValue()) {
            v.status = Status::Proved;
        } else {
            std::vector<Expr> assume = f.assumptions;
            for (const Expr& a : m_assumptions) assume.push_back(finish(a));
            std::string name = "defined-" + c.name + "-" + L.label();
            v = runGuarded(m_checker, [&] { return m_checker.prove(m_ctx, goal, assume, f.ranges, name); });
        }
        m_loopVerdicts.push_back(v);
        m_loopLabels.push_back(c.name + "@" + L.label() + " is defined on every lane");
        return v.status == Status::Proved || v.status == Status::ProvedUpTo;
    }

    ir::Context& m_ctx;
    verify::Checker& m_checker;
    const symexec::Spec& m_spec;
    const symexec::LaunchContext& m_lc;
    std::vector<Expr> m_assumptions;
    std::set<int> m_loopDone, m_inProgress;
    std::map<int, std::set<std::string>> m_defined;
    std::set<std::string> m_imprecise;
    std::vector<Verdict> m_loopVerdicts;
    std::vector<std::string> m_loopLabels;
};

// The buffers whose masked-off loads without `other` the value may select (for the words).
std::vector<std::string> undefinedSources(Expr value) {
    std::set<std::string> out;
    ir::visitPostOrder(value, [&](Expr n) {
        if (n.op() != Op::Select) return;
        for (std::size_t s : {1u, 2u})
            if (n[s].op() == Op::Undef && n[3 - s].op() == Op::Read && n[3 - s][0].op() == Op::Tensor)
                out.insert(std::string(n[3 - s][0].name()));
    });
    return {out.begin(), out.end()};
}

} // namespace

Verdict checkNoUndefined(ir::Context& ctx, verify::Checker& checker, const symexec::Spec& spec, const symexec::StoreSpec& store,
                         const symexec::LaunchContext& lc, const std::vector<Expr>& assumptions) {
    Definedness D(ctx, checker, spec, lc, assumptions);
    Frame f;
    addSizes(ctx, f, lc);
    addPids(ctx, f, spec, lc);
    addLanes(ctx, f, spec, store.shape);
    addLoops(ctx, f, spec, lc, store.loops);
    auto finish = [&](Expr e) { return ir::simplify(ctx, ir::substitute(ctx, scalars(ctx, lc, e), f.counters)); };
    Expr goal = finish(D.of(store.value));
    std::vector<Expr> assume = f.assumptions;
    for (const Expr& a : assumptions) assume.push_back(finish(a));
    assume.push_back(finish(store.mask));
    Verdict v;
    if (goal.isConst() && goal.boolValue()) {
        v.status = Status::Proved;
        v.reason = "the stored value reads no undefined value";
    } else {
        std::string name = "defined-store" + std::to_string(store.id);
        v = runGuarded(checker, [&] { return checker.prove(ctx, goal, assume, f.ranges, name); });
        std::vector<std::string> opaque = appliesIn({goal});
        for (const Expr& a : assume)
            for (const std::string& n : appliesIn({a})) opaque.push_back(n);
        if (!D.imprecise().empty() && v.status == Status::Refuted) {
            v.status = Status::Unknown;
            v.reason = "the loop results " + util::join(std::vector<std::string>(D.imprecise().begin(), D.imprecise().end()), ", ") +
                       " may be undefined on some lanes, and the check is not lane-precise through loops";
            v.counterexample.reset();
        }
        v = downgradeOpaque(v, opaque);
        if (v.status == Status::Refuted && v.counterexample) {
            auto src = undefinedSources(store.value);
            v.reason = "the store writes an undefined value at " + bindingWords(v.counterexample->syms) +
                       (v.counterexample->syms.empty() ? "" : "; ") + bindingWords(v.counterexample->vars) +
                       (src.empty() ? std::string() : " (a masked-off load of " + util::join(src, ", ") + " without `other`)");
        }
    }
    if (!D.loopVerdicts().empty()) {
        std::vector<Verdict> parts = {v};
        std::vector<std::string> labels = {"the stored value is defined"};
        for (const Verdict& lv : D.loopVerdicts()) parts.push_back(lv);
        for (const std::string& l : D.loopLabels()) labels.push_back(l);
        // The loop invariants only decide which loop results count as defined; the verdict is
        // the store's, with their queries and assumptions attached.
        Verdict merged = weakestVerdict(parts, labels);
        merged.status = v.status;
        merged.bound = v.bound;
        merged.counterexample = v.counterexample;
        merged.reason = v.reason + (merged.reason.empty() ? "" : " [" + merged.reason + "]");
        v = std::move(merged);
    }
    addNotes(v, f.notes);
    return v;
}

// ---------------------------------------------------------------------------------------------
// Summaries.

namespace {

// x[c0, c1] -> x_ptr[c0 * s0 + c1 * s1] for the tensors whose buffers the formulas also read flat.
std::vector<Expr> unifyViews(ir::Context& ctx, const symexec::Spec& spec, const symexec::LaunchContext& lc, std::vector<Expr> es) {
    std::set<std::string> flat, logical;
    for (const Expr& e : es)
        if (e)
            for (const Expr& t : ir::leavesOf(e, Op::Tensor)) {
                std::string n(t.name());
                if (spec.bufferIndex(n) >= 0) flat.insert(n);
                for (const symexec::TensorBinding& tb : lc.tensors)
                    if (tb.node == t) logical.insert(tb.param);
            }
    std::map<const ir::Node*, std::pair<const symexec::TensorBinding*, Expr>> convert;
    for (const std::string& p : logical)
        if (flat.count(p)) {
            const symexec::TensorBinding* tb = lc.tensorForParam(p);
            convert[tb->node.node()] = {tb, spec.buffers[static_cast<std::size_t>(spec.bufferIndex(p))].flat};
        }
    if (convert.empty()) return es;
    for (Expr& e : es) {
        if (!e) continue;
        e = ir::rewriteBottomUp(ctx, e, [&](Expr n) -> Expr {
            if (n.op() != Op::Read) return n;
            auto it = convert.find(n[0].node());
            if (it == convert.end()) return n;
            const auto& [tb, flatT] = it->second;
            if (n.arity() != tb->strides.size() + 1) return n;
            Expr off = ctx.intConst(0);
            for (std::size_t d = 0; d < tb->strides.size(); ++d) {
                Expr s = scalars(ctx, lc, tb->strides[d]);
                if (s.dtype() != ir::DType::I32) s = ctx.cast(s, ir::DType::I32);
                Expr c = n[d + 1].dtype() == ir::DType::I32 ? n[d + 1] : ctx.cast(n[d + 1], ir::DType::I32);
                off = ctx.add(off, ctx.mul(c, s));
            }
            auto r = ctx.tryRead(flatT, {ir::simplify(ctx, off)});
            if (!r) return n;
            return r->dtype() == n.dtype() ? *r : ctx.cast(*r, n.dtype());
        });
    }
    return es;
}

} // namespace

Verdict checkSummary(ir::Context& ctx, verify::Checker& checker, Expr raw, Expr summary, const std::vector<Expr>& coords,
                     const std::vector<Expr>& domain, const std::vector<Expr>& assumptions, const SummaryCheckOptions& options,
                     const symexec::Spec* spec, const symexec::LaunchContext* layouts) {
    if (!raw || !summary) return unknown("no raw value or no summary to compare");
    verify::EquivalenceQuery q;
    q.name = options.name;
    std::vector<Expr> es = {raw, summary};
    es.insert(es.end(), assumptions.begin(), assumptions.end());
    bool unified = false;
    if (spec && layouts) {
        std::vector<Expr> u = unifyViews(ctx, *spec, *layouts, es);
        unified = u != es;
        es = std::move(u);
    }
    q.lhs = es[0];
    q.rhs = es[1];
    sameType(ctx, q.lhs, q.rhs);
    q.assumptions.assign(es.begin() + 2, es.end());
    for (const Expr& d : domain) {
        // 0 <= c && c < size  ->  a range (and size >= 1, the domain is not empty)
        bool isRange = d.op() == Op::And && d[0].op() == Op::Le && d[1].op() == Op::Lt && d[0][1] == d[1][0] &&
                       d[0][1].op() == Op::Var && std::find(coords.begin(), coords.end(), d[0][1]) != coords.end();
        if (!isRange) {
            q.assumptions.push_back(d);
            continue;
        }
        q.ranges.push_back(Range::between(d[0][1], d[0][0], d[1][1]));
        if (d[1][1].op() == Op::Sym && ir::isInteger(d[1][1].dtype()))
            q.ranges.push_back(Range::atLeast(d[1][1], ctx.intConst(1, d[1][1].dtype())));
    }
    verify::CheckOptions saved = checker.options();
    verify::CheckOptions o = saved;
    o.bounded = options.bounded;
    o.crossCheck = options.crossCheck;
    o.boundK = options.boundK;
    checker.setOptions(o);
    Verdict v = runGuarded(checker, [&] { return checker.check(ctx, q); });
    checker.setOptions(saved);
    std::vector<Expr> used = {q.lhs, q.rhs};
    used.insert(used.end(), q.assumptions.begin(), q.assumptions.end());
    v = downgradeOpaque(v, appliesIn(used));
    if (unified)
        addNotes(v, {"tensor reads were rewritten as reads of their flat buffers with the launch context's strides "
                     "(the formulas read some buffers both ways)"});
    return v;
}

} // namespace tlift::synth
