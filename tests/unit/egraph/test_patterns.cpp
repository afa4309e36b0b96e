// Patterns, rule files and e-matching.

#include "helpers.h"

#include "tlift/egraph/rule_set.h"
#include "tlift/ir/printer.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

TEST_CASE("patterns parse and print back", "[egraph][patterns]") {
    std::vector<std::string> vars;
    int hidden = 100;
    const char* texts[] = {"(+ ?a 0)", "(/ (exp (- ?x (amax ?x ?d true))) (sum (exp (- ?x (amax ?x ?d true))) ?d true))",
                           "(reduce:sum ?k ?lo ?hi ?g (* ?c ?f))", "(cast:f32 (- ?n 1))", "(where (> ?x 0) ?x 0.5)",
                           "(read ?t ?i ?j)", "(* 1/2 ?x)", "(+ ?x 2:i64)", "(neg ?x)", "(exp2 (* ?x 1.4426950408889634))"};
    for (const char* t : texts) {
        auto p = parsePattern(t, vars, &hidden, "t:1:1");
        INFO(t);
        REQUIRE(p);
        CHECK(p->text(vars) == t);
    }
    // A reduction without a guard gets `true`.
    auto r = parsePattern("(reduce:max ?k 0 ?n ?b)", vars, nullptr, "t:1:1");
    REQUIRE(r);
    CHECK(r->text(vars) == "(reduce:max ?k 0 ?n true ?b)");
}

TEST_CASE("pattern errors say where", "[egraph][patterns]") {
    struct Bad {
        const char* text;
        const char* message;
    };
    const Bad bad[] = {
        {"(frobnicate ?x)", "t:3:6: unknown operator 'frobnicate'"},
        {"(+ ?x)", "'+' takes 2 operands, got 1"},
        {"(+ ?x ?y", "unexpected end of the pattern"},
        {"(softmax ?x)", "'softmax' takes 2 operands"},
        {"(reduce:sum 0 ?lo ?hi ?b)", "the bound variable of a reduction must be a ?variable"},
        {"(+ ?x 1:q32)", "unknown type in literal"},
        {"(+ ?x abc)", "expected a ?variable, a number"},
        {"(+ ?x ?y) ?z", "unexpected '?z' after the pattern"},
    };
    for (const Bad& b : bad) {
        std::vector<std::string> vars;
        auto p = parsePattern(b.text, vars, nullptr, "t:3:5");
        INFO(b.text);
        REQUIRE_FALSE(p);
        CHECK_THAT(p.error().message, Catch::Contains(b.message));
    }
}

TEST_CASE("rule files: names, arrows, conditions, continuations, comments", "[egraph][patterns]") {
    const char* text = R"(# comment line
one: (+ ?a 0) => ?a
two: (exp (log ?a)) => ?a if (positive ?a)   # trailing comment
both: (* ?a (+ ?b ?c)) <=> (+ (* ?a ?b) (* ?a ?c))
long: (reduce:sum ?k ?lo ?hi ?g (* ?c ?f))
    => (* ?c (reduce:sum ?k ?lo ?hi ?g ?f))
    if (not-free ?k ?c)
)";
    auto set = RuleSet::parse(text, "test.rules", "test");
    REQUIRE(set);
    REQUIRE(set->rules().size() == 5);
    CHECK(set->find("both-rev"));
    CHECK(set->find("two")->conditions.size() == 1);
    CHECK(set->find("long")->conditions[0].name == "not-free");
    CHECK(set->find("long")->source == "test.rules:5");
    CHECK(set->find("one")->family == "test");
    CHECK(set->find("both-rev")->text() == "both-rev: (+ (* ?a ?b) (* ?a ?c)) => (* ?a (+ ?b ?c))");
    // Every rule prints in the file syntax and parses back to the same text.
    for (const Rule& r : set->rules()) {
        auto again = RuleSet::parse(r.text(), "again", "x");
        REQUIRE(again);
        CHECK(again->rules()[0].text() == r.text());
    }
}

TEST_CASE("rule file errors give file:line:col", "[egraph][patterns]") {
    struct Bad {
        const char* text;
        const char* message;
    };
    const Bad bad[] = {
        {"a: (+ ?x 0) => ?y", "f.rules:1:16: variable ?y of the right side does not occur on the left side"},
        {"\n\nb: ?x => (+ ?x 0)", "f.rules:3:4: the left side must be an operator application"},
        {"c: (+ ?x 0) ?x", "f.rules:1:4: expected '=>' or '<=>'"},
        {"d: (+ ?x 0) => ?x if (shiny ?x)", "f.rules:1:23: unknown condition 'shiny'"},
        {"e: (+ ?x 0) => ?x if (approx ?x ?x)", "expected a number here"},
        {"f: (+ ?x 0) => ?x if (nonzero ?x ?x)", "'nonzero' takes 1 arguments"},
        {"(+ ?x 0) => ?x", "expected 'name: (lhs) => (rhs)'"},
        {"g: (+ ?x 0) => ?x\ng: (+ 0 ?x) => ?x", "duplicate rule name 'g'"},
        {"h: (+ ?x 0) => ?x if (not-free ?k ?x)", "variable ?k of a condition does not occur on the left side"},
        {"i: (+ ?x 0) => (bogus ?x)", "f.rules:1:17: unknown operator 'bogus'"},
    };
    for (const Bad& b : bad) {
        auto set = RuleSet::parse(b.text, "f.rules", "f");
        INFO(b.text);
        REQUIRE_FALSE(set);
        CHECK_THAT(set.error().message, Catch::Contains(b.message));
    }
}

