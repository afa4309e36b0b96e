#pragma once
// De-indexing: from an index-level formula over output coordinates to an equal tensor-level
// expression (`out[i, j] = exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))` becomes
// `out = exp(x) / sum(exp(x), dim=1, keepdim=true)`), which the rules then bring to the named
// forms (softmax).
//
// The conversion is compositional. Each subterm becomes a tensor aligned with the coordinates
// from the right (numpy broadcasting): a tensor of rank p stands for the last p coordinates,
// and a dimension of size 1 means the value does not depend on that coordinate. So
//  - a read x[i, j] whose indices are coordinates in order becomes x; in another order it is
//    transposed, with gaps it gets size-1 dimensions (b[i] in a frame (i, j) is unsqueeze(b, 1));
//    w[ids[i], j] is embedding(w, ids);
//  - elementwise operators apply to the converted operands (broadcasting does the rest);
//  - a reduction over k in 0..n, where every read that uses k reads a dimension of size n,
//    gives k a coordinate slot of its own (a slot the body does not use, keepdim=true, or a new
//    one, keepdim=false) and becomes sum / prod / amax / amin / argmax / argmin over it; a
//    prefix reduction over k in 0..j+1 becomes cumsum / cumprod along j's dimension; a guard g
//    of a sum becomes where(g, body, 0) (the neutral element for the others);
//  - a subterm that depends on no coordinate stays a scalar.
// Anything else (an index that is not a coordinate, `x[2*i]`; a coordinate used as a value; a
// reduction over part of a dimension) has no conversion: the caller keeps the index form.

#include "tlift/ir/context.h"
#include "tlift/util/result.h"

#include <span>

namespace tlift::egraph {

// The tensor T with T[c0, ..., cr-1] = body for every coordinate in range, of exactly the shape
// `extents` (one per coordinate).
util::Result<ir::Expr> deindex(ir::Context& ctx, ir::Expr body, std::span<const ir::Expr> coords,
                               std::span<const ir::Expr> extents);

// For a summary `out[i, j] = rhs` (lhs a read of the output tensor at distinct variables): the
// right side of `out = ...`. An lhs that is already the tensor returns rhs unchanged.
util::Result<ir::Expr> deindexSummary(ir::Context& ctx, ir::Expr lhs, ir::Expr rhs);

} // namespace tlift::egraph
