#pragma once
// Inference of the launch context from the kernel's own code: for every buffer the launch
// context does not bind yet, a tensor whose layout comes from the addresses the kernel uses
// (scalar parameters that multiply program ids or lanes are strides, lanes with constant
// coefficients the unit-stride dimension) and whose sizes come from the masks that bound each
// coordinate (`cols < n_cols`), or from the grid when no mask bounds it. Every such fact is
// noted as inferred, so that the summary lists it among its assumptions.

#include "tlift/symexec/launch.h"
#include "tlift/symexec/spec.h"

namespace tlift::symexec {

void inferFromSpec(ir::Context& ctx, const Spec& spec, LaunchContext& lc);

// "x_ptr" -> "x", "in_ptr" -> "in", "Out" -> "Out".
std::string tensorNameOf(const std::string& param);

} // namespace tlift::symexec
