#pragma once
// Random well-typed IR expressions for property tests.
#include "tlift/ir/context.h"

#include <random>

namespace tlift::ir::testing {

class RandomExpr {
public:
    RandomExpr(Context& ctx, unsigned seed);
    Expr gen(int depth, DType want);

private:
    Expr leaf(DType want);
    Context& m_ctx;
    std::mt19937 m_rng;
    int m_binder = 0;
    std::vector<Expr> m_bound;
};

} // namespace tlift::ir::testing
