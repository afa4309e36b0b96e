// `start => goal`: each start term, in the shape kernels produce, simplifies to its textbook
// form. The extracted term must be exactly the goal (same node after canonicalizeBinders), and
// both must agree on random inputs.

#include "helpers.h"

#include "tlift/egraph/rule_set.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {

struct Goal {
    const char* start;
    const char* goal;
};

RunnerLimits goalLimits() {
    RunnerLimits l;
    l.nodeLimit = 30000;
    l.iterationLimit = 30;
    l.timeLimit = std::chrono::milliseconds(20000); // generous: the check is on the result, not the speed
    return l;
}

void checkAgree(Fixture& f, ir::Expr lhs, ir::Expr a, ir::Expr b) {
    for (unsigned seed = 1; seed <= 3; ++seed) {
        ir::Env env = egraph::testing::randomEnv(f, seed);
        auto va = egraph::testing::evalSummary(lhs, a, env);
        auto vb = egraph::testing::evalSummary(lhs.op() == ir::Op::Read ? lhs[0] : lhs, b, env);
        REQUIRE(va);
        REQUIRE(vb);
        REQUIRE(va->shape == vb->shape);
        for (std::int64_t n = 0; n < va->numel(); ++n) {
            double x = va->atLinear(n), y = vb->atLinear(n);
            INFO("element " << n << ": " << x << " vs " << y);
            CHECK(std::fabs(x - y) <= 1e-6 * std::max({1.0, std::fabs(x), std::fabs(y)}));
        }
    }
}

} // namespace

TEST_CASE("tensor-level start => goal", "[egraph][goals]") {
    const Goal goals[] = {
        {"exp2(x * 1.4426950408889634)", "exp(x)"},
        {"exp2(x * 1.44269504)", "exp(x)"},
        {"log(exp(x + y))", "x + y"},
        {"x * sigmoid(x)", "silu(x)"},
        {"x / (1.0 + exp(-x))", "silu(x)"},
        {"1.0 / (1.0 + exp(-x))", "sigmoid(x)"},
        {"max(x, 0.0)", "relu(x)"},
        {"where(x > 0.0, x, 0.0)", "relu(x)"},
        {"where(x >= 0.0, x, x * slope)", "leaky_relu(x, slope)"},
        {"0.5 * x * (1.0 + erf(x * 0.7071067811865476))", "gelu(x)"},
        {"0.5 * x * (1.0 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))", "gelu_tanh(x)"},
        {"0.5 * x * (1.0 + (2.0 * sigmoid(2.0 * (0.7978845608 * (x + 0.044715 * x * x * x))) - 1.0)) * y",
         "gelu_tanh_and_mul(x, y)"},
        {"where(x * beta > threshold, x, log(1.0 + exp(x * beta)) / beta)", "softplus(x, beta, threshold)"},
        {"min(max(x, lo), hi)", "clamp(x, lo, hi)"},
        {"x * sigmoid(x) * y", "silu_and_mul(x, y)"},
        {"exp(x - amax(x, 1, true)) / sum(exp(x - amax(x, 1, true)), 1, true)", "softmax(x, 1)"},
        {"exp2((x - amax(x, 1, true)) * (scale * 1.4426950408889634)) / "
         "sum(exp2((x - amax(x, 1, true)) * (scale * 1.4426950408889634)), 1, true)",
         "softmax(x * scale, 1)"},
        {"x - amax(x, 1, true) - log(sum(exp(x - amax(x, 1, true)), 1, true))", "log_softmax(x, 1)"},
        {"amax(x, 1, false) + log(sum(exp(x - amax(x, 1, true)), 1, false))", "logsumexp(x, 1)"},
        {"sum(x, 1) / cast(N, f32)", "mean(x, 1)"},
        {"sum((x - sum(x, 1, true) / cast(N, f32)) * (x - sum(x, 1, true) / cast(N, f32)), 1) / cast(N, f32)",
         "var(x, 1, correction=0.0)"},
        {"mean(x * x, 1) - mean(x, 1) * mean(x, 1)", "var(x, 1, correction=0.0)"},
        {"sqrt(var(x, 1))", "std(x, 1)"},
        {"(x - sum(x, 1, true) / cast(N, f32)) * rsqrt(sum((x - sum(x, 1, true) / cast(N, f32)) * "
         "(x - sum(x, 1, true) / cast(N, f32)), 1, true) / cast(N, f32) + eps) * w + b",
         "layer_norm(x, w, b, eps)"},
        {"x * rsqrt(sum(x * x, 1, true) / cast(N, f32) + eps) * w", "rms_norm(x, w, eps)"},
        {"(x - mean(x, 1, true)) / sqrt(var(x, 1, correction=0.0, keepdim=true) + eps) * w + b", "layer_norm(x, w, b, eps)"},
        {"sum(x * y, 1) / max(sqrt(sum(x * x, 1)) * sqrt(sum(y * y, 1)), eps)", "cosine_similarity(x, y, 1, eps)"},
        {"x / max(sqrt(sum(x * x, 1, true)), eps)", "normalize(x, dim=1, eps=eps)"},
        {"sum(unsqueeze(a, 2) * bm, 1)", "matmul(a, bm)"},
        {"sum(unsqueeze(a, 1) * wt, 2) + w", "linear(a, wt, w)"},
        {"sum(x * w, 1)", "mv(x, w)"},
        {"sum(unsqueeze(t3, 3) * unsqueeze(u3, 1), 2)", "bmm(t3, u3)"},
        {"unsqueeze(v, 1) * w", "outer(v, w)"},
    };
    const RuleSet& rules = RuleSet::builtin();
    for (const Goal& g : goals) {
        Fixture f;
        ir::Expr start = f.parse(g.start), goal = f.parse(g.goal);
        SimplifyResult r = simplifyTerm(f.c, start, rules, goalLimits());
        INFO(g.start << "  =>  " << g.goal << "\ngot " << ir::toText(r.rhs) << " (" << util::stopReasonName(r.stop)
                     << ", " << r.iterations.size() << " iterations, " << r.graph->nodeCount() << " nodes)\n"
                     << r.explanation.text());
        CHECK(r.rhs == goal);
        checkAgree(f, start, start, r.rhs);
    }
}

