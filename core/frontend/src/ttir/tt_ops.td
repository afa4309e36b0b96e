// The `tt` operations that Triton kernels produce, each with the assembly format that Triton 3.6
// prints (tt.reduce, tt.scan and tt.map_elementwise have none: Triton prints them in generic form).
// Operand types are loose (AnyType) where the printed form spells them; where the printed form
// leaves a type out, a TypesMatchWith trait infers it, which is also what the parser needs.
// The order of the operands (ODS groups) is the order documented in docs/ttir.md, and
// op_schema.cpp names the groups in that order.

#ifndef TLIFT_TT_OPS_TD
#define TLIFT_TT_OPS_TD

include "tt_dialect.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

class TT_Op<string mnemonic, list<Trait> traits = []> : Op<TT_Dialect, mnemonic, traits>;

// Type helpers named in the traits below (pointeeOf, boolLike, blockBasePointer) are C++
// functions of tt_dialect.h, in the namespace of the generated ops.

// Comparators for TypesMatchWith on optional operands: the check runs only when the operand
// is there (the short-circuit keeps an absent operand from being read).
class OperandCountAbove<int n> {
  string cmp = "($_op.getOperands().size() <= " # n # ") || std::equal_to<>()";
}

//===----------------------------------------------------------------------===//
// Functions and calls
//===----------------------------------------------------------------------===//

def TT_FuncOp : TT_Op<"func", [IsolatedFromAbove, FunctionOpInterface]> {
  let summary = "a kernel or a device function";
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$body);
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    ::mlir::Region* getCallableRegion() { return isExternal() ? nullptr : &getBody(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() { return getFunctionType().getInputs(); }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() { return getFunctionType().getResults(); }
    bool isDeclaration() { return isExternal(); }
  }];
}

def TT_ReturnOp : TT_Op<"return", [HasParent<"FuncOp">, ReturnLike, Terminator]> {
  let arguments = (ins Variadic<AnyType>:$srcs);
  let assemblyFormat = "attr-dict ($srcs^ `:` type($srcs))?";
}

def TT_CallOp : TT_Op<"call"> {
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$args);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = "$callee `(` $args `)` attr-dict `:` functional-type($args, results)";
}

//===----------------------------------------------------------------------===//
// Program ids, ranges and shapes
//===----------------------------------------------------------------------===//

def TT_GetProgramIdOp : TT_Op<"get_program_id"> {
  let arguments = (ins TT_ProgramDimAttr:$axis);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$axis attr-dict `:` type($result)";
}

def TT_GetNumProgramsOp : TT_Op<"get_num_programs"> {
  let arguments = (ins TT_ProgramDimAttr:$axis);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$axis attr-dict `:` type($result)";
}

