#include "tlift/ir/eval.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace tlift::ir;

namespace {

struct Fixture {
    Context c;
    Scope s;
    Env env;
    Fixture() {
        Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
        s.declare(M);
        s.declare(N);
        s.declare(c.tensor("x", DType::F32, {M, N}));
        s.declare(c.tensor("w", DType::F32, {N}));
        s.declare(c.sym("eps", DType::F32));
        s.declare(c.var("i"));
        s.declare(c.var("j"));
        env.setSym("M", 2);
        env.setSym("N", 3);
        env.setSym("eps", 1e-5);
        env.setTensor("x", TensorValue::fromData(DType::F32, {2, 3}, {1, 2, 3, -1, 0, 4}));
        env.setTensor("w", TensorValue::fromData(DType::F32, {3}, {0.5, 1, 2}));
        env.setVar(c.var("i"), 1);
        env.setVar(c.var("j"), 2);
    }
    Expr parse(const std::string& t) {
        auto r = parseExpr(c, t, s);
        REQUIRE(r);
        return *r;
    }
    double eval(const std::string& t, EvalMode mode = EvalMode::Real) {
        Evaluator ev(env, mode);
        auto r = ev.scalar(parse(t));
        INFO(t);
        REQUIRE(r);
        REQUIRE_FALSE(r->undef);
        return r->v;
    }
};

} // namespace

TEST_CASE("evaluation of arithmetic, math and logic", "[ir][eval]") {
    Fixture f;
    CHECK(f.eval("x[i, j] * 2") == 8);
    CHECK(f.eval("i * 10 + j") == 12);
    CHECK(f.eval("-7 // 2") == -4);
    CHECK(f.eval("-7 % 2") == 1);
    CHECK(f.eval("tdiv(-7, 2)") == -3);
    CHECK(f.eval("trem(-7, 2)") == -1);
    CHECK(f.eval("7 >> 1") == 3);
    CHECK(f.eval("5 & 3") == 1);
    CHECK(f.eval("max(x[0, 0], x[1, 0])") == 1);
    CHECK(f.eval("exp(0.0)") == 1);
    CHECK(f.eval("sigmoid(0.0)") == 0.5);
    CHECK(f.eval("rsqrt(4.0)") == 0.5);
    CHECK(f.eval("abs(-3)") == 3);
    CHECK(f.eval("2.0 ** 10.0") == 1024);
    CHECK(f.eval("where(j < N, 1.0, 2.0)") == 1);
    CHECK(f.eval("cast(j < 1, i32)") == 0);
    CHECK(f.eval("cast(300, u8)") == 44);
    CHECK(f.eval("cast(2.7, i32)") == 2);
    CHECK(f.eval("1/3 * 3.0") == Approx(1.0));
    CHECK(f.eval("silu(0.0)") == 0);
    CHECK(f.eval("gelu(1.0)") == Approx(0.8413447460685429));
}

TEST_CASE("evaluation of reductions", "[ir][eval]") {
    Fixture f;
    CHECK(f.eval("sum[k in 0..N](x[i, k])") == 3);
    CHECK(f.eval("max[k in 0..N](x[i, k])") == 4);
    CHECK(f.eval("min[k in 0..N](x[i, k])") == -1);
    CHECK(f.eval("prod[k in 0..N](x[0, k])") == 6);
    CHECK(f.eval("argmax[k in 0..N](x[0, k])") == 2);
    CHECK(f.eval("argmin[k in 0..N](x[i, k])") == 0);
    CHECK(f.eval("sum[k in 0..N | k != 1](x[i, k])") == 3);
    CHECK(f.eval("sum[k in 0..j + 1](x[0, k])") == 6); // a prefix sum
    CHECK(f.eval("sum[k in 0..0](x[0, k])") == 0);
    CHECK(std::isinf(f.eval("max[k in 0..0](x[0, k])")));
    // Softmax of row 1 at column 2.
    double e = f.eval("exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))");
    CHECK(e == Approx(std::exp(4.0) / (std::exp(-1.0) + 1 + std::exp(4.0))));
}

