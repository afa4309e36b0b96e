#pragma once
// Local, sound simplification of IR expressions under the real-number semantics (floats read
// as reals, integers as integers): constant folding, identities (x + 0, x * 1, ...), selects
// with known conditions, boolean algebra, cast chains, and the polynomial normal form of
// integer arithmetic. It keeps expressions readable for the trace and canonical enough for
// comparisons; it never introduces named operators (that is the e-graph's job).

#include "tlift/ir/context.h"

namespace tlift::ir {

struct SimplifyOptions {
    // Put integer +, -, * in polynomial normal form.
    bool normalizeIntegers = true;
    // Put float +, -, * and division by constants in polynomial normal form too (reorders
    // terms; off by default to keep the kernel's own order readable).
    bool normalizeFloats = false;
};

Expr simplify(Context& ctx, Expr e, const SimplifyOptions& options = {});

} // namespace tlift::ir
