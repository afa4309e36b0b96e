#include "sign.h"

#include "tlift/ir/dtype.h"

#include <algorithm>
#include <cmath>

namespace tlift::verify {

namespace {

Sign weaker(Sign a, Sign b) { return std::min(a, b); }
Sign stronger(Sign a, Sign b) { return std::max(a, b); }

bool hasInfinity(ir::Expr e) {
    if (e.op() == ir::Op::Const) return e.constKind() == ir::ConstKind::Float && std::isinf(e.floatValue());
    if (e.op() == ir::Op::Reduce && (e.reduceKind() == ir::ReduceKind::Max || e.reduceKind() == ir::ReduceKind::Min))
        return true;
    for (const ir::Expr& k : e.children())
        if (hasInfinity(k)) return true;
    return false;
}

} // namespace

Sign signOf(ir::Expr e) {
    using ir::Op;
    switch (e.op()) {
    case Op::Const: {
        if (e.constKind() == ir::ConstKind::Bool) return Sign::Unknown;
        double v = e.numericValue();
        return v > 0 ? Sign::Positive : v == 0 ? Sign::NonNegative : Sign::Unknown;
    }
    case Op::Exp:
    case Op::Exp2:
    case Op::Sigmoid:
        // exp(-inf) = 0: positive only when the argument is finite.
        return hasInfinity(e[0]) ? Sign::NonNegative : Sign::Positive;
    case Op::Sqrt:
    case Op::Abs: return Sign::NonNegative;
    case Op::Add: return weaker(signOf(e[0]), signOf(e[1])) == Sign::Unknown
                             ? Sign::Unknown
                             : stronger(signOf(e[0]), signOf(e[1]));
    case Op::Mul:
        if (e[0] == e[1]) return Sign::NonNegative;
        return weaker(signOf(e[0]), signOf(e[1]));
    case Op::Div: {
        Sign d = signOf(e[1]);
        if (d != Sign::Positive) return Sign::Unknown;
        return signOf(e[0]);
    }
    case Op::Pow:
        if (e[1].op() == Op::Const && e[1].constKind() != ir::ConstKind::Bool) {
            double n = e[1].numericValue();
            if (n == std::floor(n) && std::fmod(std::fabs(n), 2.0) == 0 && n > 0) return Sign::NonNegative;
            if (n == std::floor(n) && n > 0) return signOf(e[0]);
        }
        return Sign::Unknown;
    case Op::Select: return weaker(signOf(e[1]), signOf(e[2]));
    case Op::Max: return stronger(signOf(e[0]), signOf(e[1]));
    case Op::Min: return weaker(signOf(e[0]), signOf(e[1]));
    case Op::Cast:
        if (ir::isFloat(e.dtype()) && (ir::isFloat(e[0].dtype()) || ir::isInteger(e[0].dtype()))) return signOf(e[0]);
        return Sign::Unknown;
    case Op::Reduce:
        if (e.reduceKind() == ir::ReduceKind::Sum && signOf(e.body()) != Sign::Unknown) return Sign::NonNegative;
        if (e.reduceKind() == ir::ReduceKind::Prod) return signOf(e.body());
        return Sign::Unknown;
    default: return Sign::Unknown;
    }
}

} // namespace tlift::verify
