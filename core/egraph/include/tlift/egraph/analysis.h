#pragma once
// The local facts the e-graph analyses compute, as plain functions of one operator and the
// facts of its operands, so that rule side conditions can be checked the same way on e-classes
// and on plain IR terms (the soundness tests and, later, the verifier).

#include "tlift/ir/context.h"

#include <cstdint>
#include <span>

namespace tlift::egraph {

// Exact constant folding: the value of `term`'s operator applied to the constants `kids`
// (one per child of term), or null when the result is not a known exact number (transcendental
// functions of most arguments, float operations whose double result is rounded, division by
// zero, tensor-valued results). Integers wrap like the hardware.
ir::Expr foldConstant(ir::Context& ctx, ir::Expr term, std::span<const ir::Expr> kids);

// Sign facts (SignFact bits of egraph.h) of `term`'s value from those of its operands.
// `kidConsts` holds the operands' constants (null when unknown); `kidsEqual` says that all
// operands are the same value (x * x).
std::uint8_t signFacts(ir::Expr term, std::span<const std::uint8_t> kidSigns, std::span<const ir::Expr> kidConsts,
                       bool kidsEqual);

// Sign facts of a whole term, computed bottom-up.
std::uint8_t signFactsOf(ir::Expr term);

// Numeric equality of two constants of any kind (int, rational, float, bool).
bool sameConstant(ir::Expr a, ir::Expr b);

} // namespace tlift::egraph
