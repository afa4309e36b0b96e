#pragma once
// Local, sound simplification of IR expressions under the real-number semantics (floats read
// as reals, integers as integers): constant folding, identities (x + 0, x * 1, ...), selects
// with known conditions, boolean algebra, cast chains, and the polynomial normal form of
// integer arithmetic. It keeps expressions readable for the trace and canonical enough for
// comparisons; it never introduces named operators (that is the e-graph's job).

#include "tlift/ir/context.h"

#include <map>
#include <optional>

namespace tlift::ir {

struct SimplifyOptions {
    // Put integer +, -, * in polynomial normal form.
    bool normalizeIntegers = true;
    // Put float +, -, * and division by constants in polynomial normal form too (reorders
    // terms; off by default to keep the kernel's own order readable).
    bool normalizeFloats = false;
    // Known integer ranges of variables, [lo, hi): lanes, program ids, bound variables. They
    // decide divisions, remainders and comparisons: with l in [0, 16), (p * 16 + l) // 16 is p.
    std::map<const Node*, std::pair<std::int64_t, std::int64_t>> ranges;
    void setRange(Expr var, std::int64_t lo, std::int64_t hi) { ranges[var.node()] = {lo, hi}; }
};

// Bounds [lo, hi] (inclusive) of an integer expression under known variable ranges; nullopt
// when unbounded (symbols) or not an integer expression.
std::optional<std::pair<std::int64_t, std::int64_t>> integerBounds(Expr e, const SimplifyOptions& options);

Expr simplify(Context& ctx, Expr e, const SimplifyOptions& options = {});

} // namespace tlift::ir
