#pragma once
// The checker: one per job, owning one Z3 context (never shared between threads). It proves
// `assumptions ⇒ lhs == rhs` and answers with a Verdict (docs/verify.md):
//  1. named operators are expanded to index notation, formulas normalized;
//  2. the symbolic attempt: all sizes at once, reductions as recursive functions with their laws;
//     unsat proves the claim (Proved);
//  3. a model is turned into a concrete input and re-evaluated by ir::Evaluator on the original
//     formulas; only a difference the evaluator confirms is a refutation (Refuted);
//  4. otherwise bounded mode: every size symbol from its lower bound up to K, reductions unrolled
//     (ProvedUpTo{K}, or Refuted with a confirmed counterexample);
//  5. anything else is Unknown with its reason, or Timeout / Cancelled.
// No Z3 type appears here.

#include "tlift/ir/context.h"
#include "tlift/verify/query.h"
#include "tlift/verify/verdict.h"

#include <memory>

namespace tlift::verify {

struct CheckerStats {
    int checks = 0;
    int queries = 0;
    int sat = 0;
    int unsat = 0;
    int unknown = 0;
    int timeouts = 0;
    double solverMillis = 0.0;
};

class Checker {
public:
    explicit Checker(CheckOptions options = {});
    ~Checker();
    Checker(const Checker&) = delete;
    Checker& operator=(const Checker&) = delete;

    const CheckOptions& options() const;
    void setOptions(CheckOptions options);

    // Proves `assumptions ∧ ranges ⇒ lhs == rhs` (lhs ⇔ rhs for i1 sides).
    Verdict check(ir::Context& ctx, const EquivalenceQuery& query);
    // Proves an i1 formula valid under assumptions and ranges (a verification condition).
    Verdict prove(ir::Context& ctx, ir::Expr goal, std::vector<ir::Expr> assumptions = {},
                  std::vector<Range> ranges = {}, std::string name = {});

    const CheckerStats& stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tlift::verify
