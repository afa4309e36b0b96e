// Index-level definitions of the named operators, checked against the evaluator's tensor-level
// implementation of each operator on random inputs; then used in proofs.
#include "verify_fixture.h"

#include "tlift/ir/eval.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/verify/expand_named.h"
#include "tlift/verify/prove_rule.h"

#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

struct NamedFixture : Fixture {
    ir::Env env;
    std::mt19937 rng{99};

    NamedFixture() {
        ir::Expr B = c.sym("B", ir::DType::I32);
        s.declare(B);
        s.declare(c.tensor("bt", ir::DType::F32, {N, K}));
        s.declare(c.tensor("t3", ir::DType::F32, {B, M, K}));
        s.declare(c.tensor("u3", ir::DType::F32, {B, K, N}));
        s.declare(c.tensor("target", ir::DType::I32, {M}));
        s.declare(c.tensor("idx", ir::DType::I32, {K}));
        s.declare(c.tensor("row", ir::DType::F32, {c.intConst(1), N}));
        s.declare(c.tensor("gidx", ir::DType::I32, {c.intConst(2), c.intConst(3)}));
        for (auto [name, v] : std::vector<std::pair<const char*, double>>{{"M", 3}, {"N", 4}, {"K", 2}, {"B", 2}, {"p", 0.7}, {"q", -1.3}})
            env.setSym(name, v);
        std::uniform_real_distribution<double> d(-2.0, 2.0);
        auto fill = [&](const char* name, std::vector<std::int64_t> shape) {
            ir::TensorValue t = ir::TensorValue::zeros(ir::DType::F32, shape);
            t.forEachIndex([&](const std::vector<std::int64_t>& i) { t.at(i) = d(rng); });
            env.setTensor(name, t);
        };
        fill("x", {3, 4});
        fill("y", {3, 4});
        fill("w", {4});
        fill("v", {4});
        fill("a", {3, 2});
        fill("b", {2, 4});
        fill("bt", {4, 2});
        fill("t3", {2, 3, 2});
        fill("u3", {2, 2, 4});
        fill("row", {1, 4});
        env.setTensor("target", ir::TensorValue::fromData(ir::DType::I32, {3}, {3, 0, 2}));
        env.setTensor("idx", ir::TensorValue::fromData(ir::DType::I32, {2}, {2, 0}));
        env.setTensor("gidx", ir::TensorValue::fromData(ir::DType::I32, {2, 3}, {1, 0, 2, 2, 1, 0}));
    }

    // expandAt at every element against the evaluator's tensor.
    void agrees(const std::string& text) {
        INFO(text);
        ir::Expr e = parse(text);
        ir::Evaluator ev(env);
        auto want = ev.tensor(e);
        REQUIRE(want);
        int checked = 0;
        want->forEachIndex([&](const std::vector<std::int64_t>& at) {
            std::vector<ir::Expr> idx;
            for (std::int64_t k : at) idx.push_back(c.intConst(k));
            auto x = expandAt(c, e, idx);
            REQUIRE(x);
            CHECK(x->isScalar());
            ir::Evaluator sev(env);
            auto got = sev.scalar(*x);
            INFO(ir::toText(*x));
            REQUIRE(got);
            CHECK(got->v == Approx(want->at(at)).epsilon(1e-9).margin(1e-12));
            ++checked;
        });
        CHECK(checked == want->numel());
    }
};

} // namespace