TEST_CASE("the embedded rule files parse; families and counts", "[egraph][patterns]") {
    auto set = RuleSet::parseBuiltin();
    INFO((set ? "" : set.error().message));
    REQUIRE(set);
    auto files = RuleSet::embeddedFiles();
    CHECK(files.size() >= 6);
    auto counts = set->countByFamily();
    for (const char* family : {"algebra", "exp_log", "activations", "reduce", "norms", "linalg"}) {
        INFO(family);
        CHECK(counts[family] > 0);
    }
    CHECK(set->size() == RuleSet::builtin().size());
    CHECK(set->only({"norms"}).rules().size() == counts["norms"]);
    CHECK(set->without({"add-comm"}).rules().size() == set->rules().size() - 1);
    // The same text is in resources/rules/ (the build embeds the checked-in files).
    for (const auto& [name, text] : files) {
        std::string onDisk;
        REQUIRE(util::readFile(std::string(TLIFT_SOURCE_DIR) + "/resources/rules/" + name, onDisk));
        CHECK(onDisk == text);
    }
}

TEST_CASE("e-matching binds variables consistently and reads constants", "[egraph][patterns]") {
    Fixture f;
    EGraph g(f.c);
    ClassId sq = g.add(f.parse("x[i, j] * x[i, j]"));
    ClassId mixed = g.add(f.parse("x[i, j] * y[i, j]"));
    ClassId half = g.add(f.parse("y[i, j] * 0.5"));
    ClassId rat = g.add(f.parse("y[i, j] * (1/2)"));
    g.rebuild();
    std::vector<std::string> vars;
    int hidden = 0;
    auto same = parsePattern("(* ?a ?a)", vars, nullptr, "t");
    REQUIRE(same);
    auto count = [&](const Pattern& p, ClassId c, std::size_t slots) {
        std::size_t n = 0;
        Matcher(g, p, slots).match(c, [&](const Subst&) {
            ++n;
            return true;
        });
        return n;
    };
    CHECK(count(*same, sq, 1) == 1);
    CHECK(count(*same, mixed, 1) == 0);
    std::vector<std::string> v2;
    auto byHalf = parsePattern("(* ?a 0.5)", v2, &hidden, "t");
    REQUIRE(byHalf);
    // 0.5 matches the float 0.5 and the exact rational 1/2.
    CHECK(count(*byHalf, half, 1 + static_cast<std::size_t>(hidden)) == 1);
    CHECK(count(*byHalf, rat, 1 + static_cast<std::size_t>(hidden)) == 1);
    CHECK(count(*byHalf, mixed, 1 + static_cast<std::size_t>(hidden)) == 0);
}

TEST_CASE("conditions on classes: not-free, sizes, shapes, signs", "[egraph][patterns]") {
    Fixture f;
    auto set = RuleSet::parse(R"(
pull: (reduce:sum ?k ?lo ?hi ?g (* ?c ?f)) => (* ?c (reduce:sum ?k ?lo ?hi ?g ?f)) if (not-free ?k ?c)
mean: (/ (sum ?x ?d ?keep) ?n) => (mean ?x ?d ?keep) if (dim-size ?n ?x ?d)
)",
                              "c.rules", "c");
    REQUIRE(set);
    EGraph g(f.c);
    ClassId ok = g.add(f.parse("sum[k in 0..N](x[i, j] * x[i, k])"));
    ClassId bad = g.add(f.parse("sum[k in 0..N](x[i, k] * x[i, k])"));
    ClassId mean = g.add(f.parse("sum(x, 1) / cast(N, f32)"));
    ClassId notMean = g.add(f.parse("sum(x, 1) / cast(M, f32)"));
    RunnerLimits limits;
    limits.iterationLimit = 1;
    Runner(g, *set, limits).run();
    CHECK(g.find(ok) == g.lookup(f.parse("x[i, j] * sum[k in 0..N](x[i, k])")));
    CHECK(g.lookup(f.parse("x[i, k] * sum[k in 0..N](x[i, k])")) == kNoClass);
    CHECK(g.eclass(bad).nodes.size() == 1);
    CHECK(g.find(mean) == g.lookup(f.parse("mean(x, 1)")));
    CHECK(g.eclass(notMean).nodes.size() == 1);
}
