#pragma once
// The spec: what symbolic execution of one kernel yields. For every store,
//   for all program ids and lanes:  mask  =>  buffer[offset] = value
// with the loop-carried values of loops as recurrences (loop results appear in formulas as
// uninterpreted functions `name@L1(pid..., lanes...)`, defined by LoopSpec), plus the trace of
// every statement, the loads (for memory-safety checks) and the diagnostics.

#include "tlift/ir/context.h"
#include "tlift/symexec/block.h"
#include "tlift/util/diagnostic.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlift::symexec {

// A pointer argument of the kernel: a flat buffer of elements.
struct BufferInfo {
    std::string name;  // the parameter name, e.g. "x_ptr"
    ir::DType dtype;   // element type (from the launch context, f32 when unknown)
    ir::Expr flat;     // IR tensor of rank 1: the buffer as seen by the kernel
    int paramIndex = -1;
};

// A scalar (non-constexpr) argument: a symbol in the formulas.
struct ScalarInfo {
    std::string name;
    ir::Expr symbol;
    int paramIndex = -1;
};

enum class StoreKind { Store, AtomicAdd, AtomicMax, AtomicMin, AtomicXchg, AtomicOther };
const char* storeKindName(StoreKind k);

struct StoreSpec {
    int id = 0;
    StoreKind kind = StoreKind::Store;
    int buffer = -1;
    Shape shape;        // the block shape: lanes l0.. range over it
    ir::Expr offset;    // element offset (integer lane expression)
    ir::Expr mask;      // i1 lane expression, with the path condition folded in
    ir::Expr value;     // the stored lane expression
    std::vector<int> loops; // enclosing loops, outermost first
    util::SourceSpan span;
};

struct LoadSite {
    int id = 0;
    int buffer = -1;
    Shape shape;
    ir::Expr offset;
    ir::Expr mask;      // the lanes that really read (path condition included); true when unmasked
    bool hasOther = false;
    std::vector<int> loops;
    util::SourceSpan span;
};

// A loop-carried variable: its value before the first iteration (init) and after one more
// iteration as a function of the previous one (update, which refers to the previous value
// through `prevFn`). After the loop, formulas refer to the final value through `finalFn`.
// Both functions take the program ids and the lanes of the variable's block as arguments.
struct CarriedVar {
    std::string name;
    Shape shape;
    ir::DType dtype;
    int buffer = -1; // a carried pointer: init/update are element offsets into this buffer
    ir::Expr init;
    ir::Expr update;
    std::string prevFn;
    std::string finalFn;
};

struct LoopSpec {
    int id = 0;
    int parent = -1;      // enclosing loop, or -1
    bool isWhile = false;
    ir::Expr counter;     // the loop variable (for loops), an integer IR variable
    ir::Expr lo, hi, step;
    ir::Expr whileCond;   // while loops: the condition over the previous values
    ir::Expr guard;       // the path condition under which the loop runs (true when always)
    std::vector<CarriedVar> carried;
    util::SourceSpan span;
    std::string label() const { return "L" + std::to_string(id); }
};

// A reduction or scan with a user combine function that is not a plain sum/product/max/min
// (tl.reduce((mean, m2, count), 0, welford_combine)). Component c of the result appears in
// formulas as `fold<id>.<c>(pid..., lanes...)`; `combine[c]` is the combine function's result
// over the placeholder symbols a0.., b0.. (the two partial results).
struct FoldSpec {
    int id = 0;
    std::string fnName;               // the combine function
    std::vector<ir::Expr> a, b;       // placeholder symbols, one per component
    std::vector<ir::Expr> combine;    // one per component
    std::vector<ir::Expr> inputs;     // the input lane expressions (over the input block's lanes)
    Shape inputShape;
    int axis = 0;
    bool keepDims = false;
    bool scan = false;
    bool reverse = false;
    std::vector<std::string> resultFns; // the Apply names of the components
    util::SourceSpan span;
};

enum class StepKind { Assign, Load, Store, Reduce, Loop, Branch, Call, Note };
const char* stepKindName(StepKind k);

struct TraceStep {
    int id = 0;
    StepKind kind = StepKind::Assign;
    util::SourceSpan span;
    std::string target;      // the variable assigned (or "" for stores / notes)
    std::string description; // e.g. "tl.load(x_ptr + offs, mask=offs < n)"
    Shape shape;
    ir::Expr value;          // the lane expression (or offset for pointers)
    bool isPointer = false;
    std::string pointerBuffer;
    int loop = -1;           // innermost enclosing loop
};

// The kernel's grid: pid d ranges over [0, grid[d]).
struct Spec {
    std::shared_ptr<ir::Context> ctx;
    std::string kernel;
    util::SourceSpan kernelSpan;
    std::vector<BufferInfo> buffers;
    std::vector<ScalarInfo> scalars;
    std::map<std::string, double> constexprs; // the values used for this spec
    int pidAxes = 1;                          // program-id axes used (1..3)
    std::vector<ir::Expr> pids;               // pid0..pid{pidAxes-1}
    std::vector<ir::Expr> grid;               // grid0.. symbols (num_programs)
    std::vector<StoreSpec> stores;
    std::vector<LoadSite> loads;
    std::vector<LoopSpec> loops;
    std::vector<FoldSpec> folds;
    std::vector<TraceStep> trace;
    util::Diagnostics diagnostics;

    const LoopSpec* loop(int id) const;
    const FoldSpec* fold(std::string_view applyName) const;
    int bufferIndex(std::string_view name) const;
    // The lane variable of axis d (l0, l1, ...), shared by every block.
    ir::Expr lane(int axis) const;
};

} // namespace tlift::symexec
