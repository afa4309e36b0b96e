#include "interval.h"

#include "tlift/ir/dtype.h"

#include <algorithm>

namespace tlift::verify {

namespace {

using I = std::optional<Interval>;
constexpr std::int64_t kLimit = std::int64_t(1) << 40; // far beyond any unrollable range

I checked(__int128 lo, __int128 hi) {
    if (lo < -kLimit || hi > kLimit || lo > hi) return std::nullopt;
    return Interval{static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

} // namespace

std::optional<Interval> intervalOf(ir::Expr e, const VarRange& varRange) {
    using ir::Op;
    if (!ir::isInteger(e.dtype()) || !e.isScalar()) return std::nullopt;
    auto kid = [&](std::size_t i) { return intervalOf(e[i], varRange); };
    switch (e.op()) {
    case Op::Const: return Interval::point(e.intValue());
    case Op::Var: return varRange(e);
    case Op::Neg: {
        I a = kid(0);
        if (!a) return a;
        return checked(-static_cast<__int128>(a->hi), -static_cast<__int128>(a->lo));
    }
    case Op::Add:
    case Op::Sub: {
        I a = kid(0), b = kid(1);
        if (!a || !b) return std::nullopt;
        if (e.op() == Op::Add) return checked(__int128(a->lo) + b->lo, __int128(a->hi) + b->hi);
        return checked(__int128(a->lo) - b->hi, __int128(a->hi) - b->lo);
    }
    case Op::Mul: {
        I a = kid(0), b = kid(1);
        if (!a || !b) return std::nullopt;
        __int128 c[4] = {__int128(a->lo) * b->lo, __int128(a->lo) * b->hi, __int128(a->hi) * b->lo,
                         __int128(a->hi) * b->hi};
        return checked(*std::min_element(c, c + 4), *std::max_element(c, c + 4));
    }
    case Op::Min:
    case Op::Max: {
        I a = kid(0), b = kid(1);
        if (!a || !b) return std::nullopt;
        if (e.op() == Op::Min) return Interval{std::min(a->lo, b->lo), std::min(a->hi, b->hi)};
        return Interval{std::max(a->lo, b->lo), std::max(a->hi, b->hi)};
    }
    case Op::FloorDiv: {
        I a = kid(0), b = kid(1);
        if (!a || !b || !b->isPoint() || b->lo <= 0) return std::nullopt;
        return Interval{floorDiv(a->lo, b->lo), floorDiv(a->hi, b->lo)};
    }
    case Op::Mod: {
        I b = kid(1);
        if (!b || !b->isPoint() || b->lo <= 0) return std::nullopt;
        return Interval{0, b->lo - 1};
    }
    case Op::Select: {
        I a = kid(1), b = kid(2);
        if (!a || !b) return std::nullopt;
        return Interval{std::min(a->lo, b->lo), std::max(a->hi, b->hi)};
    }
    case Op::Cast: {
        // An integer-to-integer cast is the identity on the values that fit the target type.
        if (!ir::isInteger(e[0].dtype())) return std::nullopt;
        I a = kid(0);
        if (!a) return a;
        int bits = std::min(ir::bitWidth(e.dtype()), 41);
        __int128 lo = ir::isSigned(e.dtype()) ? -(__int128(1) << (bits - 1)) : 0;
        __int128 hi = ir::isSigned(e.dtype()) ? (__int128(1) << (bits - 1)) - 1 : (__int128(1) << bits) - 1;
        if (a->lo < lo || a->hi > hi) return std::nullopt;
        return a;
    }
    default: return std::nullopt;
    }
}

} // namespace tlift::verify
