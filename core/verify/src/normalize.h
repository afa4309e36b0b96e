#pragma once
// Sound rewrites that bring formulas into the shape the symbolic encoding proves best
// (docs/verify.md, "Normal form"). All are identities over the extended reals, on the domain:
//  - simplification (ir::simplify);
//  - padding absorbed into guards: max[k | g](where(c, b, -inf)) = max[k | g && c](b), and
//    likewise min with +inf, sum with 0, prod with 1;
//  - conditions implied by the range dropped: k < hi in a reduction over [lo, hi);
//  - exp2(u * log2(e)) = exp(u), when the constant is read exactly (Triton's exp2 softmax);
//  - integer division of index arithmetic: (c q + r) // c = q + r // c and (c q + r) % c = r % c
//    for a symbolic c; r // c = 0 and r % c = r when the ranges give 0 <= r < c (truncating
//    division likewise when everything is non-negative);
//  - sums of polynomial bodies split into sums of monomials, with the factors that do not
//    depend on the bound variable taken out, after exp(u + v) = exp(u) exp(v) and
//    a / c = a * (1 / c) for invariant v and c: sum_k exp(x_k - m) = exp(-m) * sum_k exp(x_k).
// Counterexamples are always confirmed on the original formulas, never on these.

#include "tlift/ir/context.h"
#include "tlift/verify/query.h"

#include <vector>

namespace tlift::verify {

// `exactLogConstants`: also exp2(c * u) = exp(u) for c the float constant of log2(e) (the same
// reading of that constant as CheckOptions::exactLogConstants).
ir::Expr normalizeForProof(ir::Context& ctx, ir::Expr e, const std::vector<Range>& ranges = {},
                           bool exactLogConstants = false);

} // namespace tlift::verify
