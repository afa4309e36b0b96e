#pragma once
// The op classes of the `tt` dialect and of the `llvm`/`gpu` subsets (generated declarations).

#include "tt_dialect.h"

#include <mlir/Bytecode/BytecodeOpInterface.h>
#include <mlir/IR/OpDefinition.h>
#include <mlir/IR/SymbolTable.h>
#include <mlir/Interfaces/CallInterfaces.h>
#include <mlir/Interfaces/ControlFlowInterfaces.h>
#include <mlir/Interfaces/FunctionInterfaces.h>

#define GET_OP_CLASSES
#include "tt_ops.h.inc"
#define GET_OP_CLASSES
#include "upstream_subset_ops.h.inc"
