#pragma once
// What the reader knows about the dialects of TTIR, in the one translation unit (besides
// tt_dialect.cpp) that includes the upstream dialect headers: the MLIR context to parse in, the
// names of each op's operand groups, and the keywords of enum attributes.

#include <llvm/ADT/StringRef.h>
#include <memory>
#include <mlir/IR/MLIRContext.h>
#include <mlir/IR/Operation.h>
#include <optional>
#include <string>
#include <vector>

namespace tlift::frontend::ttir {

// A context with the `tt` dialect (and its `llvm`/`gpu` one-op subsets) plus builtin, func,
// arith, math, scf, cf and ub. Single-threaded: one context per read, so reads on different
// threads share nothing.
std::unique_ptr<mlir::MLIRContext> makeTtirContext();

// One entry per operand of `op`: the name of its ODS operand group ("ptr", "mask", "initArgs",
// ...) for the ops listed in docs/ttir.md, an empty string otherwise.
std::vector<std::string> operandRoles(mlir::Operation* op);

// The keyword of an enum attribute stored as an integer (`cache = 2 : i32` of tt.load is "ca",
// `predicate = 2` of arith.cmpi is "slt"); nullopt when `attrName` of `op` is not such an enum.
std::optional<std::string> enumKeyword(mlir::Operation* op, llvm::StringRef attrName,
                                       mlir::Attribute value);

} // namespace tlift::frontend::ttir
