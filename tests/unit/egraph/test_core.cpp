// The e-graph core: hash-consing, unions, deferred rebuilding, the analyses.

#include "helpers.h"

#include "tlift/egraph/egraph.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {
Justification rule(EGraph& g, const char* name) { return Justification{Justification::Rule, g.justificationName(name)}; }
} // namespace

TEST_CASE("adding a term twice gives the same class; shared subterms are one e-node", "[egraph][core]") {
    Fixture f;
    EGraph g(f.c);
    ClassId a = g.add(f.parse("exp(x[i, j]) + exp(x[i, j])"));
    CHECK(g.add(f.parse("exp(x[i, j]) + exp(x[i, j])")) == a);
    // x, i, j, x[i, j], exp(..), + : six e-nodes, six classes.
    CHECK(g.nodeCount() == 6);
    CHECK(g.classCount() == 6);
    ClassId e = g.lookup(f.parse("exp(x[i, j])"));
    REQUIRE(e != kNoClass);
    const ENode& plus = g.node(g.eclass(a).nodes[0]);
    CHECK(plus.kids[0] == e);
    CHECK(plus.kids[1] == e);
    CHECK(g.lookup(f.parse("exp(y[i, j])")) == kNoClass);
}

TEST_CASE("union merges classes and rebuild restores congruence", "[egraph][core]") {
    Fixture f;
    EGraph g(f.c);
    ir::Expr fa = f.parse("exp(x[i, j] * 2.0)"), fb = f.parse("exp(x[i, j] + x[i, j])");
    ClassId ca = g.add(fa), cb = g.add(fb);
    CHECK(ca != cb);
    ir::Expr ta = f.parse("x[i, j] * 2.0"), tb = f.parse("x[i, j] + x[i, j]");
    CHECK(g.unionTerms(ta, tb, rule(g, "double")));
    CHECK_FALSE(g.unionTerms(ta, tb, rule(g, "double")));
    // Congruence is restored only by rebuild.
    CHECK(g.find(ca) != g.find(cb));
    CHECK_FALSE(g.clean());
    std::size_t before = g.nodeCount();
    g.rebuild();
    CHECK(g.clean());
    CHECK(g.find(ca) == g.find(cb));
    CHECK(g.counters().congruences == 1);
    // The two exp e-nodes became one after canonicalization.
    CHECK(g.nodeCount() == before - 1);
    CHECK(g.eclass(ca).nodes.size() == 1);
}

TEST_CASE("congruence propagates upwards through several levels", "[egraph][core]") {
    Fixture f;
    EGraph g(f.c);
    ClassId top1 = g.add(f.parse("log(exp(sigmoid(x[i, j])))"));
    ClassId top2 = g.add(f.parse("log(exp(sigmoid(y[i, j])))"));
    g.unionTerms(f.parse("x[i, j]"), f.parse("y[i, j]"), rule(g, "assume"));
    g.rebuild();
    CHECK(g.find(top1) == g.find(top2));
    CHECK(g.counters().congruences == 3);
}

TEST_CASE("the constant analysis folds exactly and adds the constant leaf", "[egraph][core][analysis]") {
    Fixture f;
    EGraph g(f.c);
    ClassId c = g.add(f.parse("2.0 * 3.0 + 0.5"));
    g.rebuild();
    REQUIRE(g.data(c).constant);
    CHECK(g.data(c).constant.numericValue() == 6.5);
    CHECK(g.find(c) == g.lookup(f.c.floatConst(6.5)));
    // 0.1 * 3 is not exact in doubles: not folded.
    ClassId inexact = g.add(f.parse("0.1 * 3.0"));
    g.rebuild();
    CHECK_FALSE(g.data(inexact).constant);
    // Rationals fold exactly; exp(0) is 1.
    ClassId r = g.add(f.parse("1/3 + 1/6"));
    ClassId third = g.add(f.parse("1/3 + 1/3"));
    ClassId e = g.add(f.parse("exp(0.0)"));
    g.rebuild();
    REQUIRE(g.data(r).constant);
    CHECK(g.data(r).constant.numericValue() == 0.5); // dyadic: a float
    REQUIRE(g.data(third).constant);
    CHECK(g.data(third).constant.rationalValue() == ir::Rational{2, 3});
    CHECK(g.data(e).constant.numericValue() == 1.0);
    CHECK_FALSE(g.data(g.add(f.parse("exp(1.0)"))).constant);
}

