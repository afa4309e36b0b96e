#pragma once
// Launch facts: what the Python wrapper that launches a kernel says about the launch. Which
// tensor each pointer parameter points to (rank, sizes, strides, dtype), what each scalar
// parameter means (a size, a stride, an element count, a plain number), the constexpr values,
// the grid, and the assumptions the wrapper asserts. Found by reading the wrapper abstractly
// (nothing runs): its parameters, asserts, `x.shape` unpackings, tensor constructors and views,
// size arithmetic, branches (on what is known, or merged), early returns, grid lambdas.
//
// Sizes, strides and grids are strings in the IR text form (docs/ir-format.md) over size names
// (`n_cols`, `M * N`, `(n + 1023) // 1024`); this layer does not depend on the IR.
//
// LaunchFacts point into the Module and ModuleInfo they were built from (ArgFact::source,
// evaluateWithSizes): both must outlive them.

#include "tlift/frontend/python/ast.h"
#include "tlift/frontend/python/module.h"
#include "tlift/frontend/python/value.h"
#include "tlift/util/diagnostic.h"
#include "tlift/util/source.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

namespace detail {
struct LaunchSnapshot;
}

// A torch tensor in the wrapper.
struct TensorFact {
    std::string name;                  // the wrapper variable: x, out, y2d (t<k> for one never bound)
    std::optional<int> rank;
    std::vector<std::string> dims;     // per dim, IR text: "n_rows", "2 * H", "n_rows * n_cols"
    std::vector<std::string> strides;  // per dim, IR text: "1", "n_cols", "x_stride0"; empty when the rank is not known
    std::optional<std::string> dtype;  // "float32", "int64", ...; "like:x" when it copies x's dtype
    bool contiguous = false;           // asserted, tested on the way, or made so (empty, empty_like of a contiguous tensor, .contiguous())
    std::string origin;                // "parameter", "torch.empty_like(x)", "x.view(-1, n_cols)", ...
    util::SourceSpan span;
    bool parameter = false;            // a parameter of the wrapper
    bool optional = false;             // a parameter that defaults to None
    // The wrapper never states the rank and asks for no dim or stride: the kernel addresses the
    // tensor with flat offsets, so it is taken as one dimension of numel elements with stride 1.
    bool flat = false;
    bool assumedContiguous = false;    // flat, and nothing said it is contiguous: stride 1 is assumed
};

// What the launch passes for one kernel parameter.
struct ArgFact {
    std::string param;
    enum class Kind { Tensor, Size, Stride, Numel, FloatScalar, IntScalar, Constexpr, None, Unknown } kind = Kind::Unknown;
    std::string tensor; // Tensor / Size / Stride / Numel
    int dim = -1;       // Size / Stride
    std::string expr;   // IR text of the value over sizes (Size, Stride, Numel, IntScalar; Constexpr and
                        // FloatScalar when it has one): "n_rows * n_cols", "x_stride0", "eps"
    std::optional<Value> value;   // Constexpr / FloatScalar / IntScalar when constant
    const Expr* source = nullptr; // the argument expression in the wrapper
    util::SourceSpan span;
    std::string text; // the value in Python terms, for the user: "triton.next_power_of_2(n_cols)"
    std::string why;  // Unknown: why; Tensor: what else the launch may pass instead
};

// A size the wrapper computes in a way the IR text has no form for (`mid = triton.cdiv(n,
// triton.next_power_of_2(...))`): the facts name it, and evaluateSize gives its value.
struct DerivedSize {
    std::string name;
    std::string python; // its definition over the other sizes, in Python
};

struct LaunchFacts {
    std::string wrapper;                  // enclosing function ("softmax", "Softmax.forward"); empty at module level
    std::string kernel;                   // the JIT function launched
    std::size_t launchIndex = 0;          // into ModuleInfo::launches
    std::vector<std::string> sizeNames;   // integer symbols (sizes, element counts, int parameters), in order of appearance
    std::vector<std::string> strideNames; // stride symbols (x_stride0), in order of appearance
    std::vector<std::string> scalarNames; // float and other scalar parameters the facts name
    std::vector<DerivedSize> derivedSizes; // sizes among sizeNames defined by Python expressions
    std::vector<TensorFact> tensors;
    // One per kernel parameter the launch passes (positional and keyword); constexprs set by
    // autotune configs or heuristics are not here.
    std::vector<ArgFact> args;
    // Per grid axis, IR text over sizes and constexpr names: `lambda meta: (triton.cdiv(n,
    // meta['BLOCK']),)` gives "(n + BLOCK - 1) // BLOCK". Empty text: the axis is not known.
    std::vector<std::string> grid;
    std::vector<std::string> assumptions; // from asserts and branches: "n_cols <= 65536", "K % 16 == 0"
    std::vector<std::string> notes;       // how the facts were found, for the user
    std::vector<std::string> missing;     // why the facts are not complete (empty when they are)
    util::SourceSpan span;                // the launch
    std::shared_ptr<const detail::LaunchSnapshot> snapshot; // for evaluateWithSizes

    bool complete() const { return missing.empty(); }
    const TensorFact* tensor(std::string_view name) const;
    const ArgFact* arg(std::string_view param) const;
};

// Every launch of a JIT kernel in the module (ModuleInfo::launches, in order), analysed. Adds a
// warning (category "launch") for each launch whose facts are not complete, saying why.
std::vector<LaunchFacts> analyzeLaunches(const Module& m, const ModuleInfo& info, util::Diagnostics& diags);

// The value of a wrapper expression at the launch (e.g. the argument of `BLOCK_SIZE=block` where
// block = triton.next_power_of_2(n_cols)) for given values of the size names; constexpr names and
// grid meta-parameters may be given too. A grid lambda gives the tuple of its axes. Nothing when
// the value depends on something not given or not known.
std::optional<Value> evaluateWithSizes(const LaunchFacts& facts, const Expr& wrapperExpr,
                                       const std::map<std::string, std::int64_t>& sizes);

// The value of a size name of the facts (a derived size, or a size given in `sizes`) for the
// given sizes; nothing when it depends on something not given.
std::optional<std::int64_t> evaluateSize(const LaunchFacts& facts, std::string_view name,
                                         const std::map<std::string, std::int64_t>& sizes);

// The parameters of a JIT function that it dereferences: used (directly, through local
// variables and pointer arithmetic, or through JIT helpers) as the address of tl.load,
// tl.store, the atomics, tl.make_block_ptr or tl.make_tensor_descriptor, or asked for
// `.dtype.element_ty`. In parameter order.
std::vector<std::string> dereferencedParams(const ModuleInfo& info, const FunctionInfo& kernel);

// A deterministic text of the facts, for tests and `--dump` output.
std::string describeLaunchFacts(const LaunchFacts& facts);

} // namespace tlift::frontend::py
