// The runner: stop reasons, limits, cancellation, backoff, statistics.

#include "helpers.h"

#include "tlift/egraph/extractor.h"
#include "tlift/egraph/rule_set.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {

// A long sum: associativity and commutativity make an exponential number of bracketings.
std::string longSum(int n) {
    std::string s = "x[i, 0]";
    for (int k = 1; k < n; ++k) s += " + x[i, " + std::to_string(k) + "]";
    return s;
}

const RuleSet& acRules() {
    static const RuleSet set = *RuleSet::parse(R"(
add-comm: (+ ?a ?b) => (+ ?b ?a)
add-assoc: (+ (+ ?a ?b) ?c) <=> (+ ?a (+ ?b ?c))
)",
                                               "ac.rules", "ac");
    return set;
}

} // namespace

TEST_CASE("a small term saturates", "[egraph][runner]") {
    Fixture f;
    EGraph g(f.c);
    ClassId root = g.add(f.parse("exp2(x * 1.4426950408889634) * 1.0 + 0.0"));
    Runner r(g, RuleSet::builtin());
    CHECK(r.run() == util::StopReason::Saturated);
    CHECK(r.stopReason() == util::StopReason::Saturated);
    REQUIRE_FALSE(r.iterations().empty());
    CHECK(r.iterations().back().applied == 0);
    TextbookCost cost;
    Extractor ex(g, cost);
    CHECK(ir::toText(ex.term(root)) == "exp(x)");
}

TEST_CASE("tiny limits stop the run with their reason and leave a term", "[egraph][runner]") {
    Fixture f;
    ir::Expr start = f.parse(longSum(9));
    SECTION("node limit") {
        EGraph g(f.c);
        ClassId root = g.add(start);
        RunnerLimits l;
        l.nodeLimit = 60;
        l.backoff = false;
        Runner r(g, acRules(), l);
        CHECK(r.run() == util::StopReason::NodeLimit);
        CHECK(g.clean());
        TextbookCost cost;
        CHECK(Extractor(g, cost).term(root));
    }
    SECTION("iteration limit") {
        EGraph g(f.c);
        g.add(start);
        RunnerLimits l;
        l.iterationLimit = 2;
        Runner r(g, acRules(), l);
        CHECK(r.run() == util::StopReason::IterationLimit);
        CHECK(r.iterations().size() == 2);
    }
    SECTION("time limit") {
        EGraph g(f.c);
        g.add(f.parse(longSum(14)));
        RunnerLimits l;
        l.timeLimit = std::chrono::milliseconds(1);
        l.nodeLimit = 0;
        l.iterationLimit = 0;
        l.backoff = false;
        Runner r(g, acRules(), l);
        CHECK(r.run() == util::StopReason::TimeLimit);
        CHECK(g.clean());
    }
    SECTION("the pipeline reports the limit and still returns the best term") {
        RunnerLimits l;
        l.iterationLimit = 1;
        SimplifyResult res = simplifyTerm(f.c, f.parse("0.5 * x * (1.0 + erf(x * 0.7071067811865476)) + 0.0"),
                                          RuleSet::builtin(), l);
        CHECK(res.stop == util::StopReason::IterationLimit);
        REQUIRE(res.rhs);
        CHECK(res.cost < Extractor::kInfinity);
    }
}

TEST_CASE("cancel stops the run", "[egraph][runner]") {
    Fixture f;
    EGraph g(f.c);
    g.add(f.parse(longSum(12)));
    util::CancelSource source;
    RunnerLimits l;
    l.nodeLimit = 0;
    l.iterationLimit = 0;
    l.timeLimit = std::chrono::milliseconds(0);
    Runner r(g, acRules(), l);
    r.setCancel(source.token());
    std::size_t seen = 0;
    r.setProgress([&](const Iteration& it) {
        seen = it.index + 1;
        if (it.index == 1) source.cancel();
    });
    CHECK(r.run() == util::StopReason::Cancelled);
    CHECK(seen == 2);
    CHECK(r.iterations().size() == 2);
    // Cancelled before starting: no iteration at all.
    EGraph g2(f.c);
    g2.add(f.parse("x + y"));
    Runner r2(g2, acRules(), l);
    r2.setCancel(source.token());
    CHECK(r2.run() == util::StopReason::Cancelled);
    CHECK(r2.iterations().empty());
}

TEST_CASE("backoff bans rules that explode and lets the others run", "[egraph][runner]") {
    Fixture f;
    auto set = RuleSet::parse(R"(
add-comm: (+ ?a ?b) => (+ ?b ?a)
add-assoc: (+ (+ ?a ?b) ?c) <=> (+ ?a (+ ?b ?c))
exp2-e: (exp2 (* ?a 1.4426950408889634)) => (exp ?a)
)",
                              "b.rules", "b");
    REQUIRE(set);
    EGraph g(f.c);
    g.add(f.parse(longSum(10)));
    ClassId e = g.add(f.parse("exp2(x * 1.4426950408889634)"));
    RunnerLimits l;
    l.matchLimit = 20;
    l.banLength = 2;
    l.iterationLimit = 12;
    l.nodeLimit = 100000;
    l.timeLimit = std::chrono::milliseconds(0);
    Runner r(g, *set, l);
    r.run();
    bool banned = false;
    for (const Iteration& it : r.iterations())
        for (const RuleIterationStats& s : it.rules) banned = banned || s.banned;
    CHECK(banned);
    CHECK(g.find(e) == g.lookup(f.parse("exp(x)")));
    // Statistics add up: applications per rule and per iteration.
    std::size_t perRule = 0, perIteration = 0;
    for (std::size_t n : r.appliedTotals()) perRule += n;
    for (const Iteration& it : r.iterations()) {
        perIteration += it.applied;
        CHECK(it.nodes > 0);
        CHECK(it.classes > 0);
        CHECK(it.totalMs >= it.searchMs);
    }
    CHECK(perRule == perIteration);
    CHECK(r.ruleNames().size() == 4);
}

TEST_CASE("backoff lets a saturating run finish with every rule", "[egraph][runner]") {
    BackoffScheduler s(2, 5, 2);
    CHECK(s.admit(0, 0, 5));
    CHECK_FALSE(s.admit(0, 0, 6)); // over the limit: banned for 2 iterations
    CHECK(s.banned(0, 1));
    CHECK_FALSE(s.banned(0, 2));
    CHECK(s.threshold(0) == 10);   // the limit doubled
    CHECK_FALSE(s.admit(0, 2, 11)); // banned again, for 4 iterations now
    CHECK(s.banned(0, 5));
    CHECK_FALSE(s.canStop(3)); // a rule is banned: no saturation, the ban is shortened
    CHECK_FALSE(s.banned(0, 3));
    CHECK(s.canStop(3));
}