TEST_CASE("index-level summaries => tensor-level goals", "[egraph][goals][deindex]") {
    const Goal goals[] = {
        {"out[i, j] = exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))",
         "softmax(x, 1)"},
        {"out[i, j] = exp2((x[i, j] - max[k in 0..N](x[i, k])) * 1.4426950408889634) / "
         "sum[k in 0..N](exp2((x[i, k] - max[l in 0..N](x[i, l])) * 1.4426950408889634))",
         "softmax(x, 1)"},
        {"out[i, j] = x[i, j] - max[k in 0..N](x[i, k]) - log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))",
         "log_softmax(x, 1)"},
        {"out1[i] = max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))",
         "logsumexp(x, 1)"},
        {"out1[i] = sum[k in 0..N](x[i, k]) / cast(N, f32)", "mean(x, 1)"},
        {"out1[i] = sum[k in 0..N](x[i, k])", "sum(x, 1)"},
        {"outn[j] = sum[k in 0..M](x[k, j])", "sum(x, 0)"},
        {"out1[i] = max[k in 0..N](x[i, k])", "amax(x, 1)"},
        {"outi[i] = argmax[k in 0..N](x[i, k])", "cast(argmax(x, 1), i32)"},
        {"out1[i] = sum[k in 0..N]((x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)) * "
         "(x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32))) / cast(N - 1, f32)",
         "var(x, 1)"},
        {"out[i, j] = (x[i, j] - sum[k in 0..N](x[i, k]) / cast(N, f32)) * rsqrt(sum[k in 0..N]((x[i, k] - "
         "sum[l in 0..N](x[i, l]) / cast(N, f32)) * (x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32))) / "
         "cast(N, f32) + eps) * w[j] + b[j]",
         "layer_norm(x, w, b, eps)"},
        {"out[i, j] = x[i, j] * rsqrt(sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) + eps) * w[j]",
         "rms_norm(x, w, eps)"},
        {"out[i, j] = (x[i, j] + r[i, j]) * rsqrt(sum[k in 0..N]((x[i, k] + r[i, k]) * (x[i, k] + r[i, k])) / "
         "cast(N, f32) + eps) * w[j]",
         "rms_norm(x + r, w, eps)"},
        {"out[i, j] = x[i, j] / max(sqrt(sum[k in 0..N](x[i, k] * x[i, k])), eps)", "normalize(x, dim=1, eps=eps)"},
        {"out[i, j] = sum[k in 0..K](a[i, k] * bm[k, j])", "matmul(a, bm)"},
        {"out[i, j] = sum[k in 0..K](a[i, k] * wt[j, k]) + w[j]", "linear(a, wt, w)"},
        {"out1[i] = sum[k in 0..N](x[i, k] * w[k])", "mv(x, w)"},
        {"out3[l, i, j] = sum[k in 0..K](t3[l, i, k] * u3[l, k, j])", "bmm(t3, u3)"},
        {"out[i, j] = v[i] * w[j]", "outer(v, w)"},
        {"out[i, j] = x[i, j] * v[i]", "x * unsqueeze(v, 1)"},
        {"out[i, j] = x[i, j] + w[j]", "x + w"},
        {"out[i, j] = sum[k in 0..j + 1](x[i, k])", "cumsum(x, 1)"},
        {"out[i, j] = xt[j, i]", "transpose(xt, 0, 1)"},
        {"out[i, j] = emb[ids[i], j]", "embedding(emb, ids)"},
        {"out1[i] = max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))) - x[i, tgt[i]]",
         "cross_entropy(x, tgt)"},
        {"out[i, j] = where(x[i, j] > 0.0, x[i, j], 0.0)", "relu(x)"},
        {"out[i, j] = 0.5 * x[i, j] * (1.0 + erf(x[i, j] * 0.7071067811865476))", "gelu(x)"},
        // No tensor form as written (x[i, i]); the index-level rules remove it, then it de-indexes.
        {"out1[i] = v[i] + 0.0 * x[i, i]", "v"},
        {"out[i, j] = relu(sum[k in 0..K](cast(h16[i, k], f32) * cast(g16[k, j], f32)) + w[j])",
         "relu(matmul(cast(h16, f32), cast(g16, f32)) + w)"},
    };
    const RuleSet& rules = RuleSet::builtin();
    for (const Goal& g : goals) {
        Fixture f;
        ir::Equation eq = f.equation(g.start);
        ir::Expr goal = f.parse(g.goal);
        SimplifyResult r = simplifySummary(f.c, eq.lhs, eq.rhs, rules, goalLimits());
        INFO(g.start << "  =>  " << g.goal << "\ngot " << r.summaryText() << " (" << util::stopReasonName(r.stop)
                     << ", " << r.iterations.size() << " iterations, " << r.graph->nodeCount() << " nodes) "
                     << r.indexReason << "\n"
                     << r.explanation.text());
        CHECK(r.tensorLevel);
        CHECK(r.rhs == goal);
        if (r.tensorLevel) checkAgree(f, eq.lhs, eq.rhs, r.rhs);
    }
}

TEST_CASE("formulas without a tensor form stay index-level, still simplified", "[egraph][goals][deindex]") {
    const Goal goals[] = {
        {"out1[i] = exp2(v[2 * i] * 1.4426950408889634)", "exp(v[2 * i])"},
        {"out1[i] = x[i, 0] * 1.0", "x[i, 0]"},
        {"outn[j] = x[0, j] + x[1, j]", "x[0, j] + x[1, j]"},
    };
    const RuleSet& rules = RuleSet::builtin();
    for (const Goal& g : goals) {
        Fixture f;
        ir::Equation eq = f.equation(g.start);
        ir::Expr goal = f.parse(g.goal);
        SimplifyResult r = simplifySummary(f.c, eq.lhs, eq.rhs, rules, goalLimits());
        INFO(g.start << "\ngot " << r.summaryText() << " " << r.indexReason);
        CHECK_FALSE(r.tensorLevel);
        CHECK_FALSE(r.indexReason.empty());
        CHECK(r.lhs == eq.lhs);
        CHECK(r.rhs == goal);
    }
}