TEST_CASE("tensor-level evaluation agrees with index notation", "[ir][eval]") {
    Fixture f;
    Evaluator ev(f.env);
    auto sm = ev.tensor(f.parse("softmax(x, dim=1)"));
    REQUIRE(sm);
    CHECK(sm->shape == std::vector<std::int64_t>{2, 3});
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) {
            f.env.setVar(f.c.var("i"), i);
            f.env.setVar(f.c.var("j"), j);
            double want = f.eval("exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))");
            CHECK(sm->at({i, j}) == Approx(want));
        }
    auto ln = ev.tensor(f.parse("layer_norm(x, w, w, eps)"));
    REQUIRE(ln);
    double mean = 2, var = (1 + 0 + 1) / 3.0;
    CHECK(ln->at({0, 2}) == Approx((3 - mean) / std::sqrt(var + 1e-5) * 2 + 2));
    auto bc = ev.tensor(f.parse("x * w + 1.0"));
    REQUIRE(bc);
    CHECK(bc->at({1, 2}) == 9);
    auto s = ev.tensor(f.parse("sum(x, dim=1, keepdim=true)"));
    REQUIRE(s);
    CHECK(s->shape == std::vector<std::int64_t>{2, 1});
    CHECK(s->at({1, 0}) == 3);
    auto v = ev.tensor(f.parse("var(x, 1)"));
    REQUIRE(v);
    CHECK(v->at({0}) == Approx(1.0)); // unbiased variance of 1, 2, 3
    auto idx = ev.scalar(f.parse("softmax(x, dim=1)[1, 2]"));
    REQUIRE(idx);
    CHECK(idx->v == Approx(sm->at({1, 2})));
}

TEST_CASE("float mode rounds every operation", "[ir][eval]") {
    Fixture f;
    double exact = f.eval("1/3 + 1.0");
    double f32 = f.eval("1/3 + 1.0", EvalMode::Float);
    CHECK(exact != f32);
    CHECK(f32 == static_cast<double>(static_cast<float>(exact)));
    CHECK(f.eval("cast(0.1, f16)", EvalMode::Float) == Approx(0.0999755859375));
    CHECK(f.eval("cast(1.0e6, bf16)", EvalMode::Float) == 999424);
    CHECK(roundToDType(65520.0, DType::F16) == INFINITY);
}

TEST_CASE("undefined values propagate and never look like numbers", "[ir][eval]") {
    Fixture f;
    Evaluator ev(f.env);
    auto r = ev.scalar(f.parse("undef(1, f32) * 0.0 + 1.0"));
    REQUIRE(r);
    CHECK(r->undef);
    auto chosen = ev.scalar(f.parse("where(j < N, 2.0, undef(1, f32))"));
    REQUIRE(chosen);
    CHECK_FALSE(chosen->undef);
    auto red = ev.scalar(f.parse("sum[k in 0..N](where(k < 2, x[i, k], undef(2, f32)))"));
    REQUIRE(red);
    CHECK(red->undef);
}

TEST_CASE("evaluation errors are data", "[ir][eval]") {
    Fixture f;
    Evaluator ev(f.env);
    auto oob = ev.scalar(f.parse("x[i, j + 1]"));
    REQUIRE_FALSE(oob);
    CHECK(oob.error().message == "read out of bounds: x[1, 3] outside shape [2, 3]");
    auto unbound = ev.scalar(f.c.var("q"));
    REQUIRE_FALSE(unbound);
    CHECK(unbound.error().message == "no value for variable 'q'");
    auto div0 = ev.scalar(f.parse("i // (j - 2)"));
    REQUIRE_FALSE(div0);
    CHECK(div0.error().message == "integer division by zero");
    // The branch not taken is not evaluated: a guarded out-of-bounds read is fine.
    auto guarded = ev.scalar(f.parse("where(j + 1 < N, x[i, j + 1], 0.0)"));
    REQUIRE(guarded);
    CHECK(guarded->v == 0);
}

