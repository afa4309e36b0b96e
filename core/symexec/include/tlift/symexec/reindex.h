#pragma once
// Re-indexing a spec over the coordinates of tensors: a flat buffer offset becomes tensor
// coordinates (delinearization with the tensor's strides), and a store's lanes and program ids
// become functions of the output coordinates (the inverse of an affine, mixed-radix map), so
// that `for all pid, lanes: mask => out_ptr[pid * s + l0] = v` reads `out[i, j] = v'`. What the
// inversion needs to be right (the grid covers the output, the mask holds on it) comes back as
// obligations, to be proved by the verifier.

#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/symexec/launch.h"
#include "tlift/symexec/spec.h"
#include "tlift/util/result.h"

#include <optional>
#include <string>
#include <vector>

namespace tlift::symexec {

struct Obligation {
    std::string what;  // "the grid covers dim 0", "the store's mask holds", ...
    ir::Expr cond;     // i1 over output coordinates and sizes
};

struct Reindexed {
    int store = -1;
    std::string output;              // the output tensor's name
    ir::Expr outTensor;              // IR tensor
    std::vector<ir::Expr> coords;    // output coordinate variables (i, j, ...)
    std::vector<ir::Expr> domain;    // 0 <= coord < size, per dimension
    ir::ExprMap sigma;               // pid / lane / counter -> expression of coordinates
    ir::Expr value;                  // the stored value over the coordinates, with logical reads
    std::vector<Obligation> obligations;
    std::vector<std::string> notes;  // how the inversion went, for the trace and reports
    // Atomic accumulation: the programs and lanes that do not appear in the address all add into
    // the same element; their contributions are reduced over these variables.
    std::vector<ir::Expr> accumulated;
};

// Ranges of the spec's own variables (lanes of a block shape, bound variables of reductions).
ir::SimplifyOptions laneRanges(const Spec& spec, const Shape& shape);

// offset = sum_d coord_d * strides[d]; nullopt when the offset does not have that form.
std::optional<std::vector<ir::Expr>> delinearize(ir::Context& ctx, ir::Expr offset, const std::vector<ir::Expr>& strides,
                                                 const ir::SimplifyOptions& ranges);

// Replaces scalar parameters by what the launch context says they are (n_cols -> N).
ir::Expr applyScalarValues(ir::Context& ctx, const LaunchContext& lc, ir::Expr e);

// Replaces reads of flat buffers by reads of their logical tensors where the offset
// delinearizes (x_ptr[pid0 * s + k] -> x[pid0, k]); other reads stay flat.
ir::Expr toLogicalReads(ir::Context& ctx, const Spec& spec, const LaunchContext& lc, ir::Expr e,
                        const ir::SimplifyOptions& ranges);

// Re-indexes one store over its output tensor's coordinates.
// For an atomic store (kind AtomicAdd/Max/Min) the lanes and programs absent from the address
// are reduced over (sum/max/min of the masked contributions) instead of being an error.
util::Result<Reindexed> reindexStore(ir::Context& ctx, const Spec& spec, const StoreSpec& store, const LaunchContext& lc,
                                     ir::Expr value);

// Names for the coordinates of a rank-r output: i; i, j; i, j, k; ...
std::vector<std::string> coordinateNames(std::size_t rank);

} // namespace tlift::symexec