def TT_MakeRangeOp : TT_Op<"make_range"> {
  let arguments = (ins I32Attr:$start, I32Attr:$end);
  let results = (outs AnyType:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

class TT_UnaryCastOp<string mnemonic> : TT_Op<mnemonic> {
  let arguments = (ins AnyType:$src);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_SplatOp : TT_UnaryCastOp<"splat">;
def TT_BroadcastOp : TT_UnaryCastOp<"broadcast">;
def TT_BitcastOp : TT_UnaryCastOp<"bitcast">;
def TT_IntToPtrOp : TT_UnaryCastOp<"int_to_ptr">;
def TT_PtrToIntOp : TT_UnaryCastOp<"ptr_to_int">;

def TT_UnsplatOp : TT_Op<"unsplat", [
    TypesMatchWith<"result is the element", "src", "result",
                   "::mlir::getElementTypeOrSelf($_self)">]> {
  let arguments = (ins AnyType:$src);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src attr-dict `:` type($src)";
}

def TT_ExpandDimsOp : TT_Op<"expand_dims"> {
  let arguments = (ins AnyType:$src, I32Attr:$axis);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_ReshapeOp : TT_Op<"reshape"> {
  let arguments = (ins AnyType:$src, UnitAttr:$allow_reorder, UnitAttr:$efficient_layout);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $src (`allow_reorder` $allow_reorder^)? (`efficient_layout` $efficient_layout^)? attr-dict
    `:` type($src) `->` type($result)
  }];
}

def TT_TransOp : TT_Op<"trans"> {
  let arguments = (ins AnyType:$src, DenseI32ArrayAttr:$order);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_CatOp : TT_Op<"cat", [AllTypesMatch<["lhs", "rhs"]>]> {
  let arguments = (ins AnyType:$lhs, AnyType:$rhs);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)";
}

def TT_JoinOp : TT_Op<"join", [AllTypesMatch<["lhs", "rhs"]>]> {
  let arguments = (ins AnyType:$lhs, AnyType:$rhs);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)";
}

def TT_SplitOp : TT_Op<"split", [AllTypesMatch<["outLHS", "outRHS"]>]> {
  let arguments = (ins AnyType:$src);
  let results = (outs AnyType:$outLHS, AnyType:$outRHS);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($outLHS)";
}

def TT_GatherOp : TT_Op<"gather"> {
  let arguments = (ins AnyType:$src, AnyType:$indices, I32Attr:$axis, UnitAttr:$efficient_layout);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src `[` $indices `]` attr-dict `:` functional-type(operands, results)";
}

def TT_HistogramOp : TT_Op<"histogram", [
    TypesMatchWith<"mask is i1 shaped like src", "src", "mask", "boolLike($_self)",
                   OperandCountAbove<1>.cmp>]> {
  let arguments = (ins AnyType:$src, Optional<AnyType>:$mask);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$src (`,` $mask^)? attr-dict `:` type($src) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Pointers, loads and stores
//===----------------------------------------------------------------------===//

def TT_AddPtrOp : TT_Op<"addptr", [
    TypesMatchWith<"result type is the ptr type", "result", "ptr", "$_self">]> {
  let arguments = (ins AnyType:$ptr, AnyType:$offset);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$ptr `,` $offset attr-dict `:` type($result) `,` type($offset)";
}

def TT_LoadOp : TT_Op<"load", [
    AttrSizedOperandSegments,
    TypesMatchWith<"result is the pointee", "ptr", "result", "pointeeOf($_self)">,
    TypesMatchWith<"mask is i1 shaped like the result", "ptr", "mask",
                   "boolLike(pointeeOf($_self))", OperandCountAbove<1>.cmp>,
    TypesMatchWith<"other is the pointee", "ptr", "other", "pointeeOf($_self)",
                   OperandCountAbove<2>.cmp>]> {
  let arguments = (ins
    AnyType:$ptr, Optional<AnyType>:$mask, Optional<AnyType>:$other,
    OptionalAttr<DenseI32ArrayAttr>:$boundaryCheck,
    OptionalAttr<TT_PaddingOptionAttr>:$padding,
    DefaultValuedAttr<TT_CacheModifierAttr, "CacheModifier::None">:$cache,
    DefaultValuedAttr<TT_EvictionPolicyAttr, "EvictionPolicy::Normal">:$evict,
    DefaultValuedAttr<BoolAttr, "false">:$isVolatile);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $ptr (`,` $mask^)? (`,` $other^)?
    oilist(`cacheModifier` `=` $cache | `evictionPolicy` `=` $evict)
    attr-dict `:` type($ptr)
  }];
}