TEST_CASE("every named operator evaluates", "[ir][eval]") {
    Context c;
    Env env;
    env.setTensor("a", TensorValue::fromData(DType::F32, {2, 2}, {1, -2, 3, 0.5}));
    env.setTensor("v", TensorValue::fromData(DType::F32, {2}, {0.5, -1}));
    env.setTensor("t", TensorValue::fromData(DType::I64, {2}, {1, 0}));
    env.setTensor("b3", TensorValue::fromData(DType::F32, {1, 2, 2}, {1, 2, 3, 4}));
    Scope s;
    Expr two = c.intConst(2);
    s.declare(c.tensor("a", DType::F32, {two, two}));
    s.declare(c.tensor("v", DType::F32, {two}));
    s.declare(c.tensor("t", DType::I64, {two}));
    s.declare(c.tensor("b3", DType::F32, {c.intConst(1), two, two}));
    const char* calls[] = {
        "relu(a)", "leaky_relu(a)", "gelu(a)", "gelu_tanh(a)", "silu(a)", "softplus(a)", "clamp(a, 0.0, 1.0)",
        "silu_and_mul(a, a)", "gelu_and_mul(a, a)", "gelu_tanh_and_mul(a, a)", "sum(a, 0)", "mean(a, 1)",
        "amax(a, 1)", "amin(a, 0)", "prod(a, 1)", "logsumexp(a, 1)", "argmax(a, 1)", "argmin(a, 1)", "var(a, 1)",
        "std(a, 0)", "softmax(a, 1)", "log_softmax(a, 0)", "cumsum(a, 1)", "cumprod(a, 1)", "layer_norm(a, v, v)",
        "rms_norm(a, v)", "vector_norm(a, dim=1)", "normalize(a, dim=1)", "cosine_similarity(a, a)",
        "cross_entropy(a, t)", "matmul(a, a)", "bmm(b3, b3)", "mv(a, v)", "outer(v, v)", "linear(a, a, v)",
        "transpose(a)", "embedding(a, t)", "unsqueeze(v, 1)", "unsqueeze(a, 0)", "squeeze(unsqueeze(v, 1), 1)", "gather(a, 1, unsqueeze(t, 1))"};
    CHECK(std::size(calls) >= static_cast<std::size_t>(namedOpCount()));
    for (const char* call : calls) {
        INFO(call);
        auto e = parseExpr(c, call, s);
        REQUIRE(e);
        Evaluator ev(env);
        auto r = ev.tensor(*e);
        REQUIRE(r);
        CHECK(r->rank() == e->rank());
    }
    Evaluator ev(env);
    auto ce = ev.tensor(*parseExpr(c, "cross_entropy(a, t)", s));
    REQUIRE(ce);
    CHECK(ce->at({0}) == Approx(std::log(std::exp(1.0) + std::exp(-2.0)) + 2.0));
    auto mm = ev.tensor(*parseExpr(c, "matmul(a, a)", s));
    CHECK(mm->at({0, 1}) == Approx(1 * -2 + -2 * 0.5));
    auto us = ev.tensor(*parseExpr(c, "unsqueeze(v, 1)", s));
    REQUIRE(us);
    CHECK(us->shape == std::vector<std::int64_t>{2, 1});
    CHECK(us->at({1, 0}) == -1);
    CHECK(parseExpr(c, "unsqueeze(v, 1)", s)->shape()[1].isIntConst(1));
    CHECK_FALSE(parseExpr(c, "unsqueeze(v, 3)", s));
    CHECK_FALSE(parseExpr(c, "squeeze(a, 1)", s)); // not a size-1 dimension
    auto g = ev.tensor(*parseExpr(c, "gather(a, 1, unsqueeze(t, 1))", s));
    REQUIRE(g);
    CHECK(g->shape == std::vector<std::int64_t>{2, 1});
    CHECK(g->at({0, 0}) == -2); // a[0][t[0] = 1]
    CHECK(g->at({1, 0}) == 3);  // a[1][t[1] = 0]
}
