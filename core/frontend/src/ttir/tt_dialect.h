#pragma once
// The `tt` dialect (private to the TTIR reader): the generated declarations of the dialects
// (`tt` and the one-op `llvm` and `gpu` subsets of upstream_subset.td), of the `tt` types and
// enums, plus the type helpers that the operations' type inference uses. The op classes are in
// tt_ops.h: code that only looks at types includes this lighter header.
// Only src/ttir includes this; the public headers expose no MLIR type.

#include <mlir/IR/BuiltinTypes.h>
#include <mlir/IR/Dialect.h>
#include <mlir/IR/OpImplementation.h>

#include "gpu_subset_dialect.h.inc"
#include "llvm_subset_dialect.h.inc"
#include "tt_dialect.h.inc"
#include "tt_enums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "tt_types.h.inc"

namespace tlift::frontend::ttir::tt {

// What a load through `ptrLike` yields: `!tt.ptr<T>` -> T, `tensor<S x !tt.ptr<T>>` ->
// `tensor<S x T>`, `!tt.ptr<tensor<..>>` -> that tensor. Any other type is returned unchanged,
// so that a malformed input fails verification with a readable message instead of crashing.
mlir::Type pointeeOf(mlir::Type ptrLike);
// i1 with the shape of `t` (a scalar i1 for a scalar).
mlir::Type boolLike(mlir::Type t);
// For a block pointer `!tt.ptr<tensor<.. x T>, as>`: the scalar pointer `!tt.ptr<T, as>`.
mlir::Type blockBasePointer(mlir::Type blockPtr);

// Registers the `tt` dialect and the `llvm` and `gpu` subsets with a registry.
void registerTtDialects(mlir::DialectRegistry& registry);

} // namespace tlift::frontend::ttir::tt
