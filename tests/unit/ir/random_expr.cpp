#include "random_expr.h"

namespace tlift::ir::testing {

RandomExpr::RandomExpr(Context& ctx, unsigned seed) : m_ctx(ctx), m_rng(seed) {}

Expr RandomExpr::leaf(DType want) {
    std::uniform_int_distribution<int> pick(0, 5);
    int k = pick(m_rng);
    if (want == DType::Bool) return m_ctx.boolConst(k % 2 == 0);
    if (want == DType::I32) {
        if (!m_bound.empty() && k < 2) return m_bound[static_cast<std::size_t>(k) % m_bound.size()];
        switch (k) {
        case 0: return m_ctx.var("i");
        case 1: return m_ctx.var("j");
        case 2: return m_ctx.sym("N", DType::I32);
        case 3: return m_ctx.intConst(static_cast<int>(m_rng() % 7) - 3);
        default: return m_ctx.sym("M", DType::I32);
        }
    }
    if (want == DType::F64) return k % 2 ? m_ctx.sym("d", DType::F64) : m_ctx.floatConst(0.25 * (k - 2), DType::F64);
    switch (k) {
    case 0: return m_ctx.sym("x", DType::F32);
    case 1: return m_ctx.floatConst(1.5 * (k - 1) - 0.5);
    case 2: return m_ctx.rationalConst(Rational::make(static_cast<int>(m_rng() % 5) - 2, 3));
    case 3: {
        Expr t = m_ctx.tensor("X", DType::F32, {m_ctx.sym("M", DType::I32), m_ctx.sym("N", DType::I32)});
        return m_ctx.read(t, {leaf(DType::I32), leaf(DType::I32)});
    }
    case 4: return m_ctx.floatConst(-std::numeric_limits<double>::infinity());
    default: return m_ctx.sym("eps", DType::F32);
    }
}

Expr RandomExpr::gen(int depth, DType want) {
    if (depth <= 0) return leaf(want);
    std::uniform_int_distribution<int> pick(0, 11);
    int k = pick(m_rng);
    if (want == DType::Bool) {
        static const Op cmps[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
        if (k < 6) {
            DType t = k % 2 ? DType::I32 : DType::F32;
            return m_ctx.binary(cmps[k], gen(depth - 1, t), gen(depth - 1, t));
        }
        if (k < 8) return m_ctx.binary(k == 6 ? Op::And : Op::Or, gen(depth - 1, DType::Bool), gen(depth - 1, DType::Bool));
        if (k < 9) return m_ctx.lnot(gen(depth - 1, DType::Bool));
        return leaf(want);
    }
    if (want == DType::I32) {
        static const Op ops[] = {Op::Add, Op::Sub, Op::Mul, Op::FloorDiv, Op::Mod, Op::TDiv, Op::TRem,
                                 Op::Min, Op::Max, Op::BitAnd, Op::Shl};
        if (k < 11) return m_ctx.binary(ops[k], gen(depth - 1, want), gen(depth - 1, want));
        return m_ctx.neg(gen(depth - 1, want));
    }
    if (want == DType::F64) return m_ctx.cast(gen(depth - 1, DType::F32), DType::F64);
    switch (k) {
    case 0: return m_ctx.add(gen(depth - 1, want), gen(depth - 1, want));
    case 1: return m_ctx.sub(gen(depth - 1, want), gen(depth - 1, want));
    case 2: return m_ctx.mul(gen(depth - 1, want), gen(depth - 1, want));
    case 3: return m_ctx.div(gen(depth - 1, want), gen(depth - 1, want));
    case 4: {
        static const Op fns[] = {Op::Exp, Op::Log, Op::Sqrt, Op::Tanh, Op::Erf, Op::Sigmoid, Op::Rsqrt, Op::Abs};
        return m_ctx.unary(fns[m_rng() % 8], gen(depth - 1, want));
    }
    case 5: return m_ctx.select(gen(depth - 1, DType::Bool), gen(depth - 1, want), gen(depth - 1, want));
    case 6: return m_ctx.cast(gen(depth - 1, DType::I32), DType::F32);
    case 7: {
        Expr v = m_ctx.var("k" + std::to_string(m_binder++ % 3));
        m_bound.push_back(v);
        Expr body = gen(depth - 1, want);
        Expr guard = (m_rng() % 2) ? m_ctx.trueConst() : m_ctx.lt(v, m_ctx.sym("N", DType::I32));
        m_bound.pop_back();
        auto kind = static_cast<ReduceKind>(m_rng() % 4);
        return m_ctx.reduce(kind, v, m_ctx.intConst(0), gen(depth - 1, DType::I32), guard, body);
    }
    case 8: return m_ctx.binary(m_rng() % 2 ? Op::Max : Op::Min, gen(depth - 1, want), gen(depth - 1, want));
    case 9: return m_ctx.neg(gen(depth - 1, want));
    case 10: return m_ctx.binary(Op::Pow, gen(depth - 1, want), gen(depth - 1, want));
    default: return m_ctx.named("silu", {gen(depth - 1, want)});
    }
}

} // namespace tlift::ir::testing
