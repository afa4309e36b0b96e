// Two ops of upstream dialects that Triton 3.6 puts into TTIR, defined here as one-op dialects
// of our own so that the reader does not pay for compiling the full LLVM and GPU dialect headers
// (~40 s and ~600 MB per translation unit): `tl.assume` becomes `llvm.intr.assume %c : i1`,
// `tl.debug_barrier` becomes `gpu.barrier`. Any other op of these dialects is reported as an
// unsupported TTIR op.

#ifndef TLIFT_UPSTREAM_SUBSET_TD
#define TLIFT_UPSTREAM_SUBSET_TD

include "mlir/IR/OpBase.td"

def LLVMSubset_Dialect : Dialect {
  let name = "llvm";
  let cppNamespace = "::tlift::frontend::ttir::upstream";
  let summary = "llvm.intr.assume, and nothing else of the LLVM dialect";
}

def LLVMSubset_AssumeOp : Op<LLVMSubset_Dialect, "intr.assume"> {
  let arguments = (ins AnyType:$cond);
  let assemblyFormat = "$cond attr-dict `:` type($cond)";
}

def GPUSubset_Dialect : Dialect {
  let name = "gpu";
  let cppNamespace = "::tlift::frontend::ttir::upstream";
  let summary = "gpu.barrier, and nothing else of the GPU dialect";
}

def GPUSubset_BarrierOp : Op<GPUSubset_Dialect, "barrier"> {
  let assemblyFormat = "attr-dict";
}

#endif // TLIFT_UPSTREAM_SUBSET_TD
