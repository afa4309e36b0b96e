// The one translation unit that compiles the generated definitions of the `tt` dialect (they
// are costly to compile: keep them here and nowhere else), plus the hand-written parts that
// the generated code calls: the pointer type's syntax, the function op's syntax and the type
// helpers of the operations' type inference.

#include "tt_ops.h"

#include <llvm/ADT/TypeSwitch.h>
#include <mlir/IR/Builders.h>
#include <mlir/IR/DialectImplementation.h>
#include <mlir/Interfaces/FunctionImplementation.h>

#include "gpu_subset_dialect.cpp.inc"
#include "llvm_subset_dialect.cpp.inc"
#include "tt_dialect.cpp.inc"
#include "tt_enums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "tt_types.cpp.inc"

#define GET_OP_CLASSES
#include "tt_ops.cpp.inc"
#define GET_OP_CLASSES
#include "upstream_subset_ops.cpp.inc"

namespace tlift::frontend::ttir::tt {

namespace {
// Triton's default address space (global memory) is left out of the printed pointer type.
constexpr int kGlobalAddressSpace = 1;
} // namespace

void TTDialect::initialize() {
    addTypes<
#define GET_TYPEDEF_LIST
#include "tt_types.cpp.inc"
        >();
    addOperations<
#define GET_OP_LIST
#include "tt_ops.cpp.inc"
        >();
}

void registerTtDialects(mlir::DialectRegistry& registry) {
    registry.insert<TTDialect, upstream::LLVMSubsetDialect, upstream::GPUSubsetDialect>();
}

// `<` pointee-type (`,` address-space)? `>`
mlir::Type PointerType::parse(mlir::AsmParser& parser) {
    mlir::Type pointee;
    int addressSpace = kGlobalAddressSpace;
    if (parser.parseLess() || parser.parseType(pointee)) return {};
    if (succeeded(parser.parseOptionalComma()) && parser.parseInteger(addressSpace)) return {};
    if (parser.parseGreater()) return {};
    return PointerType::get(parser.getContext(), pointee, addressSpace);
}

void PointerType::print(mlir::AsmPrinter& printer) const {
    printer << "<" << getPointeeType();
    if (getAddressSpace() != kGlobalAddressSpace) printer << ", " << getAddressSpace();
    printer << ">";
}

mlir::ParseResult FuncOp::parse(mlir::OpAsmParser& parser, mlir::OperationState& result) {
    auto buildType = [](mlir::Builder& builder, llvm::ArrayRef<mlir::Type> args,
                        llvm::ArrayRef<mlir::Type> results, mlir::function_interface_impl::VariadicFlag,
                        std::string&) { return builder.getFunctionType(args, results); };
    return mlir::function_interface_impl::parseFunctionOp(
        parser, result, /*allowVariadic=*/false, getFunctionTypeAttrName(result.name), buildType,
        getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FuncOp::print(mlir::OpAsmPrinter& printer) {
    mlir::function_interface_impl::printFunctionOp(printer, *this, /*isVariadic=*/false,
                                                   getFunctionTypeAttrName(), getArgAttrsAttrName(),
                                                   getResAttrsAttrName());
}

mlir::Type pointeeOf(mlir::Type ptrLike) {
    if (auto ptr = mlir::dyn_cast<PointerType>(ptrLike)) return ptr.getPointeeType();
    if (auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(ptrLike))
        if (auto ptr = mlir::dyn_cast<PointerType>(tensor.getElementType()))
            return tensor.clone(ptr.getPointeeType());
    return ptrLike;
}

mlir::Type boolLike(mlir::Type t) {
    auto i1 = mlir::IntegerType::get(t.getContext(), 1);
    if (auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(t)) return tensor.clone(i1);
    return i1;
}

mlir::Type blockBasePointer(mlir::Type blockPtr) {
    auto ptr = mlir::dyn_cast<PointerType>(blockPtr);
    if (!ptr) return blockPtr;
    auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(ptr.getPointeeType());
    if (!tensor) return blockPtr;
    return PointerType::get(blockPtr.getContext(), tensor.getElementType(), ptr.getAddressSpace());
}

} // namespace tlift::frontend::ttir::tt

namespace tlift::frontend::ttir::upstream {
void LLVMSubsetDialect::initialize() { addOperations<AssumeOp>(); }
void GPUSubsetDialect::initialize() { addOperations<BarrierOp>(); }
} // namespace tlift::frontend::ttir::upstream
