// The encoding of every IR node, checked against ir::Evaluator: the inputs are pinned to random
// concrete values, math functions to their double values, and Z3's model of the encoding must
// agree with the evaluator.
#include "verify_fixture.h"

#include "tlift/ir/eval.h"
#include "tlift/ir/printer.h"
#include "tlift/verify/probe.h"

#include <cmath>
#include <random>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

struct Inputs {
    ConcreteInputs concrete;
    ir::Env env;
};

// Random values for M = 3, N = 4, the matrices, vectors, scalars and the index variables.
Inputs randomInputs(Fixture& f, std::mt19937& rng, bool smallIntegers = false) {
    Inputs in;
    std::uniform_real_distribution<double> real(-3.0, 3.0);
    std::uniform_int_distribution<int> quarter(-12, 12);
    auto value = [&] { return smallIntegers ? quarter(rng) / 4.0 : real(rng); };
    auto setSym = [&](const char* name, ir::DType t, double v) {
        in.concrete.syms.emplace_back(f.c.sym(name, t), v);
        in.env.setSym(name, v);
    };
    setSym("M", ir::DType::I32, 3);
    setSym("N", ir::DType::I32, 4);
    setSym("K", ir::DType::I32, 2);
    setSym("p", ir::DType::F32, value());
    setSym("q", ir::DType::F32, value());
    setSym("eps", ir::DType::F32, 1e-5);
    std::uniform_int_distribution<int> smallInt(-9, 9);
    setSym("n", ir::DType::I32, smallInt(rng));
    setSym("m", ir::DType::I32, smallInt(rng));
    auto tensor = [&](const char* name, std::vector<std::int64_t> shape, std::vector<ir::Expr> dims) {
        ir::TensorValue t = ir::TensorValue::zeros(ir::DType::F32, shape);
        t.forEachIndex([&](const std::vector<std::int64_t>& idx) { t.at(idx) = value(); });
        in.concrete.tensors.emplace_back(f.c.tensor(name, ir::DType::F32, dims), t);
        in.env.setTensor(name, t);
    };
    tensor("x", {3, 4}, {f.M, f.N});
    tensor("y", {3, 4}, {f.M, f.N});
    tensor("w", {4}, {f.N});
    std::uniform_int_distribution<int> row(0, 2), col(0, 3);
    std::int64_t i = row(rng), j = col(rng);
    in.concrete.vars = {{f.i, i}, {f.j, j}};
    in.env.setVar(f.i, i);
    in.env.setVar(f.j, j);
    return in;
}

// Compares the encoding with the evaluator on `draws` random inputs.
void agree(Fixture& f, const std::string& text, int draws = 6, bool smallIntegers = false) {
    ir::Expr e = f.parse(text);
    std::mt19937 rng(1234);
    int compared = 0;
    for (int d = 0; d < draws; ++d) {
        Inputs in = randomInputs(f, rng, smallIntegers);
        ir::Evaluator ev(in.env);
        auto want = ev.scalar(e);
        if (!want || want->undef || std::isnan(want->v)) continue; // outside the domain: nothing to compare
        auto got = evaluateEncoding(f.c, e, in.concrete);
        INFO(text << " at draw " << d);
        if (!got) {
            // The probe refuses inputs at which a math function leaves its domain.
            CHECK(got.error().message.find("domain") != std::string::npos);
            continue;
        }
        ++compared;
        if (std::isinf(want->v)) {
            CHECK((want->v < 0 ? got->negInf : got->posInf));
            continue;
        }
        CHECK_FALSE(got->negInf);
        CHECK_FALSE(got->posInf);
        CHECK(got->value == Approx(want->v).epsilon(1e-9).margin(1e-12));
    }
    INFO(text);
    CHECK(compared > 0);
}

} // namespace

TEST_CASE("encoding of leaves, reads and arithmetic agrees with the evaluator", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"p", "1.5", "0.044715", "1/3 * 3.0", "x[i, j]", "w[j]", "x[i, j] + y[i, j]", "x[i, j] - p",
                          "-x[i, j]", "x[i, j] * y[i, j]", "x[i, j] / y[i, j]", "p / 3.0", "min(x[i, j], p)",
                          "max(x[i, j], q)", "abs(x[i, j])", "x[i, j] // y[i, j]", "x[i, j] % y[i, j]",
                          "tdiv(x[i, j], y[i, j])", "trem(x[i, j], y[i, j])", "x[i, j] ** 2.0", "x[i, j] ** 3.0",
                          "x[i, j] ** -2.0", "i * N + j", "i - j", "-i", "n * m", "min(n, m)", "max(n, m)", "abs(n)"})
        agree(f, t);
}

