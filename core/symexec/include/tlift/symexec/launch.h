#pragma once
// The launch context: what a kernel alone does not say. Which tensor each pointer argument points
// to (with its symbolic shape, strides and dtype), what each scalar argument means (a size, a
// stride, a plain number), the constexpr values, and the grid. It is inferred (from the wrapper
// that launches the kernel, and from the kernel's own masks and addresses), can be written by the
// user in a sidecar file (docs/lifting.md, "Launch file format"), and every fact it adds is listed with where it
// came from, so that a summary states exactly what it rests on.

#include "tlift/frontend/python/value.h"
#include "tlift/ir/context.h"
#include "tlift/util/result.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tlift::symexec {

// One fact of the launch context and where it came from.
struct LaunchNote {
    std::string fact;   // "x has shape [M, N] and strides [stride_x, 1]"
    std::string source; // "wrapper softmax at k.py:24", "kernel masks", "sidecar k.launch.json", "assumed"
};

struct TensorBinding {
    std::string param;               // the kernel's pointer parameter (x_ptr)
    std::string name;                // the logical tensor (x)
    ir::DType dtype = ir::DType::F32;
    std::vector<ir::Expr> shape;     // i32 expressions over size symbols
    std::vector<ir::Expr> strides;   // element strides: size symbols, scalar parameters or constants
    ir::Expr tensor() const;         // the IR tensor node (built by LaunchContext::finish)
    ir::Expr node;
};

struct LaunchContext {
    std::string kernel;
    std::map<std::string, frontend::py::Value> constexprs;
    std::map<std::string, ir::DType> scalarTypes;  // runtime scalar parameters
    // Scalar parameters that stand for something: n_cols -> N (a size), stride_x -> a stride.
    std::map<std::string, ir::Expr> scalarValues;
    std::vector<TensorBinding> tensors;
    std::vector<ir::Expr> grid;        // per axis, an i32 expression over sizes (null: unknown)
    std::vector<ir::Expr> assumptions; // i1 expressions over sizes: N >= 1, N <= BLOCK_SIZE, ...
    std::vector<LaunchNote> notes;

    const TensorBinding* tensorForParam(std::string_view param) const;
    const TensorBinding* tensor(std::string_view name) const;
    void note(std::string fact, std::string source) { notes.push_back({std::move(fact), std::move(source)}); }
};

// The size symbols a context uses (M, N, ...), sorted by name.
std::vector<ir::Expr> sizeSymbols(const LaunchContext& lc);

// Sidecar files: JSON, shapes and strides written in the IR text form over size names.
util::Result<LaunchContext> readLaunchFile(ir::Context& ctx, const std::string& path);
util::Result<LaunchContext> parseLaunchJson(ir::Context& ctx, const std::string& text, const std::string& origin);
std::string writeLaunchJson(const LaunchContext& lc);
// Overrides the facts of `base` with those given in `over` (the sidecar wins over inference).
void mergeLaunch(LaunchContext& base, const LaunchContext& over);

} // namespace tlift::symexec
