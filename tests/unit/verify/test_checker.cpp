// The checker as a component: verdicts as data for every outcome, timeouts, cancellation,
// determinism, options, undefined values, the assumptions a verdict lists.
#include "verify_fixture.h"

#include "tlift/ir/printer.h"

#include <thread>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

// A claim Z3 cannot settle quickly: a cubic Diophantine identity over the integers.
const char* kHardLhs = "n * n * n + m * m * m";
const char* kHardRhs = "(n + m) * (n + m) * (n + m) - 3 * n * m * (n + m) + n * m * 0 + 1 - 1 + (n * n * m * m * n * m) % 7 * 0";

} // namespace

TEST_CASE("names of statuses and solver results", "[verify][checker]") {
    CHECK(statusName(Status::Proved) == "proved");
    CHECK(statusName(Status::ProvedUpTo) == "proved up to bound");
    CHECK(statusName(Status::Refuted) == "refuted");
    CHECK(statusName(Status::Unknown) == "unknown");
    CHECK(statusName(Status::Timeout) == "timeout");
    CHECK(statusName(Status::Cancelled) == "cancelled");
    CHECK(solverResultName(SolverResult::Sat) == "sat");
    CHECK(solverResultName(SolverResult::Unsat) == "unsat");
    CHECK(solverResultName(SolverResult::Timeout) == "timeout");
}

TEST_CASE("a verdict lists what it rests on", "[verify][checker]") {
    Fixture f;
    Verdict v = f.check("exp(p) * exp(q)", "exp(p + q)");
    REQUIRE(v.status == Status::Proved);
    auto has = [&](const std::string& word) {
        for (const std::string& a : v.assumptions)
            if (a.find(word) != std::string::npos) return true;
        return false;
    };
    CHECK(has("real numbers"));
    CHECK(has("overflow"));
    CHECK(has("axioms"));
    CHECK(has("domain"));
    REQUIRE_FALSE(v.queries.empty());
    CHECK(v.queries[0].label == "symbolic");
    CHECK(v.queries[0].result == SolverResult::Unsat);
    Verdict w = f.check("exp2(p * 1.4426950408889634)", "exp(p)");
    bool constants = false;
    for (const std::string& a : w.assumptions) constants = constants || a.find("log2(e)") != std::string::npos;
    CHECK(constants);
    std::string text = describe(v);
    CHECK(text.find("proved") == 0);
    CHECK(text.find("assuming") != std::string::npos);
}

TEST_CASE("what cannot be encoded is an Unknown verdict with a reason", "[verify][checker]") {
    Fixture f;
    Verdict v = f.check("p + nan", "p");
    CHECK(v.status == Status::Unknown);
    CHECK(v.reason.find("NaN") != std::string::npos);
    EquivalenceQuery q;
    Checker checker;
    Verdict empty = checker.check(f.c, q);
    CHECK(empty.status == Status::Unknown);
    CHECK_FALSE(empty.reason.empty());
}

TEST_CASE("undefined values: masked lanes that are never used, and lanes that are", "[verify][checker]") {
    Fixture f;
    CHECK(f.check("where(j < N, x[i, j], undef(1, f32))", "x[i, j]").status == Status::Proved);
    Verdict v = f.check("where(j < N - 1, x[i, j], undef(1, f32))", "x[i, j]");
    REQUIRE(v.status == Status::Refuted);
    CHECK(v.counterexample->lhs.undef);
    CHECK_FALSE(v.counterexample->rhs.undef);
    CHECK(describe(*v.counterexample).find("undefined") != std::string::npos);
    CHECK(f.check("max[k in 0..N](where(k < N, x[i, k], undef(2, f32)))", "max[k in 0..N](x[i, k])").status == Status::Proved);
}

TEST_CASE("every query has a time limit", "[verify][checker]") {
    Fixture f;
    CheckOptions o;
    o.queryTimeout = std::chrono::milliseconds(200);
    o.bounded = false;
    Verdict v = f.check("p ** 3.0 + q ** 3.0 == (p + q) ** 3.0 - 3.0 * p * q * (p + q) + exp(p) - exp(p)", "true",
                        {}, o);
    CHECK(v.status == Status::Proved); // quick: polynomial identity after normalization
    Verdict h = f.check(kHardLhs, kHardRhs, {"n > 0", "m > 0"}, o);
    // Whatever Z3 manages in 200 ms, the verdict is data, never a hang.
    CHECK((h.status == Status::Proved || h.status == Status::Timeout || h.status == Status::Unknown));
    for (const QueryRecord& r : h.queries) CHECK(r.millis < 60000);
    // The total budget stops the bounded mode.
    CheckOptions tight;
    tight.totalTimeout = std::chrono::milliseconds(1);
    tight.symbolic = false;
    Verdict t = f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, N - 1 - k])", {}, tight);
    CHECK(t.status == Status::Timeout);
}