TEST_CASE("encoding of integer division and remainder on all signs", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"n // m", "n % m", "tdiv(n, m)", "trem(n, m)", "n // 4", "n % 4", "tdiv(n, 4)", "trem(n, 4)",
                          "n // -3", "n % -3", "tdiv(n, -3)", "trem(n, -3)", "-7 // 2", "-7 % 2", "tdiv(-7, 2)",
                          "trem(-7, 2)"})
        agree(f, t, 12);
}

TEST_CASE("encoding of comparisons, logic and selects", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"x[i, j] < p", "x[i, j] <= p", "x[i, j] > p", "x[i, j] >= p", "x[i, j] == x[i, j]",
                          "x[i, j] != p", "i < j", "i == j", "(i < j) == (p < q)", "(i < j) < (p < q)",
                          "i < j && p < q", "i < j || p < q", "xor(i < j, p < q)", "!(i < j)",
                          "where(p < q, x[i, j], y[i, j])", "where(i < j, i, j)", "where(p < q, p < 0.0, q < 0.0)"})
        agree(f, t, 8);
}

TEST_CASE("encoding of casts", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"cast(i, f32)", "cast(p, i32)", "cast(p * 10.0, i32)", "cast(x[i, j] * 100.0, i8)",
                          "cast(n * 40, u8)", "cast(n * 40, i8)", "cast(n * 40000, i16)", "cast(n, u32)",
                          "cast(p, f16)", "cast(p < q, f32)", "cast(p < q, i32)", "cast(n, i1)", "cast(p, i1)",
                          "cast(cast(n, i64) * 3000000000, i32)", "cast(n, i64) * 3000000000"})
        agree(f, t, 8);
}

TEST_CASE("encoding of bit operations", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"n << 3", "n >> 1", "n >> 2", "n & 7", "7 & n", "~n", "5 & 3", "5 | 3", "5 ^ 3"})
        agree(f, t, 8);
}

TEST_CASE("encoding of infinities", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"-inf", "inf", "max(p, -inf)", "min(p, -inf)", "max(-inf, -inf)", "-inf < p", "p < inf",
                          "-inf == -inf", "inf > -inf", "p + inf", "-inf * p", "p / inf", "exp(-inf)", "exp(inf)",
                          "sigmoid(-inf)", "tanh(inf)", "abs(-inf)", "-(-inf)", "where(p < q, p, -inf)",
                          "exp(p - max[k in 0..0](x[i, k]))"})
        agree(f, t, 8);
}

TEST_CASE("encoding of math functions", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"exp(p)", "exp2(p)", "log(abs(p) + 0.5)", "log2(abs(p) + 0.5)", "log1p(abs(p))", "expm1(p)",
                          "sqrt(abs(p))", "rsqrt(abs(p) + 1.0)", "erf(p)", "tanh(p)", "sigmoid(p)", "sin(p)",
                          "cos(p)", "floor(p)", "ceil(p)", "abs(p) ** 0.5", "(abs(p) + 1.0) ** q", "exp(exp(p) - 1.0)",
                          "exp2(p * 1.4426950408889634)", "log(exp(p)) * 0.6931471805599453"})
        agree(f, t, 6);
}

TEST_CASE("encoding of unrolled reductions", "[verify][encoding]") {
    Fixture f;
    for (const char* t : {"sum[k in 0..N](x[i, k])", "sum[k in 0..N | k != j](x[i, k] * w[k])",
                          "prod[k in 0..N](x[i, k])", "max[k in 0..N](x[i, k])", "min[k in 0..N](x[i, k])",
                          "argmax[k in 0..N](x[i, k])", "argmin[k in 0..N](x[i, k])", "sum[k in 0..j + 1](x[i, k])",
                          "max[k in 0..N | k < j](x[i, k])", "max[k in 0..0](x[i, k])", "min[k in 2..1](x[i, k])",
                          "sum[k in 0..0](x[i, k])", "sum[k in 0..M](sum[l in 0..N](x[k, l]))",
                          "max[k in 0..N](where(k < j, x[i, k], -inf))", "argmax[k in 0..N | k > j](x[i, k])",
                          "sum[k in 0..N](cast(k, f32))", "sum[k in 0..N](k * i)", "max[k in 0..N](k * (j - k))",
                          "exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))"})
        agree(f, t, 8);
    // Ties: the first extremum wins, as in the evaluator.
    agree(f, "argmax[k in 0..N](x[i, k])", 20, /*smallIntegers=*/true);
    agree(f, "argmin[k in 0..N](floor(x[i, k]))", 20, true);
}
