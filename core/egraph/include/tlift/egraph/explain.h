#pragma once
// Explanations: why two terms of an e-graph are equal, as a chain of rewrites of the whole term,
// each by one named rule at one subterm (egg-style proof production, flattened). The chain is
// read from the proof forest that the e-graph keeps: a path between the two terms whose edges
// are rule applications, constant folds, and congruences (which recurse into the children).

#include "tlift/egraph/egraph.h"
#include "tlift/util/cancel.h"

#include <string>
#include <vector>

namespace tlift::egraph {

struct ExplanationStep {
    std::string rule;       // the rule name, "constant-fold", or a pipeline step ("de-index")
    bool reversed = false;  // the rule was used from its right side to its left side
    ir::Expr before;        // the whole term before the step
    ir::Expr after;         // the whole term after it
    ir::Expr subBefore;     // the rewritten subterm, before
    ir::Expr subAfter;      // and after
};

struct Explanation {
    ir::Expr from, to;
    std::vector<ExplanationStep> steps;
    bool truncated = false; // more than the step cap: the chain is incomplete

    // Distinct rule names in order of first use.
    std::vector<std::string> rulesUsed() const;
    // One line per step: "rule: subBefore => subAfter", or with the whole terms.
    std::string text(bool wholeTerms = false) const;
    // Appends another explanation that starts where this one ends.
    void append(const Explanation& next);
};

// Building whole terms costs the depth of the rewritten subterm per step, so an explanation of a
// long formula is bounded: by steps, by term nodes built, by a deadline and a cancel token.
// When a bound is hit the explanation is cut (`truncated`).
struct ExplainLimits {
    std::size_t maxSteps = 5000;
    std::size_t maxTermNodes = 200000;
    util::Deadline deadline;
    util::CancelToken cancel;
};

// Explains from = to. Both terms must have been added to the graph and be in one class.
Explanation explain(const EGraph& g, ir::Expr from, ir::Expr to, const ExplainLimits& limits = {});

} // namespace tlift::egraph