def TT_StoreOp : TT_Op<"store", [
    TypesMatchWith<"value is the pointee", "ptr", "value", "pointeeOf($_self)">,
    TypesMatchWith<"mask is i1 shaped like the value", "ptr", "mask",
                   "boolLike(pointeeOf($_self))", OperandCountAbove<2>.cmp>]> {
  let arguments = (ins
    AnyType:$ptr, AnyType:$value, Optional<AnyType>:$mask,
    OptionalAttr<DenseI32ArrayAttr>:$boundaryCheck,
    DefaultValuedAttr<TT_CacheModifierAttr, "CacheModifier::None">:$cache,
    DefaultValuedAttr<TT_EvictionPolicyAttr, "EvictionPolicy::Normal">:$evict);
  let assemblyFormat = [{
    $ptr `,` $value (`,` $mask^)?
    oilist(`cacheModifier` `=` $cache | `evictionPolicy` `=` $evict)
    attr-dict `:` type($ptr)
  }];
}

def TT_AtomicRMWOp : TT_Op<"atomic_rmw"> {
  let arguments = (ins TT_RMWOpAttr:$atomic_rmw_op, AnyType:$ptr, AnyType:$val,
                       Optional<AnyType>:$mask, TT_MemSemanticAttr:$sem,
                       TT_MemSyncScopeAttr:$scope);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $atomic_rmw_op `,` $sem `,` $scope `,` $ptr `,` $val (`,` $mask^)? attr-dict `:`
    functional-type(operands, $result)
  }];
}

def TT_AtomicCASOp : TT_Op<"atomic_cas"> {
  let arguments = (ins AnyType:$ptr, AnyType:$cmp, AnyType:$val, TT_MemSemanticAttr:$sem,
                       TT_MemSyncScopeAttr:$scope);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $sem `,` $scope `,` $ptr `,` $cmp `,` $val attr-dict `:` functional-type(operands, $result)
  }];
}

// Block pointers (Triton before block pointers were removed); the pointer types are printed
// stripped (`<tensor<64x64xf16>>`), as Triton prints them.
def TT_MakeTensorPtrOp : TT_Op<"make_tensor_ptr", [
    SameVariadicOperandSize,
    TypesMatchWith<"base points to the block's elements", "result", "base",
                   "blockBasePointer($_self)">]> {
  let arguments = (ins TT_PointerType:$base, Variadic<I64>:$shape, Variadic<I64>:$strides,
                       Variadic<I32>:$offsets, DenseI32ArrayAttr:$order);
  let results = (outs TT_PointerType:$result);
  let assemblyFormat = [{
    $base `,` `[` $shape `]` `,` `[` $strides `]` `,` `[` $offsets `]` attr-dict `:` type($result)
  }];
}

def TT_AdvanceOp : TT_Op<"advance", [
    TypesMatchWith<"result type is the ptr type", "result", "ptr", "$_self">]> {
  let arguments = (ins TT_PointerType:$ptr, Variadic<I32>:$offsets);
  let results = (outs TT_PointerType:$result);
  let assemblyFormat = "$ptr `,` `[` $offsets `]` attr-dict `:` type($result)";
}

// Tensor descriptors.
def TT_MakeTensorDescOp : TT_Op<"make_tensor_descriptor", [SameVariadicOperandSize]> {
  let arguments = (ins TT_PointerType:$base, Variadic<I32>:$shape, Variadic<I64>:$strides,
                       OptionalAttr<TT_PaddingOptionAttr>:$padding);
  let results = (outs TT_TensorDescType:$result);
  let assemblyFormat = [{
    $base `,` `[` $shape `]` `,` `[` $strides `]` attr-dict `:` type($base) `,` type($result)
  }];
}

def TT_DescriptorLoadOp : TT_Op<"descriptor_load"> {
  let arguments = (ins TT_TensorDescType:$desc, Variadic<I32>:$indices,
    DefaultValuedAttr<TT_CacheModifierAttr, "CacheModifier::None">:$cache,
    DefaultValuedAttr<TT_EvictionPolicyAttr, "EvictionPolicy::Normal">:$evict);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $desc `[` $indices `]`
    oilist(`cacheModifier` `=` $cache | `evictionPolicy` `=` $evict)
    attr-dict `:` qualified(type($desc)) `->` type($result)
  }];
}

