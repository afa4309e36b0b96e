// True identities: proved for all sizes, or up to the bound when they need induction.
#include "verify_fixture.h"

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

TEST_CASE("true identities are proved for all sizes", "[verify][equivalence]") {
    Fixture f;
    struct Case {
        const char* lhs;
        const char* rhs;
        std::vector<std::string> assume;
    };
    const std::vector<Case> cases = {
        {"sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, k] * 1.0)", {}},
        {"exp(p) * exp(q)", "exp(p + q)", {}},
        {"sum[k in 0..N](x[i, k])", "sum[k in 0..n](x[i, k]) + sum[k in n..N](x[i, k])", {"0 <= n", "n <= N"}},
        {"max[k in 0..N](where(k < N, x[i, k], -inf))", "max[k in 0..N](x[i, k])", {}},
        // The shifted softmax is the softmax.
        {"exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))",
         "exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))", {}},
        // Linearity, constants pulled out, masks on the range dropped.
        {"sum[k in 0..N](2.0 * x[i, k] + y[i, k])", "2.0 * sum[k in 0..N](x[i, k]) + sum[k in 0..N](y[i, k])", {}},
        {"sum[k in 0..N](x[i, k] / cast(N, f32))", "sum[k in 0..N](x[i, k]) / cast(N, f32)", {}},
        {"sum[k in 0..N](where(k < N, x[i, k], 0.0))", "sum[k in 0..N](x[i, k])", {}},
        {"sum[k in 0..N | k >= 0](x[i, k] * w[k])", "sum[k in 0..N](w[k] * x[i, k])", {}},
        // The variance two ways.
        {"sum[k in 0..N]((x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)) * (x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32))) / cast(N, f32)",
         "sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) - (sum[l in 0..N](x[i, l]) / cast(N, f32)) * (sum[l in 0..N](x[i, l]) / cast(N, f32))",
         {}},
        // Peeling: a sum is its first element plus the rest.
        {"sum[k in 0..N](x[i, k])", "x[i, 0] + sum[k in 1..N](x[i, k])", {}},
        {"max[k in 0..N](x[i, k])", "max(max[k in 0..N - 1](x[i, k]), x[i, N - 1])", {"N >= 2"}},
        {"prod[k in 0..N](x[i, k])", "prod[k in 0..n](x[i, k]) * prod[k in n..N](x[i, k])", {"0 <= n", "n <= N"}},
        // A shift of the bound variable.
        {"sum[k in 1..N + 1](x[i, k - 1])", "sum[k in 0..N](x[i, k])", {}},
        {"sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, k]) + sum[k in N..N](y[i, k])", {}},
        // Logsumexp with its max taken out.
        {"max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))",
         "log(sum[k in 0..N](exp(x[i, k])))", {}},
        // Index arithmetic: Triton's offsets.
        {"x[(i * N + j) // N, (i * N + j) % N]", "x[i, j]", {}},
        {"(i * N + j) % N", "j", {}},
        {"tdiv(i * 8 + 3, 8)", "i", {}},
        // Scaled exponentials of kernels: exp2 with log2(e).
        {"exp2((x[i, j] - max[k in 0..N](x[i, k])) * 1.4426950408889634)", "exp(x[i, j] - max[k in 0..N](x[i, k]))", {}},
        // Activations.
        {"x[i, j] * sigmoid(x[i, j])", "x[i, j] / (1.0 + exp(-x[i, j]))", {}},
        {"where(x[i, j] > 0.0, x[i, j], 0.0)", "max(x[i, j], 0.0)", {}},
        {"tanh(p)", "2.0 * sigmoid(2.0 * p) - 1.0", {}},
        // Argmax: the same elements give the same index; the element there is the max.
        {"argmax[k in 0..N](x[i, k])", "argmax[k in 0..N](x[i, k] * 1.0 + 0.0)", {}},
        {"x[i, argmax[k in 0..N](x[i, k])]", "max[k in 0..N](x[i, k])", {}},
        {"argmin[k in 0..N | k < N](x[i, k]) < N", "true", {}},
        // Matmul with the reduction order written differently.
        {"sum[k in 0..K](a[i, k] * b[k, j])", "sum[k in 0..K](b[k, j] * a[i, k])", {}},
    };
    for (const Case& c : cases) CHECK(f.check(c.lhs, c.rhs, c.assume).status == Status::Proved);
}

TEST_CASE("identities that need induction are proved up to the bound", "[verify][equivalence]") {
    Fixture f;
    // Reversal of a sum: not a ground consequence of the laws, true for every N.
    Verdict v = f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, N - 1 - k])");
    CHECK(v.status == Status::ProvedUpTo);
    CHECK(v.bound == 4);
    CHECK(v.reason.find("N") != std::string::npos);
    CheckOptions o;
    o.boundK = 3;
    Verdict w = f.check("max[k in 0..N](x[i, k])", "max[k in 0..N](x[i, N - 1 - k])", {}, o);
    CHECK(w.status == Status::ProvedUpTo);
    CHECK(w.bound == 3);
}

TEST_CASE("validity of verification conditions", "[verify][equivalence]") {
    Fixture f;
    Checker checker;
    auto P = [&](const char* t) { return f.parse(t); };
    // A load in bounds (memory safety of row-major addressing).
    Verdict v = checker.prove(f.c, P("0 <= i * N + j && i * N + j < M * N"), {}, f.ranges(), "in_bounds");
    CHECK(v.status == Status::Proved);
    // A masked lane: offs = pid * 4 + l with offs < N stays inside the row.
    Verdict w = checker.prove(f.c, P("n * 4 + m < N"), {P("0 <= n"), P("0 <= m"), P("m < 4"), P("n * 4 + m < N")},
                              f.ranges(), "mask");
    CHECK(w.status == Status::Proved);
    Verdict u = checker.prove(f.c, P("i * N + j < N"), {}, f.ranges(), "out_of_row");
    CHECK(u.status == Status::Refuted);
}
