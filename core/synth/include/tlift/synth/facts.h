#pragma once
// What is known while rewriting a summary: the output's domain (0 <= i < M), the launch
// assumptions, the ranges of bound variables inside reductions. FactOracle answers "do the facts
// imply this condition?" — first by interval reasoning, then by asking the verifier (Z3) with a
// short timeout. It only answers yes when the implication is proved; "don't know" is no.

#include "tlift/ir/simplify.h"
#include "tlift/verify/checker.h"

#include <map>
#include <memory>
#include <vector>

namespace tlift::synth {

class FactOracle {
public:
    FactOracle(ir::Context& ctx, std::shared_ptr<verify::Checker> checker);

    void addFact(ir::Expr cond);
    void addRange(ir::Expr x, ir::Expr lo, ir::Expr hi); // lo <= x < hi (either may be null)
    const std::vector<ir::Expr>& facts() const { return m_facts; }

    // Scoped ranges of bound variables (while rewriting inside a reduction).
    void push(ir::Expr var, ir::Expr lo, ir::Expr hi, ir::Expr guard);
    void pop();

    // True only when the facts (and the scoped ranges) imply cond.
    bool implies(ir::Expr cond);
    std::size_t solverCalls() const { return m_solverCalls; }

private:
    struct Scope {
        ir::Expr var, lo, hi, guard;
    };
    ir::SimplifyOptions intervalOptions() const;

    ir::Context& m_ctx;
    std::shared_ptr<verify::Checker> m_checker;
    std::vector<ir::Expr> m_facts;
    std::vector<verify::Range> m_ranges;
    std::vector<Scope> m_scopes;
    std::map<std::pair<const ir::Node*, std::size_t>, bool> m_cache; // (cond, scope depth signature)
    std::size_t m_solverCalls = 0;
};

} // namespace tlift::synth
