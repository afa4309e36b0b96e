#pragma once
// Index-level meaning of tensor-level formulas: every named operator of ir/named_ops.h gets its
// textbook definition in index notation (softmax(x, dim=1)[i, j] = exp(x[i, j]) / sum_k
// exp(x[i, k])), and elementwise operators on whole tensors are pushed down to elements with
// numpy broadcasting. The verifier encodes only index-level formulas; the results are ordinary
// IR, so other layers (reports, the e-graph's rule tests) can use them too. No Z3 here.

#include "tlift/ir/context.h"
#include "tlift/util/result.h"
#include "tlift/verify/query.h"

#include <span>
#include <string>

namespace tlift::verify {

// A scalar expression with every read of a tensor-level expression (`softmax(x, 1)[i, j]`) and
// every elementwise named operator (`silu(x[i])`) replaced by its index-level definition.
util::Result<ir::Expr> expandNamed(ir::Context& ctx, ir::Expr e);

// The element of a tensor-valued expression at the given indices (one per dimension).
util::Result<ir::Expr> expandAt(ir::Context& ctx, ir::Expr tensorExpr, std::span<const ir::Expr> indices);

// `lhs == rhs` elementwise for two tensor-valued expressions of the same shape (or two
// scalars): fresh index variables i0, i1, ... with 0 <= i_d < shape_d, both sides expanded.
util::Result<EquivalenceQuery> tensorEquivalence(ir::Context& ctx, ir::Expr lhs, ir::Expr rhs, std::string name = {});

} // namespace tlift::verify