def TT_DescriptorStoreOp : TT_Op<"descriptor_store"> {
  let arguments = (ins TT_TensorDescType:$desc, AnyType:$src, Variadic<I32>:$indices);
  let assemblyFormat = [{
    $desc `[` $indices `]` `,` $src attr-dict `:` qualified(type($desc)) `,` type($src)
  }];
}

def TT_DescriptorReduceOp : TT_Op<"descriptor_reduce"> {
  let arguments = (ins TT_DescriptorReduceKindAttr:$kind, TT_TensorDescType:$desc, AnyType:$src,
                       Variadic<I32>:$indices);
  let assemblyFormat = [{
    $kind `,` $desc `[` $indices `]` `,` $src attr-dict `:` qualified(type($desc)) `,` type($src)
  }];
}

def TT_DescriptorGatherOp : TT_Op<"descriptor_gather"> {
  let arguments = (ins TT_TensorDescType:$desc, AnyType:$x_offsets, AnyType:$y_offset);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $desc `[` $x_offsets `,` $y_offset `]` attr-dict `:` functional-type(operands, results)
  }];
}

def TT_DescriptorScatterOp : TT_Op<"descriptor_scatter"> {
  let arguments = (ins TT_TensorDescType:$desc, AnyType:$x_offsets, AnyType:$y_offset,
                       AnyType:$src);
  let assemblyFormat = [{
    $desc `[` $x_offsets `,` $y_offset `]` `,` $src attr-dict `:` type(operands)
  }];
}

//===----------------------------------------------------------------------===//
// Arithmetic that arith and math do not have
//===----------------------------------------------------------------------===//

def TT_FpToFpOp : TT_Op<"fp_to_fp"> {
  let arguments = (ins AnyType:$src, OptionalAttr<TT_RoundingModeAttr>:$rounding);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $src attr-dict (`,` `rounding` `=` $rounding^)? `:` type($src) `->` type($result)
  }];
}

def TT_ClampFOp : TT_Op<"clampf", [AllTypesMatch<["x", "min", "max", "result"]>]> {
  let arguments = (ins AnyType:$x, AnyType:$min, AnyType:$max,
                       TT_PropagateNanAttr:$propagateNan);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $x `,` $min `,` $max `,` `propagateNan` `=` $propagateNan attr-dict `:` type($result)
  }];
}