TEST_CASE("every named operator has an index-level definition that agrees with the evaluator", "[verify][named]") {
    NamedFixture f;
    const std::map<std::string, std::vector<std::string>> calls = {
        {"relu", {"relu(x)"}},
        {"leaky_relu", {"leaky_relu(x, 0.1)"}},
        {"gelu", {"gelu(x)"}},
        {"gelu_tanh", {"gelu_tanh(x)"}},
        {"silu", {"silu(x)"}},
        {"softplus", {"softplus(x, 2.0, 1.0)", "softplus(x)"}},
        {"clamp", {"clamp(x, -0.5, 0.5)"}},
        {"silu_and_mul", {"silu_and_mul(x, y)"}},
        {"gelu_and_mul", {"gelu_and_mul(x, y)"}},
        {"gelu_tanh_and_mul", {"gelu_tanh_and_mul(x, y)"}},
        {"sum", {"sum(x, 1)", "sum(x, 0, true)", "sum(x, -1)"}},
        {"mean", {"mean(x, 1)", "mean(x, 0)"}},
        {"amax", {"amax(x, 1)", "amax(x, 0, true)"}},
        {"amin", {"amin(x, 1)"}},
        {"prod", {"prod(x, 1)"}},
        {"logsumexp", {"logsumexp(x, 1)"}},
        {"argmax", {"argmax(x, 1)", "argmax(x, 0)"}},
        {"argmin", {"argmin(x, 1)"}},
        {"var", {"var(x, 1)", "var(x, 0, 0.0)"}},
        {"std", {"std(x, 1)", "std(x, 0, 0.0, true)"}},
        {"softmax", {"softmax(x, 1)", "softmax(x, 0)", "softmax(x * 2.0 - y, -1)"}},
        {"log_softmax", {"log_softmax(x, 1)"}},
        {"cumsum", {"cumsum(x, 1)", "cumsum(x, 0)"}},
        {"cumprod", {"cumprod(x, 1)"}},
        {"layer_norm", {"layer_norm(x, w, v, 1e-05)", "layer_norm(x, w, v)"}},
        {"rms_norm", {"rms_norm(x, w, 1e-06)"}},
        {"vector_norm", {"vector_norm(x, 2.0, 1)", "vector_norm(x, 1.0, 0)", "vector_norm(x, 3.0, 1, true)"}},
        {"normalize", {"normalize(x, 2.0, 1)", "normalize(x, 1.0, 0)"}},
        {"cosine_similarity", {"cosine_similarity(x, y, 1)", "cosine_similarity(x, y, 0)"}},
        {"cross_entropy", {"cross_entropy(x, target)"}},
        {"matmul", {"matmul(a, b)"}},
        {"bmm", {"bmm(t3, u3)"}},
        {"mv", {"mv(x, w)"}},
        {"outer", {"outer(w, v)"}},
        {"linear", {"linear(a, bt, w)"}},
        {"transpose", {"transpose(x, 0, 1)", "transpose(matmul(a, b), 1, 0)"}},
        {"embedding", {"embedding(x, idx)"}},
        {"unsqueeze", {"unsqueeze(w, 0)", "unsqueeze(x, -1)", "unsqueeze(w, 1) * x[0, 0]"}},
        {"squeeze", {"squeeze(row, 0)", "squeeze(unsqueeze(x, 1), 1)"}},
        {"gather", {"gather(x, 1, gidx)", "gather(x, 0, gidx)"}},
    };
    std::set<std::string> covered;
    for (int k = 0; k < ir::namedOpCount(); ++k) {
        const std::string& name = ir::namedOp(k).name;
        auto it = calls.find(name);
        INFO("named operator " << name << " has no test");
        REQUIRE(it != calls.end());
        for (const std::string& call : it->second) f.agrees(call);
        covered.insert(name);
    }
    CHECK(covered.size() == calls.size());
    // Elementwise operators on whole tensors, with broadcasting of a row and a scalar.
    f.agrees("exp(x - row) * p");
    f.agrees("where(x > y, x, y + w)");
    f.agrees("silu(x + row)");
}

TEST_CASE("scalar formulas that read tensor-level expressions are expanded", "[verify][named]") {
    NamedFixture f;
    auto e = expandNamed(f.c, f.parse("softmax(x, 1)[i, j] + silu(p)"));
    REQUIRE(e);
    std::string text = ir::toText(*e);
    CHECK(text.find("softmax") == std::string::npos);
    CHECK(text.find("silu") == std::string::npos);
    CHECK(text.find("sum[") != std::string::npos);
    // A rank mismatch is an error, not a crash.
    std::vector<ir::Expr> one = {f.c.intConst(0)};
    CHECK_FALSE(expandAt(f.c, f.parse("softmax(x, 1)"), one));
}

TEST_CASE("tensor-level formulas are verified through their expansion", "[verify][named]") {
    NamedFixture f;
    // The kernel's formula of a row softmax against the operator.
    CHECK(f.check("softmax(x, 1)[i, j]",
                  "exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))")
              .status == Status::Proved);
    CHECK(f.check("log_softmax(x, 1)[i, j]", "x[i, j] - logsumexp(x, 1)[i]").status == Status::Proved);
    CHECK(f.check("mean(x, 1)[i]", "sum(x, 1)[i] / cast(N, f32)").status == Status::Proved);
    CHECK(f.check("matmul(a, b)[i, j]", "sum[k in 0..K](a[i, k] * b[k, j])").status == Status::Proved);
    CHECK(f.check("transpose(transpose(x, 0, 1), 0, 1)[i, j]", "x[i, j]").status == Status::Proved);
    CHECK(f.check("softmax(x, 1)[i, j]", "exp(x[i, j]) / sum[k in 0..N](exp(x[i, j]))").status == Status::Refuted);
    CHECK(f.check("rms_norm(x, w, eps)[i, j]", "x[i, j] * w[j] / sqrt(sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) + eps)",
                  {"eps > 0.0"})
              .status == Status::Proved);
}

TEST_CASE("rewrite rules are checked by proveRule", "[verify][named]") {
    NamedFixture f;
    auto P = [&](const char* t) { return f.parse(t); };
    CHECK(proveRule(f.c, P("exp(p) * exp(q)"), P("exp(p + q)"), {}).status == Status::Proved);
    CHECK(proveRule(f.c, P("log(p * q)"), P("log(p) + log(q)"), {P("p > 0.0"), P("q > 0.0")}).status == Status::Proved);
    CHECK(proveRule(f.c, P("log(p * q)"), P("log(p) + log(q)"), {}).status != Status::Proved);
    CHECK(proveRule(f.c, P("softmax(x, 1)"), P("softmax(x - p, 1)"), {}).status == Status::Proved);
    CHECK(proveRule(f.c, P("sum(x, 1)"), P("sum(transpose(x, 0, 1), 0)"), {}).status == Status::Proved);
    CHECK(proveRule(f.c, P("relu(x)"), P("where(x > 0.0, x, 0.0)"), {}).status == Status::Proved);
    CHECK(proveRule(f.c, P("relu(x)"), P("abs(x)"), {}).status == Status::Refuted);
    CHECK(proveRule(f.c, P("sum(x, 1)"), P("sum(x, 0)"), {}).status == Status::Unknown); // shapes differ
}