TEST_CASE("a class learns a constant through a union and its parents fold", "[egraph][core][analysis]") {
    Fixture f;
    EGraph g(f.c);
    ClassId top = g.add(f.parse("(x[i, j] - x[i, j]) * 4.0 + 1.0"));
    g.rebuild();
    CHECK_FALSE(g.data(top).constant);
    ir::Expr zero = f.c.floatConst(0.0);
    g.add(zero);
    g.unionTerms(f.parse("x[i, j] - x[i, j]"), zero, rule(g, "sub-self"));
    g.rebuild();
    REQUIRE(g.data(top).constant);
    CHECK(g.data(top).constant.numericValue() == 1.0);
    CHECK(g.counters().constantConflicts == 0);
}

TEST_CASE("free variables: a union keeps the variables every member needs", "[egraph][core][analysis]") {
    Fixture f;
    EGraph g(f.c);
    ClassId body = g.add(f.parse("x[i, k] * 0.0"));
    g.rebuild();
    ir::Expr k = f.var("k"), i = f.var("i");
    CHECK(g.hasFreeVar(body, k));
    CHECK(g.hasFreeVar(body, i));
    ClassId sum = g.add(f.parse("sum[k in 0..N](x[i, k])"));
    g.rebuild();
    CHECK(g.hasFreeVar(sum, i));
    CHECK_FALSE(g.hasFreeVar(sum, k)); // bound, not free
    g.add(f.c.floatConst(0.0));
    g.unionTerms(f.parse("x[i, k] * 0.0"), f.c.floatConst(0.0), rule(g, "mul-zero"));
    g.rebuild();
    CHECK_FALSE(g.hasFreeVar(body, k));
    CHECK_FALSE(g.hasFreeVar(body, i));
}

TEST_CASE("sign facts: exp is positive, squares are non-negative, sums of them too", "[egraph][core][analysis]") {
    Fixture f;
    EGraph g(f.c);
    ClassId e = g.add(f.parse("exp(x[i, j]) + x[i, j] * x[i, j]"));
    ClassId sq = g.lookup(f.parse("x[i, j] * x[i, j]"));
    ClassId plain = g.lookup(f.parse("x[i, j]"));
    CHECK((g.data(e).sign & kPositive) != 0);
    CHECK((g.data(sq).sign & kNonNegative) != 0);
    CHECK((g.data(sq).sign & kPositive) == 0);
    CHECK(g.data(plain).sign == 0);
}

TEST_CASE("a union of differently typed classes is refused", "[egraph][core]") {
    Fixture f;
    EGraph g(f.c);
    ir::Expr scalar = f.parse("x[i, j]"), tensor = f.parse("x"), row = f.parse("w");
    g.add(scalar);
    g.add(tensor);
    g.add(row);
    CHECK_THROWS_AS(g.unionTerms(scalar, tensor, rule(g, "bad")), EGraphError);
    CHECK_THROWS_AS(g.unionTerms(tensor, row, rule(g, "bad")), EGraphError);
    CHECK(g.classCount() == 5); // x, i, j, x[i, j], w: nothing merged
}

TEST_CASE("denotes sees through an int-to-float cast of a size", "[egraph][core]") {
    Fixture f;
    EGraph g(f.c);
    ClassId n = g.add(f.parse("cast(N, f32)"));
    CHECK(g.denotes(n, f.c.sym("N", ir::DType::I32)));
    CHECK_FALSE(g.denotes(n, f.c.sym("M", ir::DType::I32)));
    ClassId four = g.add(f.parse("4.0"));
    CHECK(g.denotes(four, f.c.intConst(4)));
}
