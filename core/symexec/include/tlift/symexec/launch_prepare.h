#pragma once
// Putting a launch together before tracing: the constexpr values (from the user, a sidecar file,
// the launch site in the wrapper, the heuristics, the autotune config, the defaults — in that
// order of precedence), the role and type of every parameter, and the execution options of the
// symbolic executor. After tracing, inferFromSpec (launch_infer.h) completes the tensors.

#include "tlift/frontend/python/module.h"
#include "tlift/symexec/launch.h"
#include "tlift/symexec/python_exec.h"

#include <optional>

namespace tlift::symexec {

struct LaunchRequest {
    std::string kernel;
    std::map<std::string, frontend::py::Value> constexprs; // given by the user (highest precedence)
    std::optional<LaunchContext> sidecar;
    std::size_t config = 0;      // which autotune config
    // Value given to integer scalar arguments when a heuristic or a wrapper expression needs one
    // (BLOCK = next_power_of_2(n_cols)): large enough for the general, masked code path.
    std::int64_t representativeSize = 1000;
};

struct PreparedLaunch {
    LaunchContext launch;
    ExecOptions exec;
    std::vector<ParamGuess> guesses;
    std::size_t configCount = 0; // autotune configs of the kernel (0 when not autotuned)
};

util::Result<PreparedLaunch> prepareLaunch(ir::Context& ctx, const frontend::py::Module& m,
                                           const frontend::py::ModuleInfo& info, const LaunchRequest& req);

} // namespace tlift::symexec