def TT_PreciseSqrtOp : TT_Op<"precise_sqrt", [AllTypesMatch<["x", "result"]>]> {
  let arguments = (ins AnyType:$x);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

class TT_SameTypeBinaryOp<string mnemonic>
    : TT_Op<mnemonic, [AllTypesMatch<["x", "y", "result"]>]> {
  let arguments = (ins AnyType:$x, AnyType:$y);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($x)";
}

def TT_PreciseDivFOp : TT_SameTypeBinaryOp<"precise_divf">;
def TT_MulhiUIOp : TT_SameTypeBinaryOp<"mulhiui">;

def TT_DotOp : TT_Op<"dot", [
    TypesMatchWith<"accumulator type is the result type", "d", "c", "$_self">]> {
  let arguments = (ins AnyType:$a, AnyType:$b, AnyType:$c,
    DefaultValuedAttr<TT_InputPrecisionAttr, "InputPrecision::IEEE">:$inputPrecision,
    DefaultValuedAttr<I32Attr, "0">:$maxNumImpreciseAcc);
  let results = (outs AnyType:$d);
  let assemblyFormat = [{
    $a `,` $b `,` $c (`,` `inputPrecision` `=` $inputPrecision^)? attr-dict `:`
    type($a) `*` type($b) `->` type($d)
  }];
}

def TT_DotScaledOp : TT_Op<"dot_scaled", [
    AttrSizedOperandSegments,
    TypesMatchWith<"accumulator type is the result type", "d", "c", "$_self">]> {
  let arguments = (ins AnyType:$a, AnyType:$b, AnyType:$c, Optional<AnyType>:$a_scale,
                       Optional<AnyType>:$b_scale, TT_ScaleDotElemTypeAttr:$a_elem_type,
                       TT_ScaleDotElemTypeAttr:$b_elem_type, BoolAttr:$fastMath,
                       OptionalAttr<BoolAttr>:$lhs_k_pack, OptionalAttr<BoolAttr>:$rhs_k_pack);
  let results = (outs AnyType:$d);
  let assemblyFormat = [{
    $a (`scale` $a_scale^)? `,` $b (`scale` $b_scale^)? `,` $c
    `lhs` `=` $a_elem_type `rhs` `=` $b_elem_type attr-dict
    `:` type($a) (`,` type($a_scale)^)? `*` type($b) (`,` type($b_scale)^)? `->` type($d)
  }];
}

def TT_ExternElementwiseOp : TT_Op<"extern_elementwise"> {
  let arguments = (ins Variadic<AnyType>:$srcs, StrAttr:$libname, StrAttr:$libpath,
                       StrAttr:$symbol, BoolAttr:$pure);
  let results = (outs AnyType:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, $result)";
}

// Read only so that a kernel that uses it reports it by name; nothing interprets the assembly.
def TT_ElementwiseInlineAsmOp : TT_Op<"elementwise_inline_asm"> {
  let arguments = (ins StrAttr:$asm_string, StrAttr:$constraints, BoolAttr:$pure,
                       I32Attr:$packed_element, Variadic<AnyType>:$args);
  let results = (outs Variadic<AnyType>:$result);
  let assemblyFormat = "$asm_string attr-dict ($args^ `:` type($args))? `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Region ops (printed in generic form by Triton)
//===----------------------------------------------------------------------===//

def TT_ReduceOp : TT_Op<"reduce", [SingleBlock]> {
  let arguments = (ins Variadic<AnyType>:$srcs, I32Attr:$axis);
  let results = (outs Variadic<AnyType>:$result);
  let regions = (region SizedRegion<1>:$combineOp);
}

def TT_ReduceReturnOp : TT_Op<"reduce.return", [HasParent<"ReduceOp">, ReturnLike, Terminator]> {
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "$result attr-dict `:` type($result)";
}

def TT_ScanOp : TT_Op<"scan", [SingleBlock]> {
  let arguments = (ins Variadic<AnyType>:$srcs, I32Attr:$axis, BoolAttr:$reverse);
  let results = (outs Variadic<AnyType>:$result);
  let regions = (region SizedRegion<1>:$combineOp);
}

def TT_ScanReturnOp : TT_Op<"scan.return", [HasParent<"ScanOp">, ReturnLike, Terminator]> {
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "$result attr-dict `:` type($result)";
}

def TT_MapElementwiseOp : TT_Op<"map_elementwise"> {
  let arguments = (ins Variadic<AnyType>:$srcs, I32Attr:$pack);
  let results = (outs Variadic<AnyType>:$result);
  let regions = (region AnyRegion:$scalarOp);
}

def TT_MapElementwiseReturnOp : TT_Op<"map_elementwise.return", [
    HasParent<"MapElementwiseOp">, ReturnLike, Terminator]> {
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "attr-dict ($result^ `:` type($result))?";
}

//===----------------------------------------------------------------------===//
// Debugging
//===----------------------------------------------------------------------===//

def TT_PrintOp : TT_Op<"print", [SameVariadicOperandSize]> {
  let arguments = (ins StrAttr:$prefix, BoolAttr:$hex, Variadic<AnyType>:$args,
                       DenseI32ArrayAttr:$isSigned);
  let assemblyFormat = "$prefix attr-dict (`:` $args^ `:` type($args))?";
}

def TT_AssertOp : TT_Op<"assert"> {
  let arguments = (ins AnyType:$condition, StrAttr:$message);
  let assemblyFormat = "$condition `,` $message attr-dict `:` type($condition)";
}

#endif // TLIFT_TT_OPS_TD
