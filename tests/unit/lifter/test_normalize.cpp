// The top-down normalizer: each rule on a small instance, and every result checked equal to its
// input by evaluation on random values (a rule that changes the meaning fails here).
#include "tlift/ir/eval.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/synth/normalize.h"

#include <catch2/catch.hpp>

#include <random>

using namespace tlift;
using ir::Expr;

namespace {

struct Fx {
    ir::Context c;
    ir::Scope s;
    std::shared_ptr<verify::Checker> checker;
    Fx() {
        for (const char* n : {"N", "M", "B"}) s.declare(c.sym(n, ir::DType::I32));
        s.declare(c.tensor("x", ir::DType::F32, {c.sym("M", ir::DType::I32), c.sym("N", ir::DType::I32)}));
        s.declare(c.tensor("v", ir::DType::F32, {c.sym("N", ir::DType::I32)}));
        for (const char* n : {"i", "j"}) s.declare(c.var(n));
        verify::CheckOptions o;
        o.bounded = false;
        o.queryTimeout = std::chrono::milliseconds(3000);
        checker = std::make_shared<verify::Checker>(o);
    }
    Expr P(const std::string& t) {
        auto r = ir::parseExpr(c, t, s);
        INFO(t);
        REQUIRE(r);
        return *r;
    }
    // Facts: 0 <= i < M, 0 <= j < N, and the given conditions.
    synth::NormalizeResult norm(const std::string& t, std::vector<std::string> facts = {}) {
        synth::FactOracle f(c, checker);
        f.addRange(c.var("i"), c.intConst(0), c.sym("M", ir::DType::I32));
        f.addRange(c.var("j"), c.intConst(0), c.sym("N", ir::DType::I32));
        for (const std::string& x : facts) f.addFact(P(x));
        return synth::normalizeSummary(c, P(t), f);
    }
    // The input and the result agree on random inputs satisfying the facts (sizes 1..12).
    void sameValues(Expr a, Expr b, std::int64_t maxN = 12, std::int64_t minN = 1) {
        std::mt19937 rng(7);
        for (int trial = 0; trial < 40; ++trial) {
            std::int64_t M = 1 + static_cast<std::int64_t>(rng() % 4);
            std::int64_t N = minN + static_cast<std::int64_t>(rng() % static_cast<unsigned>(maxN - minN + 1));
            ir::Env env;
            env.setSym("M", static_cast<double>(M));
            env.setSym("N", static_cast<double>(N));
            env.setSym("B", 4);
            std::vector<double> xs(static_cast<std::size_t>(M * N)), vs(static_cast<std::size_t>(N));
            std::normal_distribution<double> d;
            for (double& x : xs) x = d(rng);
            for (double& x : vs) x = d(rng);
            env.setTensor("x", ir::TensorValue::fromData(ir::DType::F32, {M, N}, xs));
            env.setTensor("v", ir::TensorValue::fromData(ir::DType::F32, {N}, vs));
            env.setVar(c.var("i"), static_cast<std::int64_t>(rng() % static_cast<unsigned>(M)));
            env.setVar(c.var("j"), static_cast<std::int64_t>(rng() % static_cast<unsigned>(N)));
            ir::Evaluator ea(env), eb(env);
            auto va = ea.scalar(a), vb = eb.scalar(b);
            REQUIRE(va);
            REQUIRE(vb);
            INFO(ir::toText(a) << "  vs  " << ir::toText(b) << " with N = " << N);
            CHECK(vb->v == Approx(va->v).margin(1e-9));
        }
    }
    bool used(const synth::NormalizeResult& r, const std::string& rule) {
        for (const auto& st : r.steps)
            if (st.rule == rule) return true;
        return false;
    }
};

} // namespace

TEST_CASE("select-by-facts and masked-identity turn a masked max into a max over the row", "[lifter][normalize]") {
    Fx f;
    auto r = f.norm("max[k in 0..16](where(k < N, x[i, k], -inf))", {"N <= 16"});
    CHECK(ir::toText(r.result) == "max[k in 0..N](x[i, k])");
    CHECK(f.used(r, "masked-identity"));
    CHECK(f.used(r, "guard-to-bounds"));
    f.sameValues(f.P("max[k in 0..16](where(k < N, x[i, k], -inf))"), r.result);
    // Without the fact N <= 16 the bound stays min(16, N).
    auto r2 = f.norm("max[k in 0..16](where(k < N, x[i, k], -inf))");
    CHECK(ir::toText(r2.result) == "max[k in 0..min(16, N)](x[i, k])");
    f.sameValues(f.P("max[k in 0..16](where(k < N, x[i, k], -inf))"), r2.result, 30);
}

