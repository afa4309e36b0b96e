#include "random_expr.h"
#include "tlift/ir/eval.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/poly.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace tlift::ir;

namespace {
Scope scope(Context& c) {
    Scope s;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32);
    s.declare(M);
    s.declare(N);
    s.declare(c.sym("B", DType::I32));
    s.declare(c.sym("stride", DType::I32));
    s.declare(c.tensor("x", DType::F32, {M, N}));
    s.declare(c.sym("y", DType::F32));
    for (const char* v : {"i", "j", "k", "pid", "l0"}) s.declare(c.var(v));
    return s;
}
Expr P(Context& c, const std::string& t) {
    auto r = parseExpr(c, t, scope(c));
    INFO(t);
    REQUIRE(r);
    return *r;
}
} // namespace

TEST_CASE("free variables exclude bound ones", "[ir][subst]") {
    Context c;
    Expr e = P(c, "sum[k in 0..j](x[i, k]) + cast(k, f32)");
    auto fv = freeVars(e);
    REQUIRE(fv.size() == 3);
    CHECK(fv[0].name() == "i");
    CHECK(fv[1].name() == "j");
    CHECK(fv[2].name() == "k");
    CHECK(occursFree(P(c, "sum[k in 0..N](x[i, k])"), c.var("i")));
    CHECK_FALSE(occursFree(P(c, "sum[k in 0..N](x[i, k])"), c.var("k")));
}

TEST_CASE("substitution avoids capture", "[ir][subst]") {
    Context c;
    Expr e = P(c, "sum[k in 0..N](x[i, k])");
    // Replacing i by k must not let the binder capture it.
    Expr r = substitute(c, e, c.var("i"), c.var("k"));
    CHECK(toText(r) == "sum[k1 in 0..N](x[k, k1])");
    // The bound variable itself is not replaced inside.
    CHECK(substitute(c, e, c.var("k"), c.var("j")) == e);
    // Bounds are outside the binder.
    Expr pre = P(c, "sum[k in 0..k + 1](x[i, k])");
    CHECK(toText(substitute(c, pre, c.var("k"), c.var("j"))) == "sum[k in 0..j + 1](x[i, k])");
    // Several keys at once, including a non-variable subterm.
    ExprMap m{{c.var("i"), c.var("pid")}, {c.sym("N", DType::I32), c.sym("M", DType::I32)}};
    CHECK(toText(substitute(c, e, m)) == "sum[k in 0..M](x[pid, k])");
}

TEST_CASE("alpha-equivalent expressions canonicalize to one node", "[ir][subst]") {
    Context c;
    Expr a = P(c, "sum[k in 0..N](x[i, k]) * max[k in 0..N](x[i, k])");
    Expr b = P(c, "sum[l0 in 0..N](x[i, l0]) * max[j in 0..N](x[i, j])");
    CHECK(a != b);
    CHECK(canonicalizeBinders(c, a) == canonicalizeBinders(c, b));
    Expr nested = P(c, "sum[k in 0..N](sum[j in 0..M](x[j, k]))");
    CHECK(toText(canonicalizeBinders(c, nested)) == "sum[k0 in 0..N](sum[k1 in 0..M](x[k1, k0]))");
    // A free variable named like a canonical binder is never captured.
    Scope s = scope(c);
    s.declare(c.var("k0"));
    Expr clash = *parseExpr(c, "sum[q in 0..N](x[k0, q])", s);
    Expr canon = canonicalizeBinders(c, clash);
    CHECK(occursFree(canon, c.var("k0")));
}

TEST_CASE("stable order does not depend on creation order", "[ir][subst]") {
    Context c1, c2;
    Expr a1 = c1.sym("a", DType::F32), b1 = c1.sym("b", DType::F32);
    Expr b2 = c2.sym("b", DType::F32), a2 = c2.sym("a", DType::F32);
    CHECK(stableLess(a1, b1) == stableLess(a2, b2));
    CHECK(stableLess(a1, b1) != stableLess(b1, a1));
}

TEST_CASE("integer polynomials normalize index arithmetic", "[ir][poly]") {
    Context c;
    auto norm = [&](const std::string& t) { return toText(simplify(c, P(c, t))); };
    CHECK(norm("pid * B + l0 - pid * B") == "l0");
    CHECK(norm("(pid * B + l0) * stride") == "B * pid * stride + l0 * stride");
    CHECK(norm("l0 + 0 * pid + 1 - 1") == "l0");
    CHECK(norm("2 * (i + 3) - i") == "i + 6");
    CHECK(norm("i - 3 - i") == "-3");
    CHECK(norm("i + 1 < i + 5") == "true");
    auto p = toPoly(P(c, "pid * stride + l0 * 4 + 7"));
    REQUIRE(p);
    auto split = p->splitBy(c.var("pid"));
    REQUIRE(split);
    CHECK(toText(*fromPoly(c, split->first, DType::I32)) == "stride");
    CHECK(toText(*fromPoly(c, split->second, DType::I32)) == "l0 * 4 + 7");
    CHECK_FALSE(toPoly(P(c, "i * i"))->splitBy(c.var("i")));
    CHECK(exactRational(0.375) == Rational{3, 8});
    CHECK_FALSE(exactRational(0.1));
}

