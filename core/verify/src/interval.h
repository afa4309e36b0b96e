#pragma once
// Integer intervals of IR index expressions, for unrolling a reduction whose bounds depend on
// variables of known range (a prefix sum `sum[k in 0..j+1]` with 0 <= j < N, N = 4).

#include "tlift/ir/expr.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace tlift::verify {

struct Interval {
    std::int64_t lo = 0; // inclusive
    std::int64_t hi = 0; // inclusive
    static Interval point(std::int64_t v) { return {v, v}; }
    bool isPoint() const { return lo == hi; }
};

using VarRange = std::function<std::optional<Interval>(ir::Expr var)>;

// The interval of an integer expression, or nullopt when it is unbounded or not understood.
std::optional<Interval> intervalOf(ir::Expr e, const VarRange& varRange);

} // namespace tlift::verify
