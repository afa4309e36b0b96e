#pragma once
// Soundness of rewrite rules: the e-graph's rules are written as IR (lhs, rhs, conditions); a
// rule is sound when lhs == rhs wherever the conditions hold, for every value of its pattern
// variables (free symbols, variables and tensors). Tensor-valued sides are compared element by
// element (tensorEquivalence).

#include "tlift/ir/context.h"
#include "tlift/verify/query.h"
#include "tlift/verify/verdict.h"

#include <vector>

namespace tlift::verify {

Verdict proveRule(ir::Context& ctx, ir::Expr lhs, ir::Expr rhs, const std::vector<ir::Expr>& conditions,
                  const CheckOptions& options = {}, std::string name = {});

} // namespace tlift::verify
