#pragma once
// What the checker is asked: `assumptions ⇒ lhs == rhs` for all values of the free variables,
// symbols and tensors, and the options of one check. No Z3 here.

#include "tlift/ir/expr.h"
#include "tlift/util/cancel.h"

#include <chrono>
#include <string>
#include <vector>

namespace tlift::verify {

// An integer range of a variable or symbol: lo <= x < hi. Either bound may be null (open).
struct Range {
    ir::Expr x;
    ir::Expr lo; // inclusive
    ir::Expr hi; // exclusive

    static Range between(ir::Expr x, ir::Expr lo, ir::Expr hi) { return {x, lo, hi}; }
    static Range atLeast(ir::Expr x, ir::Expr lo) { return {x, lo, ir::Expr()}; }
};

// Proves `assumptions ∧ ranges ⇒ lhs == rhs`. Every free variable, symbol, tensor and
// uninterpreted function is universally quantified; `ranges` bound the integer ones (index
// variables 0 <= i < M, sizes M >= 1). lhs and rhs are scalar expressions of the formula IR,
// possibly reading tensor-level expressions (named operators are expanded to index notation).
// Two i1 sides are compared as propositions (lhs ⇔ rhs).
struct EquivalenceQuery {
    ir::Expr lhs;
    ir::Expr rhs;
    std::vector<ir::Expr> assumptions; // i1 scalars
    std::vector<Range> ranges;
    std::string name; // names the SMT-LIB files and the query records ("softmax.out")
};

struct CheckOptions {
    // Wall-clock limit of every single solver query.
    std::chrono::milliseconds queryTimeout{5000};
    // Limit of the whole check (symbolic attempt, lemmas, bounded fallback).
    std::chrono::milliseconds totalTimeout{60000};
    unsigned seed = 0; // smt.random_seed: the same query gives the same answer
    // The symbolic attempt (all sizes at once: reductions as recursive functions).
    bool symbolic = true;
    // Bounded mode: every size symbol takes every value from its lower bound up to boundK;
    // reductions are unrolled. Runs when the symbolic attempt gives no verdict, and always when
    // crossCheck is set (a bounded refutation of a symbolic proof is reported as an error).
    bool bounded = true;
    bool crossCheck = false;
    int boundK = 4;
    // At most this many size assignments; boundK is lowered until the product fits.
    int maxBoundedCases = 256;
    // Reductions with at most this many elements (after bounding) are unrolled.
    int maxUnroll = 1024;
    // Read float constants within 1e-7 (relative) of ln 2 and log2(e) as those numbers
    // (Triton kernels use exp2(x * 1.4426950408889634) for exp(x)); recorded as an assumption.
    bool exactLogConstants = true;
    // Lemmas about pairs of reductions proved by sub-queries (extensionality, shifts, signs).
    bool reductionLemmas = true;
    // When non-empty, every query is written there as an SMT-LIB 2 file that `z3 FILE` re-checks.
    std::string smtDir;
    util::CancelToken cancel;
};

} // namespace tlift::verify
