#include "tlift/ir/simplify.h"

#include "tlift/ir/poly.h"
#include "tlift/ir/subst.h"
#include "tlift/ir/tensor_value.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tlift::ir {

namespace {

bool isTrue(Expr e) { return e.op() == Op::Const && e.dtype() == DType::Bool && e.boolValue(); }
bool isFalse(Expr e) { return e.op() == Op::Const && e.dtype() == DType::Bool && !e.boolValue(); }
bool isIntConst(Expr e) { return e.op() == Op::Const && e.constKind() == ConstKind::Int; }
bool isNumConst(Expr e) {
    return e.op() == Op::Const && (e.constKind() == ConstKind::Int || e.constKind() == ConstKind::Rational ||
                                   e.constKind() == ConstKind::Float);
}

// Two's-complement wrap-around to the width of t, as the hardware computes.
std::int64_t wrap(DType t, __int128 v) {
    int bits = bitWidth(t);
    if (bits >= 64) return static_cast<std::int64_t>(static_cast<std::uint64_t>(v));
    auto u = static_cast<unsigned __int128>(v) & ((static_cast<unsigned __int128>(1) << bits) - 1);
    if (isSigned(t) && ((u >> (bits - 1)) & 1)) return static_cast<std::int64_t>(u) - (std::int64_t(1) << bits);
    return static_cast<std::int64_t>(u);
}

class Simplifier {
public:
    Simplifier(Context& ctx, const SimplifyOptions& o) : m_ctx(ctx), m_opts(o) {}

    Expr run(Expr e) {
        if (auto it = m_memo.find(e.node()); it != m_memo.end()) return it->second;
        Expr r = e;
        if (e.arity() > 0 && e.op() != Op::Tensor) {
            std::vector<Expr> kids;
            bool changed = false;
            for (const Expr& k : e.children()) {
                kids.push_back(run(k));
                changed |= kids.back() != k;
            }
            if (changed) {
                auto rebuilt = m_ctx.withChildren(e, kids);
                if (rebuilt) r = *rebuilt;
            }
            r = local(r);
        }
        m_memo.emplace(e.node(), r);
        return r;
    }

private:
    Expr local(Expr e) {
        for (int guard = 0; guard < 8; ++guard) {
            Expr next = step(e);
            if (next == e) return e;
            e = next;
            if (e.arity() == 0) return e;
        }
        return e;
    }

    Expr foldInt(Expr e) {
        DType t = e.dtype();
        __int128 a = e[0].intValue();
        __int128 b = e.arity() > 1 ? e[1].intValue() : 0;
        __int128 r = 0;
        switch (e.op()) {
        case Op::Neg: r = -a; break;
        case Op::Add: r = a + b; break;
        case Op::Sub: r = a - b; break;
        case Op::Mul: r = a * b; break;
        case Op::FloorDiv:
            if (b == 0) return e;
            r = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
            break;
        case Op::Mod:
            if (b == 0) return e;
            r = a % b;
            if (r != 0 && ((r < 0) != (b < 0))) r += b;
            break;
        case Op::TDiv:
            if (b == 0) return e;
            r = a / b;
            break;
        case Op::TRem:
            if (b == 0) return e;
            r = a % b;
            break;
        case Op::Min: r = a < b ? a : b; break;
        case Op::Max: r = a > b ? a : b; break;
        case Op::BitAnd: r = a & b; break;
        case Op::BitOr: r = a | b; break;
        case Op::BitXor: r = a ^ b; break;
        case Op::BitNot: r = ~a; break;
        case Op::Shl: if (b < 0 || b > 62) return e; r = a << static_cast<int>(b); break;
        case Op::Shr: if (b < 0 || b > 62) return e; r = a >> static_cast<int>(b); break;
        default: return e;
        }
        return m_ctx.intConst(wrap(t, r), t);
    }

    std::optional<bool> compareConsts(Op op, double a, double b) {
        switch (op) {
        case Op::Lt: return a < b;
        case Op::Le: return a <= b;
        case Op::Gt: return a > b;
        case Op::Ge: return a >= b;
        case Op::Eq: return a == b;
        case Op::Ne: return a != b;
        default: return std::nullopt;
        }
    }

