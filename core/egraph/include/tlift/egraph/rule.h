#pragma once
// A rewrite rule: a left pattern, a right pattern and side conditions (condition.h), read from
// the rule files (rule_set.h). The verifier turns a rule into IR formulas with
// Rule::instantiate and conditionFormula.

#include "tlift/egraph/condition.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace tlift::egraph {

class Rule {
public:
    std::string name;
    std::string family;
    std::string source; // "file:line"
    std::vector<std::string> vars;
    Pattern lhs, rhs;
    std::vector<Condition> conditions;
    int slots = 0;              // variables plus the hidden slots of the left side's literals
    bool approximate = false;   // holds up to the rounding of a recognized constant

    std::string text() const;
    bool conditionsHold(const BindingView& b) const;
    // Both sides as IR terms for a binding of the variables (vars.size() terms).
    util::Result<std::pair<ir::Expr, ir::Expr>> instantiate(ir::Context& ctx, std::span<const ir::Expr> values) const;
};

} // namespace tlift::egraph
