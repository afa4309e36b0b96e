#pragma once
// Concrete test inputs for a kernel: sizes chosen to hit the edge cases (1, smaller than a
// block, not a multiple of the block, exactly a block, larger), contiguous and padded layouts,
// random data; the kernel's own outputs on them come from running its spec. Candidates are
// checked against these before anything is called tested, and long before anything is proved.

#include "tlift/ir/eval.h"
#include "tlift/symexec/launch.h"
#include "tlift/symexec/runner.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tlift::synth {

struct TestCase {
    std::string label;                          // "M=3, n_cols=37 (padded rows)"
    std::map<std::string, std::int64_t> sizes;  // size symbols
    symexec::RunInput input;
    symexec::RunResult run;                     // the kernel's results
    ir::Env env;                                // symbols and logical tensors (outputs after the run)
    std::map<std::string, ir::TensorValue> tensors; // logical views, by tensor name
};

struct HarnessOptions {
    std::uint64_t seed = 1;
    int cases = 6;
    std::int64_t maxElements = 1 << 15; // per tensor
    util::CancelToken cancel;
};

struct Harness {
    std::vector<TestCase> cases;
    // Sizes the kernel cannot handle (a memory error, or outputs left unwritten), with why.
    std::vector<std::string> rejected;
};

util::Result<Harness> buildHarness(const symexec::Spec& spec, const symexec::LaunchContext& lc, const HarnessOptions& options);

struct CheckResult {
    bool ok = false;
    int failedCase = -1;
    std::string detail;            // the first mismatch: coordinates, kernel value, candidate value
    std::size_t compared = 0;
    double maxAbsError = 0.0;
    double maxRelError = 0.0;
    std::vector<double> sample;    // a few candidate values (for observational equivalence)
};

// Compares out[coords] (the kernel's results) with the candidate formula on every case.
CheckResult checkCandidate(const Harness& h, const symexec::TensorBinding& out, const std::vector<ir::Expr>& coords,
                           ir::Expr candidate, ir::EvalMode mode = ir::EvalMode::Real, double relTol = 1e-6,
                           std::size_t maxPerCase = 4096);

// Compares a tensor-level candidate (out = softmax(x, dim=1)) with the kernel's output tensor.
CheckResult checkTensorCandidate(const Harness& h, const symexec::TensorBinding& out, ir::Expr candidate,
                                 double relTol = 1e-6);

// The values of a candidate on the cases (for pruning by observational equivalence).
std::vector<double> candidateValues(const Harness& h, const std::vector<ir::Expr>& coords, ir::Expr candidate,
                                    std::size_t maxPerCase = 64);

} // namespace tlift::synth
