#include "ttir_dialects.h"

#include "tt_ops.h"

#include <initializer_list>
#include <mlir/Dialect/Arith/IR/Arith.h>
#include <mlir/Dialect/ControlFlow/IR/ControlFlowOps.h>
#include <mlir/Dialect/Func/IR/FuncOps.h>
#include <mlir/Dialect/Math/IR/Math.h>
#include <mlir/Dialect/SCF/IR/SCF.h>
#include <mlir/Dialect/UB/IR/UBOps.h>
#include <mlir/IR/DialectRegistry.h>

namespace tlift::frontend::ttir {

std::unique_ptr<mlir::MLIRContext> makeTtirContext() {
    mlir::DialectRegistry registry;
    registry.insert<mlir::func::FuncDialect, mlir::arith::ArithDialect, mlir::math::MathDialect,
                    mlir::scf::SCFDialect, mlir::cf::ControlFlowDialect, mlir::ub::UBDialect>();
    tt::registerTtDialects(registry);
    auto ctx =
        std::make_unique<mlir::MLIRContext>(registry, mlir::MLIRContext::Threading::DISABLED);
    // Diagnostics become tritonlift's own; MLIR's printing of the failing op (in generic form)
    // and of stack traces would only add noise to them.
    ctx->printOpOnDiagnostic(false);
    ctx->printStackTraceOnDiagnostic(false);
    return ctx;
}

namespace {

using Groups = std::initializer_list<const char*>;

// Names the operands of `op` by its ODS operand groups, in ODS order, when it is an OpT.
template <class OpT>
bool nameGroups(mlir::Operation* op, Groups groups, std::vector<std::string>& roles) {
    auto typed = mlir::dyn_cast<OpT>(op);
    if (!typed) return false;
    unsigned group = 0;
    for (const char* name : groups) {
        auto [start, length] = typed.getODSOperandIndexAndLength(group++);
        for (unsigned k = start; k < start + length && k < roles.size(); ++k)
            roles[k] = name;
    }
    return true;
}

bool nameTtGroups(mlir::Operation* op, std::vector<std::string>& r) {
    using namespace tt;
    return nameGroups<LoadOp>(op, {"ptr", "mask", "other"}, r) ||
           nameGroups<StoreOp>(op, {"ptr", "value", "mask"}, r) ||
           nameGroups<AddPtrOp>(op, {"ptr", "offset"}, r) || nameGroups<SplatOp>(op, {"src"}, r) ||
           nameGroups<BroadcastOp>(op, {"src"}, r) || nameGroups<ExpandDimsOp>(op, {"src"}, r) ||
           nameGroups<ReshapeOp>(op, {"src"}, r) || nameGroups<TransOp>(op, {"src"}, r) ||
           nameGroups<SplitOp>(op, {"src"}, r) || nameGroups<UnsplatOp>(op, {"src"}, r) ||
           nameGroups<BitcastOp>(op, {"src"}, r) || nameGroups<IntToPtrOp>(op, {"src"}, r) ||
           nameGroups<PtrToIntOp>(op, {"src"}, r) || nameGroups<FpToFpOp>(op, {"src"}, r) ||
           nameGroups<CatOp>(op, {"lhs", "rhs"}, r) || nameGroups<JoinOp>(op, {"lhs", "rhs"}, r) ||
           nameGroups<GatherOp>(op, {"src", "indices"}, r) ||
           nameGroups<HistogramOp>(op, {"src", "mask"}, r) ||
           nameGroups<DotOp>(op, {"a", "b", "c"}, r) ||
           nameGroups<DotScaledOp>(op, {"a", "b", "c", "a_scale", "b_scale"}, r) ||
           nameGroups<ReduceOp>(op, {"srcs"}, r) || nameGroups<ScanOp>(op, {"srcs"}, r) ||
           nameGroups<MapElementwiseOp>(op, {"srcs"}, r) ||
           nameGroups<ReduceReturnOp>(op, {"result"}, r) ||
           nameGroups<ScanReturnOp>(op, {"result"}, r) ||
           nameGroups<MapElementwiseReturnOp>(op, {"result"}, r) ||
           nameGroups<AtomicRMWOp>(op, {"ptr", "val", "mask"}, r) ||
           nameGroups<AtomicCASOp>(op, {"ptr", "cmp", "val"}, r) ||
           nameGroups<MakeTensorPtrOp>(op, {"base", "shape", "strides", "offsets"}, r) ||
           nameGroups<AdvanceOp>(op, {"ptr", "offsets"}, r) ||
           nameGroups<MakeTensorDescOp>(op, {"base", "shape", "strides"}, r) ||
           nameGroups<DescriptorLoadOp>(op, {"desc", "indices"}, r) ||
           nameGroups<DescriptorStoreOp>(op, {"desc", "src", "indices"}, r) ||
           nameGroups<DescriptorReduceOp>(op, {"desc", "src", "indices"}, r) ||
           nameGroups<DescriptorGatherOp>(op, {"desc", "x_offsets", "y_offset"}, r) ||
           nameGroups<DescriptorScatterOp>(op, {"desc", "x_offsets", "y_offset", "src"}, r) ||
           nameGroups<ClampFOp>(op, {"x", "min", "max"}, r) ||
           nameGroups<PreciseSqrtOp>(op, {"x"}, r) ||
           nameGroups<PreciseDivFOp>(op, {"x", "y"}, r) ||
           nameGroups<MulhiUIOp>(op, {"x", "y"}, r) ||
           nameGroups<ExternElementwiseOp>(op, {"srcs"}, r) ||
           nameGroups<ElementwiseInlineAsmOp>(op, {"args"}, r) ||
           nameGroups<PrintOp>(op, {"args"}, r) || nameGroups<AssertOp>(op, {"condition"}, r) ||
           nameGroups<CallOp>(op, {"args"}, r) || nameGroups<ReturnOp>(op, {"srcs"}, r);
}

bool nameUpstreamGroups(mlir::Operation* op, std::vector<std::string>& r) {
    namespace scf = mlir::scf;
    namespace cf = mlir::cf;
    namespace arith = mlir::arith;
    return nameGroups<scf::ForOp>(op, {"lowerBound", "upperBound", "step", "initArgs"}, r) ||
           nameGroups<scf::IfOp>(op, {"condition"}, r) ||
           nameGroups<scf::WhileOp>(op, {"inits"}, r) ||
           nameGroups<scf::ConditionOp>(op, {"condition", "args"}, r) ||
           nameGroups<scf::YieldOp>(op, {"results"}, r) ||
           nameGroups<cf::BranchOp>(op, {"destOperands"}, r) ||
           nameGroups<cf::CondBranchOp>(op, {"condition", "trueDestOperands", "falseDestOperands"},
                                        r) ||
           nameGroups<cf::AssertOp>(op, {"arg"}, r) ||
           nameGroups<arith::SelectOp>(op, {"condition", "true_value", "false_value"}, r) ||
           nameGroups<arith::CmpIOp>(op, {"lhs", "rhs"}, r) ||
           nameGroups<arith::CmpFOp>(op, {"lhs", "rhs"}, r) ||
           nameGroups<mlir::func::ReturnOp>(op, {"operands"}, r) ||
           nameGroups<mlir::func::CallOp>(op, {"operands"}, r) ||
           nameGroups<upstream::AssumeOp>(op, {"cond"}, r);
}

template <class OpT> bool isOp(mlir::Operation* op) {
    return mlir::isa<OpT>(op);
}

// The keyword of `v` for enum E, or nullopt when `v` is not one of its cases.
template <class E>
std::optional<std::string> keyword(std::int64_t v, llvm::StringRef (*stringify)(E)) {
    llvm::StringRef s = stringify(static_cast<E>(v));
    if (s.empty()) return std::nullopt;
    return s.str();
}

std::optional<std::string> ttEnumKeyword(mlir::Operation* op, llvm::StringRef a, std::int64_t v) {
    using namespace tt;
    bool memoryOp = isOp<LoadOp>(op) || isOp<StoreOp>(op) || isOp<DescriptorLoadOp>(op);
    if (memoryOp && a == "cache") return keyword(v, stringifyCacheModifier);
    if (memoryOp && a == "evict") return keyword(v, stringifyEvictionPolicy);
    if ((isOp<LoadOp>(op) || isOp<MakeTensorDescOp>(op)) && a == "padding")
        return keyword(v, stringifyPaddingOption);
    bool atomic = isOp<AtomicRMWOp>(op) || isOp<AtomicCASOp>(op);
    if (atomic && a == "sem") return keyword(v, stringifyMemSemantic);
    if (atomic && a == "scope") return keyword(v, stringifyMemSyncScope);
    if (isOp<AtomicRMWOp>(op) && a == "atomic_rmw_op") return keyword(v, stringifyRMWOp);
    if ((isOp<GetProgramIdOp>(op) || isOp<GetNumProgramsOp>(op)) && a == "axis")
        return keyword(v, stringifyProgramDim);
    if (isOp<FpToFpOp>(op) && a == "rounding") return keyword(v, stringifyRoundingMode);
    if (isOp<DotOp>(op) && a == "inputPrecision") return keyword(v, stringifyInputPrecision);
    if (isOp<ClampFOp>(op) && a == "propagateNan") return keyword(v, stringifyPropagateNan);
    if (isOp<DescriptorReduceOp>(op) && a == "kind")
        return keyword(v, stringifyDescriptorReduceKind);
    if (isOp<DotScaledOp>(op) && (a == "a_elem_type" || a == "b_elem_type"))
        return keyword(v, stringifyScaleDotElemType);
    return std::nullopt;
}

std::optional<std::string> arithEnumKeyword(mlir::Operation* op, llvm::StringRef a,
                                            std::int64_t v) {
    namespace arith = mlir::arith;
    if (isOp<arith::CmpIOp>(op) && a == "predicate")
        return keyword(v, arith::stringifyCmpIPredicate);
    if (isOp<arith::CmpFOp>(op) && a == "predicate")
        return keyword(v, arith::stringifyCmpFPredicate);
    if (op->getDialect() && op->getDialect()->getNamespace() == "arith" && a == "roundingmode")
        return keyword(v, arith::stringifyRoundingMode);
    return std::nullopt;
}

} // namespace

std::vector<std::string> operandRoles(mlir::Operation* op) {
    std::vector<std::string> roles(op->getNumOperands());
    if (!op->isRegistered() || roles.empty()) return roles;
    if (!nameTtGroups(op, roles)) nameUpstreamGroups(op, roles);
    return roles;
}

std::optional<std::string> enumKeyword(mlir::Operation* op, llvm::StringRef attrName,
                                       mlir::Attribute value) {
    auto integer = mlir::dyn_cast<mlir::IntegerAttr>(value);
    if (!integer || !op->isRegistered()) return std::nullopt;
    std::int64_t v = integer.getValue().getSExtValue();
    if (auto k = ttEnumKeyword(op, attrName, v)) return k;
    return arithEnumKeyword(op, attrName, v);
}

} // namespace tlift::frontend::ttir
