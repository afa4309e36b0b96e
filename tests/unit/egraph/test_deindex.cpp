// De-indexing: the tensor form equals the index form on random tensors, element by element;
// formulas without a tensor form are refused with a reason.

#include "helpers.h"

#include "tlift/egraph/deindex.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {

void checkEqualOnRandom(Fixture& f, const ir::Equation& eq, ir::Expr t) {
    for (unsigned seed = 1; seed <= 4; ++seed) {
        ir::Env env = egraph::testing::randomEnv(f, seed);
        auto idx = egraph::testing::evalSummary(eq.lhs, eq.rhs, env);
        auto ten = egraph::testing::evalSummary(eq.lhs[0], t, env);
        REQUIRE(idx);
        INFO((ten ? "" : ten.error().message));
        REQUIRE(ten);
        REQUIRE(idx->shape == ten->shape);
        for (std::int64_t n = 0; n < idx->numel(); ++n) {
            double a = idx->atLinear(n), b = ten->atLinear(n);
            INFO("element " << n << ": " << a << " vs " << b);
            CHECK(std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a)));
        }
    }
}

} // namespace

TEST_CASE("de-indexing gives an equal tensor-level term", "[egraph][deindex]") {
    struct Case {
        const char* eq;
        const char* expect; // the tensor form, or "" to check values only
    };
    const Case cases[] = {
        {"out[i, j] = x[i, j] + y[i, j]", "x + y"},
        {"out[i, j] = x[i, j] * w[j] + v[i]", "x * w + unsqueeze(v, 1)"},
        {"out[i, j] = xt[j, i] * 2.0", "transpose(xt, 0, 1) * 2.0"},
        {"out[i, j] = exp(x[i, j] - max[k in 0..N](x[i, k]))", "exp(x - amax(x, 1, true))"},
        {"out1[i] = sum[k in 0..N](x[i, k] * y[i, k])", "sum(x * y, 1)"},
        {"outn[j] = min[k in 0..M](x[k, j])", "amin(x, 0)"},
        {"out1[i] = prod[k in 0..N](x[i, k])", "prod(x, 1)"},
        {"outi[i] = argmin[k in 0..N](x[i, k])", "cast(argmin(x, 1), i32)"},
        {"out[i, j] = sum[k in 0..j + 1](x[i, k] * 2.0)", "cumsum(x * 2.0, 1)"},
        {"out[i, j] = sum[k in 0..N | k <= j](x[i, k])", "cumsum(x, 1)"},
        {"out[i, j] = prod[k in 0..j + 1](x[i, k])", "cumprod(x, 1)"},
        {"out1[i] = sum[k in 0..N | x[i, k] > 0.0](x[i, k])", "sum(where(x > 0.0, x, 0.0), 1)"},
        {"out[i, j] = sum[k in 0..K](a[i, k] * bm[k, j])", "sum(unsqueeze(a, 2) * bm, 1)"},
        {"out[i, j] = sum[k in 0..K](a[i, k] * wt[j, k])", "sum(unsqueeze(a, 1) * wt, 2)"},
        {"out3[l, i, j] = sum[k in 0..K](t3[l, i, k] * u3[l, k, j])", "sum(unsqueeze(t3, 3) * unsqueeze(u3, 1), 2)"},
        {"out[i, j] = emb[ids[i], j]", "embedding(emb, ids)"},
        {"out1[i] = x[i, tgt[i]] * 2.0", "squeeze(gather(x, 1, unsqueeze(tgt, 1)), 1) * 2.0"},
        {"out[i, j] = sum[k in 0..K](cast(h16[i, k], f32) * cast(g16[k, j], f32))",
         "sum(unsqueeze(cast(h16, f32), 2) * cast(g16, f32), 1)"},
        {"out1[i] = sum[k in 0..N]((x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)) * "
         "(x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)))",
         ""},
        {"out[i, j] = x[i, j] + sum[k in 0..N](p)", ""},
        {"out[i, j] = sum[k in 0..K](x[i, j])", "cast(max(K, 0), f32) * x"},
        {"out[i, j] = sum[k in 0..K](x[i, j] * v[i])", ""},
        {"out[i, j] = x[i, j] * sum[k in 0..M](sum[l in 0..N](x[k, l]))", ""},
        {"out[i, j] = x[i, j] / sum[k in 0..M](x[k, j])", "x / sum(x, 0, true)"},
        {"out1[i] = max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))",
         "amax(x, 1) + log(sum(exp(x - amax(x, 1, true)), 1))"},
    };
    for (const Case& c : cases) {
        Fixture f;
        ir::Equation eq = f.equation(c.eq);
        ir::Expr rhs = ir::canonicalizeBinders(f.c, eq.rhs);
        auto t = deindexSummary(f.c, eq.lhs, rhs);
        INFO(c.eq << "\n" << (t ? ir::toText(*t) : t.error().message));
        REQUIRE(t);
        CHECK(t->rank() == eq.lhs.arity() - 1);
        if (*c.expect) CHECK(*t == f.parse(c.expect));
        checkEqualOnRandom(f, eq, *t);
    }
}