TEST_CASE("lanes off the mask contribute the identity of a sum of exponentials", "[lifter][normalize]") {
    Fx f;
    std::string in = "sum[k in 0..16](exp(where(k < N, x[i, k], -inf) - max[q in 0..N](x[i, q])))";
    auto r = f.norm(in, {"N <= 16"});
    CHECK(ir::toText(r.result) == "sum[k in 0..N](exp(x[i, k] - max[q in 0..N](x[i, q])))");
    f.sameValues(f.P(in), r.result);
    // A where in the domain's favour disappears.
    auto s = f.norm("where(j < N, x[i, j], -inf) + 1.0");
    CHECK(ir::toText(s.result) == "x[i, j] + 1.0");
}

TEST_CASE("tiles over a loop collapse into one range", "[lifter][normalize]") {
    Fx f;
    // Lanes outside, iterations inside, as a loop accumulating blocks of 4 lanes gives them.
    std::string in = "sum[l in 0..4](sum[t in 0..(N + 3) // 4 | l + t * 4 < N](x[i, l + t * 4]))";
    auto r = f.norm(in);
    CHECK(ir::toText(ir::canonicalizeBinders(f.c, r.result)) == ir::toText(ir::canonicalizeBinders(f.c, f.P("sum[k in 0..N](x[i, k])"))));
    CHECK(f.used(r, "tile-collapse"));
    f.sameValues(f.P(in), r.result, 30);
    // Tiles given as consecutive ranges.
    std::string in2 = "max[t in 0..(N + 3) // 4](max[q in t * 4..min(t * 4 + 4, N)](x[i, q]))";
    auto r2 = f.norm(in2);
    CHECK(ir::toText(r2.result) == "max[q in 0..N](x[i, q])");
    f.sameValues(f.P(in2), r2.result, 30);
}

TEST_CASE("prefix sums of consecutive tiles concatenate", "[lifter][normalize]") {
    Fx f;
    std::string in = "sum[k in j // 4 * 4..j + 1](x[i, k]) + sum[t in 0..j // 4](sum[q in t * 4..t * 4 + 4](x[i, q]))";
    auto r = f.norm(in);
    CHECK(ir::toText(r.result) == "sum[k in 0..j + 1](x[i, k])");
    CHECK(f.used(r, "concat-ranges"));
    f.sameValues(f.P(in), r.result, 30);
}

TEST_CASE("guards that the facts decide are dropped", "[lifter][normalize]") {
    Fx f;
    auto r = f.norm("sum[k in 0..M | j < N](x[k, j])");
    CHECK(ir::toText(r.result) == "sum[k in 0..M](x[k, j])");
    // A guard the facts do not decide stays.
    auto r2 = f.norm("sum[k in 0..M | j < B](x[k, j])");
    CHECK(ir::toText(r2.result) == "sum[k in 0..M | j < B](x[k, j])");
}

TEST_CASE("infinities fold only next to finite terms", "[lifter][normalize]") {
    ir::Context c;
    Expr ninf = c.floatConst(-INFINITY);
    Expr x = c.sym("x", ir::DType::F32);
    CHECK(ir::toText(synth::foldInfinities(c, c.exp(c.sub(ninf, x)))) == "0.0");
    CHECK(ir::toText(synth::foldInfinities(c, c.max(ninf, x))) == "x");
    // -inf - (-inf) is not -inf: left alone.
    Expr bad = c.sub(ninf, ninf);
    CHECK(synth::foldInfinities(c, bad) == bad);
    // A possibly empty max may be -inf: left alone.
    Expr k = c.var("k");
    Expr X = c.tensor("X", ir::DType::F32, {c.sym("N", ir::DType::I32)});
    Expr m = c.reduce(ir::ReduceKind::Max, k, c.intConst(0), c.sym("N", ir::DType::I32), c.read(X, {k}));
    CHECK(synth::foldInfinities(c, c.sub(ninf, m)) == c.sub(ninf, m));
}
