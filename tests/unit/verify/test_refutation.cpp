// False equivalences are refuted with a counterexample that the evaluator confirms; this test
// re-evaluates every counterexample itself from the plain data of the verdict. Claims the solver
// cannot decide never become refutations.
#include "verify_fixture.h"

#include "tlift/ir/eval.h"

#include <cmath>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

// Rebuilds the input of a counterexample and evaluates both sides again.
void reconfirm(Fixture& f, const EquivalenceQuery& q, const Counterexample& cex) {
    ir::Env env;
    for (const auto& s : cex.syms) env.setSym(s.name, s.value);
    for (const auto& v : cex.vars) env.setVar(f.c.var(v.name, *ir::parseDType(v.dtype)), static_cast<std::int64_t>(v.value));
    for (const TensorSample& t : cex.tensors) env.setTensor(t.name, ir::TensorValue::fromData(*ir::parseDType(t.dtype), t.shape, t.data));
    ir::Evaluator ev(env);
    for (const Range& r : q.ranges) {
        auto x = ev.scalar(r.x);
        REQUIRE(x);
        if (r.lo) CHECK(ev.scalar(r.lo)->v <= x->v);
        if (r.hi) CHECK(x->v < ev.scalar(r.hi)->v);
    }
    for (const ir::Expr& a : q.assumptions) CHECK(ev.scalar(a)->v != 0);
    auto l = ev.scalar(q.lhs), r = ev.scalar(q.rhs);
    REQUIRE(l);
    REQUIRE(r);
    CHECK(l->undef == cex.lhs.undef);
    CHECK(r->undef == cex.rhs.undef);
    if (!l->undef) CHECK(l->v == Approx(cex.lhs.value));
    if (!r->undef) CHECK(r->v == Approx(cex.rhs.value));
    bool infinite = std::isinf(l->v) || std::isinf(r->v);
    bool differ = l->undef != r->undef || (infinite && l->v != r->v) ||
                  std::fabs(l->v - r->v) > 1e-9 * std::max({1.0, std::fabs(l->v), std::fabs(r->v)});
    CHECK(differ);
}

void refuted(Fixture& f, const std::string& lhs, const std::string& rhs, const std::vector<std::string>& assume = {}) {
    Verdict v = f.check(lhs, rhs, assume);
    INFO(lhs << "  vs  " << rhs << "\n" << describe(v));
    REQUIRE(v.status == Status::Refuted);
    REQUIRE(v.counterexample);
    CHECK_FALSE(v.counterexample->note.empty());
    reconfirm(f, f.query(lhs, rhs, assume), *v.counterexample);
}

} // namespace

TEST_CASE("false equivalences are refuted with confirmed counterexamples", "[verify][refutation]") {
    Fixture f;
    // Off-by-one bounds.
    refuted(f, "sum[k in 0..N](x[i, k])", "sum[k in 0..N - 1](x[i, k])");
    refuted(f, "sum[k in 0..N](x[i, k])", "sum[k in 1..N](x[i, k])");
    refuted(f, "max[k in 0..N](x[i, k])", "max[k in 0..N | k < N - 1](x[i, k])");
    refuted(f, "sum[k in 0..j + 1](x[i, k])", "sum[k in 0..j](x[i, k])");
    // Wrong index.
    refuted(f, "sum[k in 0..N](x[i, k])", "sum[k in 0..N](y[i, k])");
    refuted(f, "x[i, j]", "x[i, N - 1 - j]");
    refuted(f, "sum[k in 0..K](a[i, k] * b[k, j])", "sum[k in 0..K](a[i, k] * b[k, i])", {"M == N"});
    // A missing term.
    refuted(f, "sum[k in 0..N](x[i, k] + y[i, k])", "sum[k in 0..N](x[i, k])");
    refuted(f, "x[i, j] * w[j] + v[j]", "x[i, j] * w[j]");
    // A wrong constant.
    refuted(f, "sum[k in 0..N](x[i, k] * 2.0)", "sum[k in 0..N](x[i, k]) * 2.5");
    refuted(f, "x[i, j] * 0.5", "x[i, j] / 3.0");
    refuted(f, "exp(p) * exp(q)", "exp(p * q)");
    // The wrong reduction, the wrong function.
    refuted(f, "max[k in 0..N](x[i, k])", "min[k in 0..N](x[i, k])");
    refuted(f, "argmax[k in 0..N](x[i, k])", "argmin[k in 0..N](x[i, k])");
    refuted(f, "x[i, j] / sum[k in 0..N](x[i, k])", "exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))");
    refuted(f, "max(x[i, j], 0.0)", "abs(x[i, j])");
    // Integer semantics: floor versus truncation, wrap-around of narrow casts.
    refuted(f, "n // 4", "tdiv(n, 4)");
    refuted(f, "n % 4", "trem(n, 4)");
    refuted(f, "cast(n * 100, i8)", "n * 100");
    // Masked loads: a lane that reads undefined data.
    refuted(f, "where(j < N - 1, x[i, j], undef(1, f32))", "x[i, j]");
}

TEST_CASE("a counterexample that the evaluator does not confirm is never reported", "[verify][refutation]") {
    Fixture f;
    // True, but not a consequence of the axioms: the solver's models are spurious.
    Verdict v = f.check("exp(p) >= 1.0 + p + p * p / 2.0", "true", {"p >= 0.0"});
    CHECK(v.status == Status::Unknown);
    CHECK_FALSE(v.counterexample);
    CHECK(v.reason.find("spurious") != std::string::npos);
    // An operation outside its domain (0 / 0): the evaluator gives NaN, no refutation.
    Verdict w = f.check("p / p", "1.0");
    CHECK(w.status != Status::Refuted);
    CHECK(w.status != Status::Proved);
    CHECK(f.check("p / p", "1.0", {"p != 0.0"}).status == Status::Proved);
}
