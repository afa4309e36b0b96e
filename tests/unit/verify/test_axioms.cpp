// The math axioms: each one true on random reals (evaluated with ir::Evaluator from the same IR
// text the solver instantiates), used where it should be, and jointly consistent.
#include "verify_fixture.h"

#include "tlift/ir/eval.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/verify/axioms.h"

#include <cmath>
#include <random>
#include <set>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

// A relation's two sides hold up to rounding: == within a relative 1e-9, < and <= with that slack.
bool holds(ir::Expr rel, ir::Evaluator& ev) {
    if (rel.op() == ir::Op::Eq && rel[0].dtype() == ir::DType::Bool) {
        auto v = ev.scalar(rel);
        return v && v->v != 0;
    }
    auto l = ev.scalar(rel[0]), r = ev.scalar(rel[1]);
    REQUIRE(l);
    REQUIRE(r);
    double a = l->v, b = r->v, tol = 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
    switch (rel.op()) {
    case ir::Op::Eq: return std::fabs(a - b) <= tol;
    case ir::Op::Lt: return a < b + tol;
    case ir::Op::Le: return a <= b + tol;
    case ir::Op::Gt: return a + tol > b;
    case ir::Op::Ge: return a + tol >= b;
    default: FAIL("unexpected relation " << ir::toText(rel)); return false;
    }
}

} // namespace

TEST_CASE("every axiom is true on random reals", "[verify][axioms]") {
    ir::Context c;
    ir::Scope scope;
    ir::Expr a = c.sym("a", ir::DType::F64), b = c.sym("b", ir::DType::F64);
    scope.declare(a);
    scope.declare(b);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> wide(-6.0, 6.0), unit(0.0, 1.0);
    for (const AxiomInfo& ax : axiomTable()) {
        INFO(ax.name);
        auto premise = ax.premise.empty() ? ir::parseExpr(c, "true", scope) : ir::parseExpr(c, ax.premise, scope);
        REQUIRE(premise);
        std::vector<ir::Expr> conclusions;
        for (const std::string& t : ax.conclusions) {
            auto e = ir::parseExpr(c, t, scope);
            REQUIRE(e);
            conclusions.push_back(*e);
        }
        int tested = 0;
        for (int draw = 0; draw < 400; ++draw) {
            // Mix general values with the special points the premises ask for (a = 0, a = 1, a = -b).
            double x = wide(rng), y = wide(rng);
            double pick = unit(rng);
            if (pick < 0.1) x = 0.0;
            else if (pick < 0.2) x = 1.0;
            else if (pick < 0.3) x = -y;
            else if (pick < 0.45) x = std::fabs(x);
            if (unit(rng) < 0.3) y = std::fabs(y);
            ir::Env env;
            env.setSym("a", x);
            env.setSym("b", y);
            ir::Evaluator ev(env);
            auto p = ev.scalar(*premise);
            REQUIRE(p);
            if (p->v == 0) continue;
            ++tested;
            for (ir::Expr rel : conclusions) {
                INFO(ir::toText(rel) << " at a = " << x << ", b = " << y);
                CHECK(holds(rel, ev));
            }
        }
        CHECK(tested >= 20);
    }
}

TEST_CASE("the axiom table covers every uninterpreted math function", "[verify][axioms]") {
    std::set<ir::Op> covered;
    std::set<std::string> names;
    for (const AxiomInfo& ax : axiomTable()) {
        covered.insert(ax.function);
        CHECK(names.insert(ax.name).second);
        CHECK_FALSE(ax.why.empty());
        CHECK_FALSE(ax.conclusions.empty());
        if (ax.trigger == AxiomTrigger::Decompose) CHECK((ax.decomposes == "+" || ax.decomposes == "*" || ax.decomposes == "/"));
    }
    for (ir::Op op : {ir::Op::Exp, ir::Op::Log, ir::Op::Sqrt, ir::Op::Tanh, ir::Op::Erf, ir::Op::Sin, ir::Op::Cos, ir::Op::Pow})
        CHECK(covered.count(op) == 1);
}