TEST_CASE("simplification folds constants and identities", "[ir][simplify]") {
    Context c;
    auto s = [&](const std::string& t) { return toText(simplify(c, P(c, t))); };
    CHECK(s("y * 1.0 + 0.0") == "y");
    CHECK(s("where(1 < 2, y, -y)") == "y");
    CHECK(s("where(i < N, y, y)") == "y");
    CHECK(s("-(-y)") == "y");
    CHECK(s("!(i < N)") == "i >= N");
    CHECK(s("i < N && true") == "i < N");
    CHECK(s("i < N || true") == "true");
    CHECK(s("cast(cast(i, i64), i32)") == "i");
    CHECK(s("cast(3, f32)") == "3.0");
    CHECK(s("cast(300, i8)") == "44:i8");
    CHECK(s("7 // 2 + 7 % 2") == "4");
    CHECK(s("tdiv(-7, 2)") == "-3");
    CHECK(s("max(2.0, -inf)") == "2.0");
    CHECK(s("where(i < N, where(i < N, y, 0.0), 1.0)") == "where(i < N, y, 1.0)");
    CHECK(s("y * 0.0") == "y * 0.0"); // not folded: y may be infinite in floats
}

TEST_CASE("known ranges decide divisions, remainders and comparisons", "[ir][simplify]") {
    Context c;
    SimplifyOptions o;
    o.setRange(c.var("l0"), 0, 16);
    o.setRange(c.var("k"), 0, 8);
    auto s = [&](const std::string& t) { return toText(simplify(c, P(c, t), o)); };
    CHECK(s("(pid * 16 + l0) // 16") == "pid");
    CHECK(s("(pid * 16 + l0) % 16") == "l0");
    CHECK(s("tdiv(l0 * 8 + k, 8)") == "l0");
    CHECK(s("trem(l0 * 8 + k, 8)") == "k");
    CHECK(s("(pid * 16 + l0) // 8") == "(l0 + pid * 16) // 8"); // l0 is not below 8
    CHECK(s("l0 < 16") == "true");
    CHECK(s("l0 + 1 > 16") == "false");
    CHECK(s("k < N") == "k < N");
    CHECK(s("i // 16 * 16 + i % 16") == "i"); // recombination holds without ranges
    CHECK(s("tdiv(i, 4) * 8 + trem(i, 4) * 2") == "i * 2");
    auto b = integerBounds(P(c, "l0 * 2 + k"), o);
    REQUIRE(b);
    CHECK(b->first == 0);
    CHECK(b->second == 37);
    CHECK_FALSE(integerBounds(P(c, "l0 + N"), o));
}

TEST_CASE("simplification preserves values on random expressions", "[ir][simplify][property]") {
    Context c;
    testing::RandomExpr gen(c, 4242);
    Env env;
    env.setSym("N", 5);
    env.setSym("M", 3);
    env.setSym("x", 0.75);
    env.setSym("eps", 0.125);
    env.setSym("d", -1.5);
    env.setTensor("X", TensorValue::fromData(DType::F32, {3, 5}, {1, -2, 3, 0.5, 4, 2, 2, -1, 0, 1, 3, 1, 2, -3, 0.25}));
    env.setVar(c.var("i"), 1);
    env.setVar(c.var("j"), 2);
    int compared = 0;
    for (int n = 0; n < 800; ++n) {
        Expr e = gen.gen(1 + n % 4, n % 3 == 0 ? DType::I32 : n % 3 == 1 ? DType::Bool : DType::F32);
        Expr s = simplify(c, e);
        Evaluator ev(env);
        auto a = ev.scalar(e);
        if (!a || a->undef || std::isnan(a->v) || std::isinf(a->v)) continue;
        Evaluator ev2(env);
        auto b = ev2.scalar(s);
        INFO(toText(e) << "  ==>  " << toText(s));
        REQUIRE(b);
        if (std::fabs(a->v) > 1e12) continue;
        CHECK(b->v == Approx(a->v).epsilon(1e-9).margin(1e-9));
        ++compared;
    }
    CHECK(compared > 200);
}
