#include "tlift/verify/checker.h"

#include "normalize.h"
#include "numerals.h"
#include "query_runner.h"

#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"
#include "tlift/verify/expand_named.h"

#include <z3++.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tlift::verify {

namespace {

using ir::Expr;
using ir::Op;

const char* kRealsNote = "floats are read as real numbers: no rounding, no NaN; infinities only where the formula "
                         "writes them or a max/min may be empty";
const char* kIntegersNote = "integer arithmetic does not overflow (casts to narrower types wrap exactly)";
const char* kDomainNote = "no claim at inputs where an operation leaves its domain (division by zero, log or sqrt "
                          "outside their domain, a sum over infinite elements, inf - inf, 0 * inf)";
const char* kMathNote = "math functions are known through the axioms of docs/verify.md";
const char* kUndefNote = "undefined values (masked-off loads) are arbitrary";

EquivalenceQuery mapQuery(const EquivalenceQuery& q, const std::function<Expr(Expr)>& f) {
    EquivalenceQuery out;
    out.name = q.name;
    out.lhs = f(q.lhs);
    out.rhs = f(q.rhs);
    for (const Expr& a : q.assumptions) out.assumptions.push_back(f(a));
    for (const Range& r : q.ranges)
        out.ranges.push_back(Range{f(r.x), r.lo ? f(r.lo) : Expr(), r.hi ? f(r.hi) : Expr()});
    return out;
}

// A size symbol of bounded mode and the values it takes.
struct SizeSym {
    Expr sym;
    std::int64_t lo = 0;
    std::optional<std::int64_t> hi; // inclusive, from a range
};

// The size symbols of bounded mode: integer symbols in the bounds of a reduction, in the range
// of an index variable that bounds a reduction, or used by the formulas and given a range of
// their own. Every other symbol stays universally quantified in the bounded queries too.
std::vector<SizeSym> sizeSymbols(const EquivalenceQuery& q) {
    std::map<std::string, Expr> found;
    std::set<const ir::Node*> used, bounding; // leaves the formulas use; variables in reduction bounds
    auto symsIn = [&](Expr e) {
        if (!e) return;
        ir::visitPostOrder(e, [&](Expr n) {
            if (n.op() == Op::Sym && ir::isInteger(n.dtype())) found.emplace(std::string(n.name()), n);
            if (n.op() == Op::Var) bounding.insert(n.node());
        });
    };
    std::vector<Expr> roots = {q.lhs, q.rhs};
    roots.insert(roots.end(), q.assumptions.begin(), q.assumptions.end());
    // The shapes of tensors do not count as uses: the formulas read elements, not shapes.
    std::set<const ir::Node*> seen;
    std::function<void(Expr)> walk = [&](Expr n) {
        if (!seen.insert(n.node()).second) return;
        if (n.op() == Op::Var || n.op() == Op::Sym) used.insert(n.node());
        if (n.op() == Op::Reduce) {
            symsIn(n.lo());
            symsIn(n.hi());
        }
        for (const Expr& k : n.children()) walk(k);
    };
    for (const Expr& root : roots)
        if (root) walk(root);
    for (const Range& r : q.ranges) {
        if (r.x.op() == Op::Var && bounding.count(r.x.node())) {
            symsIn(r.lo);
            symsIn(r.hi);
        } else if (r.x.op() == Op::Sym && ir::isInteger(r.x.dtype()) && used.count(r.x.node())) {
            found.emplace(std::string(r.x.name()), r.x);
        }
    }
    std::vector<SizeSym> out;
    for (const auto& [name, s] : found) {
        SizeSym z{s};
        for (const Range& r : q.ranges) {
            if (r.x != s) continue;
            if (r.lo && r.lo.op() == Op::Const) z.lo = std::max(z.lo, r.lo.intValue());
            if (r.hi && r.hi.op() == Op::Const) z.hi = r.hi.intValue() - 1;
        }
        out.push_back(z);
    }
    return out;
}

bool mentionsLogConstant(const EquivalenceQuery& q) {
    bool found = false;
    auto scan = [&](Expr e) {
        if (!e) return;
        ir::visitPostOrder(e, [&](Expr n) {
            if (n.op() == Op::Const && n.constKind() == ir::ConstKind::Float) found = found || smt::isLogConstant(n.floatValue());
        });
    };
    scan(q.lhs);
    scan(q.rhs);
    for (const Expr& a : q.assumptions) scan(a);
    return found;
}

std::string sizesText(const std::map<std::string, std::int64_t>& sizes) {
    std::vector<std::string> parts;
    for (const auto& [n, v] : sizes) parts.push_back(n + "=" + std::to_string(v));
    return util::join(parts, " ");
}

} // namespace

struct Checker::Impl {
    CheckOptions opts;
    z3::context z;
    CheckerStats stats;
    int fileCounter = 0;

