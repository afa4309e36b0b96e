#pragma once
// The laws of the reduction functions (docs/verify.md, "Reductions"), instantiated at the ground
// applications of a query. A symbolic reduction R(p, lo, hi) stands for the fold of its kind over
// the elements k in [lo, hi) that are *included*: the guard holds and the body is finite (sum,
// prod), not -inf (max, argmax) or not +inf (min, argmin). Every law below holds for that fold,
// so the laws are consistent, and the fold is the reduction itself whenever the included
// elements are all the elements the guard selects (always for max/min over -inf/+inf padding).
//
// Laws that create new applications (peel the last element, peel the first, split at an
// endpoint that occurs) are applied to the applications of the query (round 0) only; laws that
// create none (empty range, non-empty implies lo < hi, signs) to every application.

#include "encoder.h"

#include <vector>

namespace tlift::verify::smt {

struct LawStats {
    int peel = 0;
    int split = 0;
};

util::Result<LawStats> instantiateReductionLaws(Encoder& enc, std::vector<z3::expr>& facts, int maxSplits = 64);

} // namespace tlift::verify::smt