    Expr step(Expr e) {
        const Op op = e.op();
        const DType t = e.dtype();
        if (!e.isScalar()) return e;
        // ---- constant folding ----
        bool allConst = e.arity() > 0;
        for (const Expr& k : e.children()) allConst = allConst && k.op() == Op::Const;
        if (allConst) {
            if (isInteger(t) && std::all_of(e.children().begin(), e.children().end(), isIntConst)) {
                Expr f = foldInt(e);
                if (f != e) return f;
            }
            if (isComparison(op) && isNumConst(e[0]) && isNumConst(e[1]))
                if (auto b = compareConsts(op, e[0].numericValue(), e[1].numericValue())) return m_ctx.boolConst(*b);
            if (t == DType::Bool) {
                switch (op) {
                case Op::And: return m_ctx.boolConst(e[0].boolValue() && e[1].boolValue());
                case Op::Or: return m_ctx.boolConst(e[0].boolValue() || e[1].boolValue());
                case Op::Xor: return m_ctx.boolConst(e[0].boolValue() != e[1].boolValue());
                case Op::Not: return m_ctx.boolConst(!e[0].boolValue());
                default: break;
                }
            }
            if (op == Op::Cast) {
                Expr c = e[0];
                if (isInteger(t) && (c.constKind() == ConstKind::Int || c.constKind() == ConstKind::Bool))
                    return m_ctx.intConst(wrap(t, c.intValue()), t);
                if (isFloat(t) && c.constKind() == ConstKind::Int) return m_ctx.floatConst(static_cast<double>(c.intValue()), t);
                if (isFloat(t) && c.constKind() == ConstKind::Rational) return m_ctx.rationalConst(c.rationalValue(), t);
                if (isFloat(t) && c.constKind() == ConstKind::Float && isFloat(c.dtype()) && t != c.dtype()) {
                    double v = c.floatValue();
                    if (roundToDType(v, t) == v) return m_ctx.floatConst(v, t);
                }
            }
            if (isFloat(t) && op == Op::Neg && e[0].constKind() == ConstKind::Float) return m_ctx.floatConst(-e[0].floatValue(), t);
            if (isFloat(t) && op == Op::Neg && e[0].constKind() == ConstKind::Rational) {
                Rational r = e[0].rationalValue();
                return m_ctx.rationalConst(Rational{-r.num, r.den}, t);
            }
            if (isFloat(t) && (op == Op::Min || op == Op::Max) && e[0].constKind() == ConstKind::Float &&
                e[1].constKind() == ConstKind::Float) {
                double a = e[0].floatValue(), b = e[1].floatValue();
                if (!std::isnan(a) && !std::isnan(b)) return op == Op::Min ? (a <= b ? e[0] : e[1]) : (a >= b ? e[0] : e[1]);
            }
        }
        // ---- identities ----
        switch (op) {
        case Op::Add:
            if (e[1].isZero() && isNumConst(e[1])) return e[0];
            if (e[0].isZero() && isNumConst(e[0])) return e[1];
            break;
        case Op::Sub:
            if (e[1].isZero() && isNumConst(e[1])) return e[0];
            if (e[0] == e[1] && isInteger(t)) return m_ctx.zero(t);
            break;
        case Op::Mul:
            if (e[1].isOne()) return e[0];
            if (e[0].isOne()) return e[1];
            if (isInteger(t) && (e[0].isZero() || e[1].isZero())) return m_ctx.zero(t);
            break;
        case Op::Div:
            if (e[1].isOne()) return e[0];
            break;
        case Op::FloorDiv:
        case Op::TDiv:
            if (isInteger(t) && e[1].isOne()) return e[0];
            break;
        case Op::Mod:
        case Op::TRem:
            if (isInteger(t) && e[1].isOne()) return m_ctx.zero(t);
            break;
        case Op::Min:
        case Op::Max:
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Neg:
            if (e[0].op() == Op::Neg) return e[0][0];
            break;
        case Op::Select:
            if (isTrue(e[0])) return e[1];
            if (isFalse(e[0])) return e[2];
            if (e[1] == e[2]) return e[1];
            if (t == DType::Bool && isTrue(e[1]) && isFalse(e[2])) return e[0];
            if (t == DType::Bool && isFalse(e[1]) && isTrue(e[2])) return m_ctx.lnot(e[0]);
            if (e[0].op() == Op::Not) return m_ctx.select(e[0][0], e[2], e[1]);
            // where(c, where(c, a, b), d) = where(c, a, d)
            if (e[1].op() == Op::Select && e[1][0] == e[0]) return m_ctx.select(e[0], e[1][1], e[2]);
            if (e[2].op() == Op::Select && e[2][0] == e[0]) return m_ctx.select(e[0], e[1], e[2][2]);
            break;
        case Op::And:
            if (isTrue(e[0])) return e[1];
            if (isTrue(e[1])) return e[0];
            if (isFalse(e[0]) || isFalse(e[1])) return m_ctx.falseConst();
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Or:
            if (isFalse(e[0])) return e[1];
            if (isFalse(e[1])) return e[0];
            if (isTrue(e[0]) || isTrue(e[1])) return m_ctx.trueConst();
            if (e[0] == e[1]) return e[0];
            break;
        case Op::Not:
            if (e[0].op() == Op::Not) return e[0][0];
            if (isComparison(e[0].op()) && isInteger(e[0][0].dtype()))
                return m_ctx.binary(negateComparison(e[0].op()), e[0][0], e[0][1]);
            break;
        case Op::Cast:
            if (e[0].dtype() == t) return e[0];
            // Widening then narrowing back is the identity; widening chains collapse.
            if (e[0].op() == Op::Cast && isInteger(t) && isInteger(e[0].dtype()) && isInteger(e[0][0].dtype())) {
                DType inner = e[0][0].dtype(), mid = e[0].dtype();
                if (bitWidth(mid) >= bitWidth(inner) && isSigned(mid) == isSigned(inner) && isSigned(t) == isSigned(inner)) {
                    if (bitWidth(t) >= bitWidth(inner)) return inner == t ? e[0][0] : m_ctx.cast(e[0][0], t);
                }
            }
            if (e[0].op() == Op::Cast && isFloat(t) && isFloat(e[0].dtype()) && isInteger(e[0][0].dtype()))
                return m_ctx.cast(e[0][0], t); // int -> f32 -> f64 keeps the integer
            break;
        default: break;
        }
        if (isComparison(op) && e[0] == e[1] && isInteger(e[0].dtype()))
            return m_ctx.boolConst(op == Op::Le || op == Op::Ge || op == Op::Eq);
        // ---- comparisons of integer polynomials that differ by a constant ----
        if (isComparison(op) && isInteger(e[0].dtype())) {
            auto a = toPoly(e[0]), b = toPoly(e[1]);
            if (a && b) {
                Poly d = *a - *b;
                if (d.isConstant()) {
                    double v = d.constantTerm().toDouble();
                    if (auto r = compareConsts(op, v, 0.0)) return m_ctx.boolConst(*r);
                }
            }
        }
        // ---- polynomial normal form ----
        bool arith = op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Neg ||
                     (op == Op::Div && m_opts.normalizeFloats);
        if (arith && ((isInteger(t) && m_opts.normalizeIntegers) || (isFloat(t) && m_opts.normalizeFloats))) {
            if (auto p = toPoly(e)) {
                if (auto n = fromPoly(m_ctx, *p, t)) return *n;
            }
        }
        return e;
    }

    Context& m_ctx;
    const SimplifyOptions& m_opts;
    std::unordered_map<const Node*, Expr> m_memo;
};

} // namespace

Expr simplify(Context& ctx, Expr e, const SimplifyOptions& options) {
    Simplifier s(ctx, options);
    return s.run(e);
}

} // namespace tlift::ir