    explicit Impl(CheckOptions o) : opts(std::move(o)) {}

    void account(const smt::RunResult& r) {
        ++stats.queries;
        stats.solverMillis += r.record.millis;
        switch (r.result) {
        case SolverResult::Sat: ++stats.sat; break;
        case SolverResult::Unsat: ++stats.unsat; break;
        case SolverResult::Timeout: ++stats.timeouts; break;
        default: ++stats.unknown; break;
        }
    }

    static void collectNotes(const smt::RunResult& r, std::set<std::string>& notes) {
        notes.insert(r.notes.begin(), r.notes.end());
        if (r.usedMath) notes.insert(kMathNote);
        if (r.usedUndef) notes.insert(kUndefNote);
    }

    Verdict check(ir::Context& ctx, const EquivalenceQuery& q) {
        ++stats.checks;
        Verdict v;
        util::Deadline deadline = util::Deadline::after(opts.totalTimeout);
        smt::QueryRunner runner(z, opts, deadline, fileCounter);
        std::set<std::string> notes = {kRealsNote, kIntegersNote, kDomainNote};
        std::vector<std::string> reasons;
        auto finish = [&](Status s) {
            v.status = s;
            v.assumptions.assign(notes.begin(), notes.end());
            if (v.reason.empty()) v.reason = util::join(reasons, "; ");
            return v;
        };
        if (!q.lhs || !q.rhs) {
            v.reason = "the query has no left or right side";
            return finish(Status::Unknown);
        }

        // Index notation for named operators, then the normal form the encoding proves best.
        std::optional<util::Diagnostic> expandError;
        EquivalenceQuery expanded = mapQuery(q, [&](Expr e) -> Expr {
            auto x = expandNamed(ctx, e);
            if (!x) {
                if (!expandError) expandError = x.error();
                return e;
            }
            return *x;
        });
        if (expandError) {
            v.reason = "cannot expand named operators: " + expandError->message;
            return finish(Status::Unknown);
        }
        auto prepare = [&](const EquivalenceQuery& x) {
            return mapQuery(x, [&](Expr e) { return ir::canonicalizeBinders(ctx, normalizeForProof(ctx, e, x.ranges, opts.exactLogConstants)); });
        };

        if (opts.exactLogConstants && mentionsLogConstant(expanded)) notes.insert(smt::kExactLogNote);
        bool proved = false, timedOut = false;
        auto runOne = [&](const EquivalenceQuery& enc, const std::map<std::string, std::int64_t>& fixed,
                          const std::string& label) {
            smt::RunResult r = runner.run(ctx, enc, q, fixed, label);
            account(r);
            collectNotes(r, notes);
            v.queries.push_back(r.record);
            return r;
        };

        if (opts.symbolic) {
            smt::RunResult r = runOne(prepare(expanded), {}, "symbolic");
            switch (r.result) {
            case SolverResult::Unsat: proved = true; break;
            case SolverResult::Cancelled: return finish(Status::Cancelled);
            case SolverResult::Timeout: timedOut = true; reasons.push_back("symbolic: timeout"); break;
            case SolverResult::Sat:
                if (r.confirmation && r.confirmation->confirmed) {
                    v.counterexample = r.confirmation->counterexample;
                    v.counterexample->note = "found by the symbolic query";
                    return finish(Status::Refuted);
                }
                reasons.push_back("symbolic: spurious counterexample (uninterpreted function): " +
                                  (r.confirmation ? r.confirmation->why : std::string("no model")));
                break;
            default:
                reasons.push_back("symbolic: " + (r.record.detail.empty() ? std::string("unknown") : r.record.detail));
                break;
            }
        }
        if (proved && !opts.crossCheck) return finish(Status::Proved);
        if (!opts.bounded) return finish(timedOut ? Status::Timeout : Status::Unknown);

        // Bounded mode.
        std::vector<SizeSym> sizes = sizeSymbols(expanded);
        int K = opts.boundK;
        auto cases = [&](int k) {
            double n = 1;
            for (const SizeSym& s : sizes) n *= std::max<std::int64_t>(0, std::min<std::int64_t>(k, s.hi.value_or(k)) - s.lo + 1);
            return n;
        };
        while (K > 0 && cases(K) > opts.maxBoundedCases) --K;
        if (cases(K) > opts.maxBoundedCases || (!sizes.empty() && cases(K) == 0)) {
            reasons.push_back("bounded: no size assignment up to " + std::to_string(opts.boundK) + " fits the limits");
            return finish(proved ? Status::Proved : timedOut ? Status::Timeout : Status::Unknown);
        }
        std::vector<std::int64_t> value(sizes.size());
        for (std::size_t i = 0; i < sizes.size(); ++i) value[i] = sizes[i].lo;
        bool allPassed = true;
        for (;;) {
            if (opts.cancel.cancelled()) return finish(Status::Cancelled);
            if (deadline.expired()) {
                timedOut = true;
                allPassed = false;
                reasons.push_back("bounded: the time budget ran out");
                break;
            }
            std::map<std::string, std::int64_t> fixed;
            ir::ExprMap subst;
            for (std::size_t i = 0; i < sizes.size(); ++i) {
                fixed[std::string(sizes[i].sym.name())] = value[i];
                subst[sizes[i].sym] = ctx.intConst(value[i], sizes[i].sym.dtype());
            }
            EquivalenceQuery concrete = prepare(mapQuery(expanded, [&](Expr e) { return ir::substitute(ctx, e, subst); }));
            std::string label = "bounded" + (fixed.empty() ? std::string() : " " + sizesText(fixed));
            bool vacuous = false; // sizes the assumptions exclude (M == N at M = 1, N = 2)
            for (const Expr& a : concrete.assumptions) vacuous = vacuous || (a.op() == Op::Const && !a.boolValue());
            for (const Range& rg : concrete.ranges)
                for (Expr b : {rg.lo, rg.hi})
                    if (b && rg.x.op() == Op::Const && b.op() == Op::Const)
                        vacuous = vacuous || (b == rg.lo ? b.intValue() > rg.x.intValue() : rg.x.intValue() >= b.intValue());
            smt::RunResult r;
            if (vacuous) r.result = SolverResult::Unsat;
            else r = runOne(concrete, fixed, label);
            if (r.result == SolverResult::Cancelled) return finish(Status::Cancelled);
            if (r.result == SolverResult::Sat) {
                if (r.confirmation && r.confirmation->confirmed) {
                    if (proved) {
                        v.reason = "internal inconsistency: the symbolic proof is contradicted by a confirmed "
                                   "counterexample at " + sizesText(fixed) + " (please report)";
                        v.counterexample = r.confirmation->counterexample;
                        return finish(Status::Unknown);
                    }
                    v.counterexample = r.confirmation->counterexample;
                    v.counterexample->note = "found by bounded mode at " + (fixed.empty() ? std::string("the given sizes") : sizesText(fixed));
                    return finish(Status::Refuted);
                }
                allPassed = false;
                reasons.push_back(label + ": spurious counterexample (uninterpreted function): " +
                                  (r.confirmation ? r.confirmation->why : std::string("no model")));
            } else if (r.result != SolverResult::Unsat) {
                allPassed = false;
                if (r.result == SolverResult::Timeout) timedOut = true;
                reasons.push_back(label + ": " + std::string(solverResultName(r.result)) +
                                  (r.record.detail.empty() ? "" : " (" + r.record.detail + ")"));
                // Larger sizes only get harder; after a spurious model they may still refute.
                if (!proved) break;
            }
            std::size_t i = 0;
            for (; i < sizes.size(); ++i) {
                std::int64_t top = std::min<std::int64_t>(K, sizes[i].hi.value_or(K));
                if (++value[i] <= top) break;
                value[i] = sizes[i].lo;
            }
            if (i == sizes.size()) break;
        }
        if (proved) return finish(Status::Proved);
        if (allPassed) {
            if (sizes.empty()) return finish(Status::Proved);
            v.bound = K;
            std::vector<std::string> names;
            for (const SizeSym& s : sizes) names.push_back(std::string(s.sym.name()));
            reasons.insert(reasons.begin(), "checked for every " + util::join(names, ", ") + " up to " + std::to_string(K));
            return finish(Status::ProvedUpTo);
        }
        return finish(timedOut ? Status::Timeout : Status::Unknown);
    }
};

Checker::Checker(CheckOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Checker::~Checker() = default;

const CheckOptions& Checker::options() const { return m_impl->opts; }
void Checker::setOptions(CheckOptions options) { m_impl->opts = std::move(options); }
const CheckerStats& Checker::stats() const { return m_impl->stats; }

Verdict Checker::check(ir::Context& ctx, const EquivalenceQuery& query) {
    try {
        return m_impl->check(ctx, query);
    } catch (const ir::IrError& e) {
        Verdict v;
        v.reason = std::string("ill-typed formula: ") + e.what();
        return v;
    } catch (const z3::exception& e) {
        Verdict v;
        v.reason = std::string("solver error: ") + e.msg();
        return v;
    }
}

Verdict Checker::prove(ir::Context& ctx, Expr goal, std::vector<Expr> assumptions, std::vector<Range> ranges,
                       std::string name) {
    EquivalenceQuery q;
    q.lhs = goal;
    q.rhs = ctx.trueConst();
    q.assumptions = std::move(assumptions);
    q.ranges = std::move(ranges);
    q.name = std::move(name);
    return check(ctx, q);
}

} // namespace tlift::verify
