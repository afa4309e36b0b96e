#pragma once
// Reference implementations of a lifted kernel (docs/reports.md): its summaries as one Python
// function over NumPy arrays or PyTorch tensors. The kernel's logical tensors are the
// positional arguments, scalar symbols that no tensor's shape gives are keyword arguments, and
// the function returns a dict of the outputs by name.

#include "tlift/synth/lift_result.h"
#include "tlift/util/result.h"

#include <string>
#include <vector>

namespace tlift::report {

enum class RefLib : std::uint8_t { NumPy, Torch };

struct RefParam {
    std::string irName; // the tensor or symbol of the summary
    std::string pyName; // the Python parameter
    std::string dtype;  // the IR dtype ("f32")
};

struct RefOutput {
    std::string name;       // the output tensor
    std::string formula;    // the form the code computes, in the IR text form
    bool tensorLevel = false;
};

struct Reference {
    std::string code;     // the whole Python module
    std::string function; // the reference function's name
    std::vector<RefParam> tensors; // positional parameters, in the kernel's order
    std::vector<RefParam> scalars; // keyword parameters
    std::vector<RefOutput> outputs;
    std::vector<std::string> skipped; // outputs without a reference: "out2: why"
};

// Fails when no output has a Python form.
util::Result<Reference> exportReference(const synth::LiftResult& r, RefLib lib);

// A pytest module that launches the Triton kernel (on the sizes the lift's harness chose, with
// random floats) and compares its outputs with the PyTorch reference; skipped without a GPU.
util::Result<std::string> exportPytest(const synth::LiftResult& r);


} // namespace tlift::report
