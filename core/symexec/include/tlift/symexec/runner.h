#pragma once
// Runs a spec on concrete inputs: the kernel "executed" on the CPU from its symbolic
// description, program by program, lane by lane, loops iterated, folds folded. Synthesis tests
// candidates against it, the floating-point check compares with it, and the test suite checks
// it against what the real kernel computed on a GPU.
//
// It also checks memory safety on the way: every load and store that a lane performs must stay
// inside its buffer, and no undefined value (a masked-off load without `other`) may be stored.

#include "tlift/ir/eval.h"
#include "tlift/symexec/spec.h"
#include "tlift/util/cancel.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace tlift::symexec {

struct RunInput {
    // Buffers by parameter name: the flat contents (element values as doubles).
    std::map<std::string, std::vector<double>> buffers;
    // Scalar parameters by name.
    std::map<std::string, double> scalars;
    std::array<std::int64_t, 3> grid{1, 1, 1};
};

struct RunProblem {
    std::string what; // "load out of bounds", "store of an undefined value", ...
    std::string where; // "pid (3, 0, 0), lanes (17), iteration start = 256"
    util::SourceSpan span;
};

struct RunResult {
    std::map<std::string, std::vector<double>> buffers; // contents after the run
    // Per buffer and element: how many stores wrote it (to find races and holes).
    std::map<std::string, std::vector<std::uint32_t>> writes;
    std::vector<RunProblem> problems; // memory-safety and undefined-value findings (capped)
    std::size_t undefinedStores = 0;
    std::size_t outOfBounds = 0;
    std::size_t conflictingWrites = 0; // the same element stored twice with different values
};

struct RunOptions {
    ir::EvalMode mode = ir::EvalMode::Real;
    bool checkLoads = true;              // evaluate every load site's bounds
    std::int64_t maxIterations = 1 << 22; // per loop and program: a runaway while loop stops here
    std::size_t maxProblems = 20;
    util::CancelToken cancel;
};

util::Result<RunResult> runSpec(const Spec& spec, const RunInput& input, const RunOptions& options = {});

} // namespace tlift::symexec