TEST_CASE("a check can be cancelled, and the checker works afterwards", "[verify][checker]") {
    Fixture f;
    util::CancelSource before;
    before.cancel();
    CheckOptions o;
    o.cancel = before.token();
    Checker cancelled(o);
    CHECK(cancelled.check(f.c, f.query("exp(p) * exp(q)", "exp(p + q)")).status == Status::Cancelled);

    // Cancelled while the solver runs: a query that runs to its (long) time limit otherwise.
    util::CancelSource during;
    CheckOptions slow;
    slow.cancel = during.token();
    slow.queryTimeout = std::chrono::milliseconds(60000);
    slow.bounded = false;
    Checker checker(slow);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        during.cancel();
    });
    EquivalenceQuery hard = f.query("sin(p) * sin(q) + cos(p) * cos(q) + exp(p * q) * tanh(p + q) * erf(q - p)",
                                    "cos(p - q) + exp(q * p) * tanh(q + p) * erf(p - q) + 0.001");
    Verdict v = checker.check(f.c, hard);
    canceller.join();
    CHECK((v.status == Status::Cancelled || v.status == Status::Refuted || v.status == Status::Unknown));
    // The same checker (same Z3 context) answers the next query normally.
    CheckOptions fresh;
    checker.setOptions(fresh);
    CHECK(checker.check(f.c, f.query("exp(p) * exp(q)", "exp(p + q)")).status == Status::Proved);
    CHECK(checker.stats().checks == 2);
}

TEST_CASE("the same query gives the same verdict", "[verify][checker]") {
    Fixture f1, f2;
    Verdict a = f1.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N - 1](x[i, k]) + 1.0");
    Verdict b = f2.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N - 1](x[i, k]) + 1.0");
    REQUIRE(a.status == Status::Refuted);
    REQUIRE(b.status == Status::Refuted);
    CHECK(describe(*a.counterexample) == describe(*b.counterexample));
}

TEST_CASE("options select the strategy", "[verify][checker]") {
    Fixture f;
    CheckOptions boundedOnly;
    boundedOnly.symbolic = false;
    boundedOnly.boundK = 3;
    Verdict v = f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, k] * 1.0)", {}, boundedOnly);
    CHECK(v.status == Status::ProvedUpTo);
    CHECK(v.bound == 3);
    // No size symbols: bounded mode is a complete proof.
    CHECK(f.check("sum[k in 0..4](x[i, k])", "x[i, 0] + x[i, 1] + x[i, 2] + x[i, 3]", {}, boundedOnly).status ==
          Status::Proved);
    // The cross-check runs both and agrees.
    CheckOptions cross;
    cross.crossCheck = true;
    cross.boundK = 2;
    Verdict c = f.check("sum[k in 0..N](x[i, k])", "x[i, 0] + sum[k in 1..N](x[i, k])", {}, cross);
    CHECK(c.status == Status::Proved);
    bool bounded = false;
    for (const QueryRecord& r : c.queries) bounded = bounded || r.label.rfind("bounded", 0) == 0;
    CHECK(bounded);
    // Neither: no verdict but Unknown.
    CheckOptions none;
    none.symbolic = false;
    none.bounded = false;
    CHECK(f.check("p", "p", {}, none).status == Status::Unknown);
    // Too many size assignments for the case limit: the bound is lowered to fit.
    CheckOptions few;
    few.symbolic = false;
    few.maxBoundedCases = 3;
    Verdict low = f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, N - 1 - k])", {}, few);
    CHECK(low.status == Status::ProvedUpTo);
    CHECK(low.bound == 3); // N in 1..3: three cases
}

TEST_CASE("the size lower bounds of the ranges are respected by bounded mode", "[verify][checker]") {
    Fixture f;
    CheckOptions o;
    o.symbolic = false;
    // False only when N = 0, which the ranges exclude (N >= 1).
    CHECK(f.check("max[k in 0..N](x[i, k]) > -inf", "true", {}, o).status == Status::ProvedUpTo);
    EquivalenceQuery q = f.query("max[k in 0..N](x[0, k]) > -inf", "true");
    q.ranges = {Range::atLeast(f.N, f.c.intConst(0)), Range::atLeast(f.M, f.c.intConst(1))};
    Checker checker(o);
    Verdict v = checker.check(f.c, q);
    REQUIRE(v.status == Status::Refuted);
    bool nIsZero = false;
    for (const auto& s : v.counterexample->syms) nIsZero = nIsZero || (s.name == "N" && s.value == 0);
    CHECK(nIsZero);
}
