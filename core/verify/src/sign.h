#pragma once
// A structural sign analysis of IR expressions: is every finite value of e positive, or
// non-negative? Used for the sign laws of sums and products (a sum of exponentials is >= 0).

#include "tlift/ir/expr.h"

namespace tlift::verify {

enum class Sign { Unknown, NonNegative, Positive };

Sign signOf(ir::Expr e);

} // namespace tlift::verify
