#pragma once
// Top-down rewriting of a re-indexed store value into a summary over whole tensor dimensions.
// Each rule is an equality under the real-number semantics (floats as reals, inputs finite), and
// each side condition is decided by the FactOracle; every application is recorded as a step of
// the derivation (rule, before, after) that the search tree and the report show.
//
// Rules:
//   select-by-facts      where(c, a, b) -> a (or b) when the facts decide c
//   masked-identity      red[k | g](f(where(c(k), x, y))) -> red[k | g && c](f(x)) when f(y) is the
//                        identity of red (0 for sum, -inf for max, ...)
//   guard-to-bounds      red[k in lo..hi | k < B && g] -> red[k in lo..min(hi, B) | g]
//   bounds-by-facts      min(hi, B) -> B (or hi) when the facts order them
//   tile-collapse        red[t in 0..T](red[l in 0..B | g](f(t*B + l))) -> red[q in 0..T*B | g'](f(q))
//   extended-reals       -inf - x -> -inf, exp(-inf) -> 0, max(-inf, x) -> x, x + 0 -> x (x finite)
//   simplify             the IR simplifier (constant folding, polynomial normal form)

#include "tlift/synth/facts.h"
#include "tlift/util/cancel.h"

#include <functional>
#include <string>
#include <vector>

namespace tlift::synth {

struct RewriteStep {
    std::string rule;
    ir::Expr before; // the whole term before the step
    ir::Expr after;  // and after
    ir::Expr from;   // the subterm that changed ...
    ir::Expr to;     // ... and what it became
};

struct NormalizeResult {
    ir::Expr result;
    std::vector<RewriteStep> steps;
    util::StopReason stop = util::StopReason::Completed;
};

struct NormalizeOptions {
    int maxSteps = 400;
    util::Deadline deadline;
    util::CancelToken cancel;
};

NormalizeResult normalizeSummary(ir::Context& ctx, ir::Expr e, FactOracle& facts, const NormalizeOptions& options = {});

// The identity of a reduction kind as a constant of type t (0, 1, -inf, +inf).
ir::Expr reductionIdentity(ir::Context& ctx, ir::ReduceKind k, ir::DType t);

// Folds the arithmetic of infinities where the other operand is finite (a real): -inf - x,
// exp(-inf), max(-inf, x), 0 * x, ... Sound under the assumption that inputs are finite.
// `isFinite` may decide terms the syntactic check cannot (a max over a non-empty range).
ir::Expr foldInfinities(ir::Context& ctx, ir::Expr e, const std::function<bool(ir::Expr)>& isFinite = {});

} // namespace tlift::synth