TEST_CASE("facts that need the axioms are proved", "[verify][axioms]") {
    Fixture f;
    // One or two axioms each; without them these are not provable (the functions are uninterpreted).
    const std::vector<std::pair<std::string, std::string>> facts = {
        {"exp(p) > 0.0", "true"},                                  // exp_positive
        {"exp(p) >= 1.0 + p", "true"},                             // exp_tangent
        {"exp(0.0)", "1.0"},                                       // exp_zero
        {"log(exp(p))", "p"},                                      // exp_log
        {"exp(p) * exp(q)", "exp(p + q)"},                         // exp_add
        {"exp(p - q) * exp(q)", "exp(p)"},                         // exp_split
        {"exp(p) < exp(q)", "p < q"},                              // exp_monotone
        {"log(1.0)", "0.0"},                                       // log_one
        {"sqrt(p * p) * sqrt(p * p)", "p * p"},                    // sqrt_square
        {"tanh(p) < 1.0 && tanh(p) > -1.0", "true"},               // tanh_bounds
        {"tanh(p) > 0.0", "p > 0.0"},                              // tanh_sign
        {"tanh(-p)", "-tanh(p)"},                                  // tanh_odd
        {"erf(-p) + erf(p)", "0.0"},                               // erf_odd
        {"erf(p) < erf(q)", "p < q"},                              // erf_monotone
        {"sin(p) * sin(p) + cos(p) * cos(p)", "1.0"},              // sin_cos_square
        {"cos(-p)", "cos(p)"},                                     // cos_even
        {"sin(0.0)", "0.0"},                                       // sin_zero
        {"sigmoid(p)", "1.0 / (1.0 + exp(-p))"},                   // definitional
        {"rsqrt(p)", "1.0 / sqrt(p)"},                             // definitional
        {"exp2(p * 1.4426950408889634)", "exp(p)"},                // ln 2 constants
        {"log2(exp(p)) * 0.6931471805599453", "p"},                // log2 through log
        {"expm1(p) + 1.0", "exp(p)"},                              // definitional
    };
    for (const auto& [l, r] : facts) CHECK(f.check(l, r).status == Status::Proved);
    // With premises.
    CHECK(f.check("exp(log(p))", "p", {"p > 0.0"}).status == Status::Proved);         // log_inverse
    CHECK(f.check("log(p * q)", "log(p) + log(q)", {"p > 0.0", "q > 0.0"}).status == Status::Proved);
    CHECK(f.check("log(p / q)", "log(p) - log(q)", {"p > 0.0", "q > 0.0"}).status == Status::Proved);
    CHECK(f.check("log(p) < log(q)", "true", {"0.0 < p", "p < q"}).status == Status::Proved);
    CHECK(f.check("log(p) <= p - 1.0", "true", {"p > 0.0"}).status == Status::Proved);
    CHECK(f.check("sqrt(p) < sqrt(q)", "true", {"0.0 <= p", "p < q"}).status == Status::Proved);
    CHECK(f.check("sqrt(p * q)", "sqrt(p) * sqrt(q)", {"p >= 0.0", "q >= 0.0"}).status == Status::Proved);
    CHECK(f.check("p ** q", "exp(q * log(p))", {"p > 0.0"}).status == Status::Proved);
    CHECK(f.check("p ** q > 0.0", "true", {"p > 0.0"}).status == Status::Proved);
    CHECK(f.check("tanh(p) * (exp(2.0 * p) + 1.0)", "exp(2.0 * p) - 1.0").status == Status::Proved);
}

TEST_CASE("the axioms are consistent: nothing false follows from them", "[verify][axioms]") {
    Fixture f;
    // A query full of applications of every function: if the instantiated axioms were
    // contradictory, these false claims would be "proved".
    std::string soup = "exp(p) + log(abs(q) + 1.0) + sqrt(abs(p)) + tanh(q) + erf(p - q) + sin(p) * cos(q) + "
                       "p ** q + exp(p + q) + log(exp(q)) + exp2(p) + sigmoid(q) + rsqrt(abs(p) + 1.0)";
    CheckOptions o;
    o.bounded = false;
    o.queryTimeout = std::chrono::milliseconds(1500);
    for (const char* claim : {"0.0", "1.0", "p"}) {
        Verdict v = f.check(soup, claim, {}, o);
        CHECK(v.status != Status::Proved);
    }
    Verdict v = f.check(soup + " > 0.0", "p == q", {}, o);
    CHECK(v.status != Status::Proved);
    CHECK(f.check("p", "q", {"exp(p) == exp(q)", "tanh(p) == tanh(q)"}, o).status == Status::Proved);
    CHECK(f.check("p", "q", {"sin(p) == sin(q)"}, o).status != Status::Proved); // sin is not injective
}
