#pragma once
// The simplification pipeline for one summary `out[i, j] = rhs`:
//  1. canonicalize binders (alpha-equivalent reductions share classes);
//  2. de-index rhs into a tensor-level term when one exists (deindex.h);
//  3. run the rules (equality saturation under limits) and extract the cheapest term;
//  4. when (2) failed, try again to de-index the simplified index form and, if that works, run
//     the rules on the tensor form too.
// The result carries the best term, whether it is tensor level (`out = softmax(x, dim=1)`), the
// stop reason (a run that hit a limit says so and still returns the best term found), the
// per-iteration statistics, and the explanation from the input to the result.

#include "tlift/egraph/explain.h"
#include "tlift/egraph/runner.h"

#include <memory>

namespace tlift::egraph {

struct SimplifyResult {
    ir::Expr lhs;                 // `out` when tensorLevel, else the input's `out[i, ...]`
    ir::Expr rhs;                 // the best term found
    ir::Expr input;               // the input right side (binders canonicalized)
    bool tensorLevel = false;
    std::string indexReason;      // why no tensor form was found (empty when tensorLevel)
    util::StopReason stop = util::StopReason::Completed;
    std::vector<Iteration> iterations;
    std::vector<std::string> ruleNames; // names for Iteration::rules[].rule
    std::vector<std::string> rulesUsed; // rules of the explanation, in order of first use
    Explanation explanation;
    double cost = 0;              // tree cost of rhs (TextbookCost)
    double dagCost = 0;
    std::shared_ptr<EGraph> graph; // the final e-graph, for the exports
    ClassId root = kNoClass;      // the class of rhs in graph

    std::string summaryText() const; // "out = softmax(x, dim=1)"
};

SimplifyResult simplifySummary(ir::Context& ctx, ir::Expr lhs, ir::Expr rhs, const RuleSet& rules,
                               const RunnerLimits& limits, util::CancelToken cancel = {});

// Simplifies one term as it is (no de-indexing).
SimplifyResult simplifyTerm(ir::Context& ctx, ir::Expr term, const RuleSet& rules, const RunnerLimits& limits,
                            util::CancelToken cancel = {});

} // namespace tlift::egraph
