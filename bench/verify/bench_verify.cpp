// Query times of representative equivalences: each checked with the default strategy (symbolic
// first, bounded as the fallback) and with bounded mode alone (sizes up to 4). Prints a table
// with the verdict, the number of solver queries and the median wall time of 3 runs.
#include "tlift/ir/parser.h"
#include "tlift/verify/checker.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace tlift;
using namespace tlift::verify;
using Clock = std::chrono::steady_clock;

namespace {

struct Case {
    const char* name;
    const char* lhs;
    const char* rhs;
    std::vector<const char*> assume;
};

const std::vector<Case> kCases = {
    {"exp(a)exp(b) = exp(a+b)", "exp(p) * exp(q)", "exp(p + q)", {}},
    {"sum times 1.0", "sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, k] * 1.0)", {}},
    {"sum split at n", "sum[k in 0..N](x[i, k])", "sum[k in 0..n](x[i, k]) + sum[k in n..N](x[i, k])", {"0 <= n", "n <= N"}},
    {"max with -inf padding", "max[k in 0..N](where(k < N, x[i, k], -inf))", "max[k in 0..N](x[i, k])", {}},
    {"shifted softmax",
     "exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))",
     "exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))", {}},
    {"softmax kernel = softmax(x, 1)",
     "exp2((x[i, j] - max[k in 0..N](x[i, k])) * 1.4426950408889634) / sum[k in 0..N](exp2((x[i, k] - max[l in 0..N](x[i, l])) * 1.4426950408889634))",
     "softmax(x, 1)[i, j]", {}},
    {"variance two ways",
     "sum[k in 0..N]((x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)) * (x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32))) / cast(N, f32)",
     "sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) - (sum[l in 0..N](x[i, l]) / cast(N, f32)) * (sum[l in 0..N](x[i, l]) / cast(N, f32))",
     {}},
    {"rms_norm kernel = rms_norm",
     "x[i, j] * w[j] / sqrt(sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) + eps)", "rms_norm(x, w, eps)[i, j]",
     {"eps > 0.0"}},
    {"logsumexp with max out", "max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))",
     "logsumexp(x, 1)[i]", {}},
    {"matmul = matmul(a, b)", "sum[k in 0..K](b[k, j] * a[i, k])", "matmul(a, b)[i, j]", {}},
    {"row-major delinearization", "x[(i * N + j) // N, (i * N + j) % N]", "x[i, j]", {}},
    {"REFUTE off-by-one", "sum[k in 0..N](x[i, k])", "sum[k in 0..N - 1](x[i, k])", {}},
    {"REFUTE wrong index", "sum[k in 0..K](a[i, k] * b[k, j])", "sum[k in 0..K](a[i, k] * b[k, i])", {"M == N"}},
    {"REFUTE softmax without exp", "x[i, j] / sum[k in 0..N](x[i, k])", "softmax(x, 1)[i, j]", {}},
    {"reversal (needs induction)", "sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, N - 1 - k])", {}},
};

struct Measure {
    Verdict verdict;
    double millis = 0;
};

Measure run(const Case& c, const CheckOptions& options) {
    ir::Context ctx;
    ir::Scope s;
    ir::Expr M = ctx.sym("M", ir::DType::I32), N = ctx.sym("N", ir::DType::I32), K = ctx.sym("K", ir::DType::I32);
    for (ir::Expr e : {M, N, K}) s.declare(e);
    s.declare(ctx.tensor("x", ir::DType::F32, {M, N}));
    s.declare(ctx.tensor("w", ir::DType::F32, {N}));
    s.declare(ctx.tensor("a", ir::DType::F32, {M, K}));
    s.declare(ctx.tensor("b", ir::DType::F32, {K, N}));
    for (const char* f : {"p", "q", "eps"}) s.declare(ctx.sym(f, ir::DType::F32));
    s.declare(ctx.sym("n", ir::DType::I32));
    ir::Expr i = ctx.var("i"), j = ctx.var("j");
    s.declare(i);
    s.declare(j);
    EquivalenceQuery q;
    q.lhs = *ir::parseExpr(ctx, c.lhs, s);
    q.rhs = *ir::parseExpr(ctx, c.rhs, s);
    for (const char* a : c.assume) q.assumptions.push_back(*ir::parseExpr(ctx, a, s));
    q.ranges = {Range::between(i, ctx.intConst(0), M), Range::between(j, ctx.intConst(0), N),
                Range::atLeast(M, ctx.intConst(1)), Range::atLeast(N, ctx.intConst(1)), Range::atLeast(K, ctx.intConst(1))};
    Checker checker(options);
    auto t0 = Clock::now();
    Measure m{checker.check(ctx, q)};
    m.millis = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    return m;
}

std::string verdictText(const Verdict& v) {
    std::string s(statusName(v.status));
    if (v.status == Status::ProvedUpTo) s = "proved <= " + std::to_string(v.bound);
    return s;
}

} // namespace

int main() {
    CheckOptions symbolic;
    CheckOptions bounded;
    bounded.symbolic = false;
    std::printf("%-32s | %-14s %7s %10s | %-14s %7s %10s\n", "equivalence", "default", "queries", "ms",
                "bounded K=4", "queries", "ms");
    std::printf("%s\n", std::string(32 + 3 + 14 + 8 + 11 + 3 + 14 + 8 + 11, '-').c_str());
    int wrong = 0;
    for (const Case& c : kCases) {
        std::string cols[2];
        for (int mode = 0; mode < 2; ++mode) {
            std::vector<double> times;
            Measure last;
            for (int rep = 0; rep < 3; ++rep) {
                last = run(c, mode == 0 ? symbolic : bounded);
                times.push_back(last.millis);
            }
            std::sort(times.begin(), times.end());
            char buf[64];
            std::snprintf(buf, sizeof buf, "%-14s %7zu %10.1f", verdictText(last.verdict).c_str(),
                          last.verdict.queries.size(), times[1]);
            cols[mode] = buf;
            bool shouldRefute = std::string(c.name).rfind("REFUTE", 0) == 0;
            if (shouldRefute != (last.verdict.status == Status::Refuted)) ++wrong;
        }
        std::printf("%-32s | %s | %s\n", c.name, cols[0].c_str(), cols[1].c_str());
    }
    std::printf("\nmedian of 3 runs; default = symbolic attempt, bounded fallback; timeouts 5 s per query\n");
    return wrong == 0 ? 0 : 1;
}
