#pragma once
// Symbolic execution of a Triton kernel written in Python: walks the kernel's AST (helpers
// inlined, constexpr branches and small constexpr loops resolved at "compile time", runtime
// branches merged with selects, loops with symbolic bounds turned into recurrences) and drives
// the block algebra. Unsupported constructs give `unsupported: ... at file:line:col` and the rest
// of the kernel is still traced.

#include "tlift/frontend/python/module.h"
#include "tlift/symexec/spec.h"
#include "tlift/util/result.h"

#include <map>
#include <optional>
#include <string>

namespace tlift::symexec {

struct ExecOptions {
    // Compile-time values of constexpr parameters (and of arguments specialized to constants).
    std::map<std::string, frontend::py::Value> constexprs;
    // Parameters that are pointers, with the element type of the tensor they point to.
    std::map<std::string, ir::DType> pointers;
    // Scalar (runtime) parameters with their types.
    std::map<std::string, ir::DType> scalars;
    // Loops over constexpr ranges with at most this many iterations are unrolled; longer
    // ones become recurrences. `tl.static_range` always unrolls.
    int maxUnroll = 16;
    // Shared IR context (a fresh one when null).
    std::shared_ptr<ir::Context> ctx;
};

// How a parameter was classified when the launch context did not say.
struct ParamGuess {
    std::string name;
    enum Kind { Pointer, Scalar, Constexpr } kind;
    ir::DType dtype;
    std::string reason;
};

// Guesses the role of each parameter from the kernel's own code: constexpr annotation,
// use as the base of a load/store pointer, names (`*_ptr`), float contexts (`eps`).
std::vector<ParamGuess> guessParams(const frontend::py::Module& m, const frontend::py::ModuleInfo& info,
                                    const frontend::py::FunctionInfo& kernel);

util::Result<Spec> executeKernel(const frontend::py::Module& m, const frontend::py::ModuleInfo& info,
                                 const util::SourceManager& sm, std::string_view kernel, const ExecOptions& options);

} // namespace tlift::symexec