TEST_CASE("de-indexing refuses formulas without a tensor form", "[egraph][deindex]") {
    struct Case {
        const char* eq;
        const char* reason;
    };
    const Case cases[] = {
        {"out1[i] = v[2 * i]", "index 2 * i is not an output coordinate"},
        {"out1[i] = x[i, i]", "indexes two dimensions"},
        {"out1[i] = x[tgt[i], tgt[i]]", "unsupported gather"},
        {"out1[i] = x[i, 0]", "index 0 is not an output coordinate"},
        {"out[i, j] = cast(i, f32)", "coordinate 'i' used as a value"},
        {"out[i, j] = x[i, j + 1]", "not an output coordinate"},
        {"out[i, j] = v[i]", "does not depend on coordinate 'j'"},
        {"out1[i] = sum[k in 1..N](x[i, k])", "not from 0"},
        {"out1[i] = sum[k in 0..K](x[i, k])", "dimension 1 of x is N, not the range K of k"},
        {"out[i, j] = x[j, i]", "dimension 0 of x is M, not the range N of j"},
        {"out1[i] = sum[k in 0..i](x[i, k])", "is not c + 1 for a coordinate"},
        {"out[i, j] = max[k in 0..N | k < j](x[i, k])", "used as a value"},
    };
    for (const Case& c : cases) {
        Fixture f;
        ir::Equation eq = f.equation(c.eq);
        auto t = deindexSummary(f.c, eq.lhs, ir::canonicalizeBinders(f.c, eq.rhs));
        INFO(c.eq << (t ? " gave " + ir::toText(*t) : ""));
        REQUIRE_FALSE(t);
        CHECK_THAT(t.error().message, Catch::Contains(c.reason));
    }
}

TEST_CASE("random elementwise formulas de-index exactly", "[egraph][deindex]") {
    // Products of reads in every layout over a 3-D output, with reductions over each position.
    const char* reads[] = {"x3[l, i, j]", "x[i, j]", "w[j]", "v[i]", "xt[j, i]"};
    const char* ops[] = {" + ", " * ", " - "};
    std::mt19937 rng(11);
    Fixture f;
    for (int n = 0; n < 60; ++n) {
        std::string body = "x3[l, i, j]";
        for (int t = 0; t < 3; ++t) body += std::string(ops[rng() % 3]) + reads[rng() % 5];
        std::string text = "out3[l, i, j] = " + body;
        if (n % 3 == 1) text = "out3[l, i, j] = x3[l, i, j] * sum[k in 0..N](" + std::string(reads[rng() % 5]) + " * x[i, k])";
        if (n % 3 == 2) text = "out3[l, i, j] = x3[l, i, j] + max[k in 0..M](x[k, j] - " + std::string(reads[rng() % 5]) + ")";
        ir::Equation eq = f.equation(text);
        auto t = deindexSummary(f.c, eq.lhs, ir::canonicalizeBinders(f.c, eq.rhs));
        INFO(text << "\n" << (t ? ir::toText(*t) : t.error().message));
        REQUIRE(t);
        checkEqualOnRandom(f, eq, *t);
    }
}
