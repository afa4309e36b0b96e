#pragma once
// Checking a kernel against what it is meant to compute (`tritonlift lift --expect 'out =
// softmax(x, 1)'`). The expectation is an equation in the IR's text form (docs/ir-format.md)
// over the launch's tensors, sizes and scalar parameters, with the named operators; its left
// side names an output (`out`) or indexes it (`out[i, j]`).
//
// It is checked in two steps:
//   1. on the lift's test inputs, against the kernel's own results: a mismatch is a concrete
//      counterexample (the kernel ran on it), so the expectation is Refuted;
//   2. for all sizes: the output's summary equals the expectation (Z3, named operators expanded
//      to their index-level definitions). Only when the summary itself is proved is the
//      expectation Proved; a Z3 model for summary != expectation refutes it only then.

#include "tlift/synth/harness.h"
#include "tlift/synth/lift_options.h"
#include "tlift/synth/lift_result.h"

namespace tlift::synth {

// The output an expectation names (the tensor before `=` or `[`), or an error for text that is
// not `name = ...` / `name[...] = ...`.
util::Result<std::string> expectationOutput(const std::string& text);

// Checks one output (its summary, re-indexed store and harness) against the expectation.
ExpectationResult checkExpectation(ir::Context& ctx, const std::string& text, const OutputSummary& o,
                                   const symexec::Reindexed& re, const symexec::TensorBinding& out,
                                   const symexec::LaunchContext& lc, const symexec::Spec& spec, const Harness* harness,
                                   const std::vector<ir::Expr>& facts, const LiftOptions& options, const util::CancelToken& cancel);

} // namespace tlift::synth
