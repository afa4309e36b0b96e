// Soundness against the evaluator on random formulas: the checker never proves a pair that the
// evaluator tells apart, and never refutes a pair that is equal by construction.
#include "verify_fixture.h"

#include "tlift/ir/eval.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"

#include <cmath>
#include <random>

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

namespace {

class Gen {
public:
    Gen(Fixture& f, unsigned seed) : m_f(f), m_rng(seed) {}

    ir::Expr real(int depth) {
        ir::Context& c = m_f.c;
        if (depth <= 0) return leaf();
        switch (pick(9)) {
        case 0: return c.add(real(depth - 1), real(depth - 1));
        case 1: return c.sub(real(depth - 1), real(depth - 1));
        case 2: return c.mul(real(depth - 1), real(depth - 1));
        case 3: return c.max(real(depth - 1), real(depth - 1));
        case 4: return c.exp(c.min(real(depth - 1), c.floatConst(3.0)));
        case 5: return c.select(c.lt(real(depth - 1), real(depth - 1)), real(depth - 1), real(depth - 1));
        case 6: {
            ir::Expr k = c.var("k" + std::to_string(m_depth));
            ++m_depth;
            m_bound.push_back(k);
            ir::Expr body = real(depth - 1);
            m_bound.pop_back();
            --m_depth;
            auto kind = pick(2) ? ir::ReduceKind::Sum : ir::ReduceKind::Max;
            ir::Expr hi = pick(2) ? m_f.N : c.sub(m_f.N, c.intConst(1));
            return c.reduce(kind, k, c.intConst(0), hi, body);
        }
        case 7: return c.neg(real(depth - 1));
        default: return leaf();
        }
    }

private:
    ir::Expr leaf() {
        ir::Context& c = m_f.c;
        ir::Expr col = m_bound.empty() || pick(3) == 0 ? m_f.j : m_bound[static_cast<std::size_t>(pick(static_cast<int>(m_bound.size())))];
        switch (pick(5)) {
        case 0: return c.sym("p", ir::DType::F32);
        case 1: return c.floatConst(0.5 * (pick(7) - 3));
        case 2: return c.read(m_f.parse("y"), {m_f.i, col});
        default: return c.read(m_f.parse("x"), {m_f.i, col});
        }
    }
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }

    Fixture& m_f;
    std::mt19937 m_rng;
    int m_depth = 0;
    std::vector<ir::Expr> m_bound;
};

// Whether the two sides differ on one of a few random inputs (sizes 1..3).
bool evaluatorSeesDifference(Fixture& f, ir::Expr a, ir::Expr b, std::mt19937& rng) {
    std::uniform_real_distribution<double> d(-2.0, 2.0);
    for (int n = 1; n <= 3; ++n) {
        for (int draw = 0; draw < 4; ++draw) {
            ir::Env env;
            env.setSym("M", 2);
            env.setSym("N", n);
            env.setSym("p", d(rng));
            for (const char* t : {"x", "y"}) {
                ir::TensorValue v = ir::TensorValue::zeros(ir::DType::F32, {2, n});
                v.forEachIndex([&](const std::vector<std::int64_t>& i) { v.at(i) = d(rng); });
                env.setTensor(t, v);
            }
            env.setVar(f.i, draw % 2);
            env.setVar(f.j, draw % n);
            ir::Evaluator ev(env);
            auto x = ev.scalar(a), y = ev.scalar(b);
            if (!x || !y || std::isnan(x->v) || std::isnan(y->v)) continue;
            if (std::isinf(x->v) || std::isinf(y->v)) {
                if (x->v != y->v) return true;
                continue;
            }
            if (std::fabs(x->v - y->v) > 1e-6 * std::max({1.0, std::fabs(x->v), std::fabs(y->v)})) return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("random pairs: never proved when the evaluator tells them apart", "[verify][soundness]") {
    Fixture f;
    Gen gen(f, 2024);
    std::mt19937 rng(5);
    CheckOptions o;
    o.queryTimeout = std::chrono::milliseconds(2000);
    o.boundK = 3;
    int different = 0, proved = 0, refuted = 0;
    for (int n = 0; n < 40; ++n) {
        ir::Expr a = gen.real(3), b = gen.real(3);
        EquivalenceQuery q;
        q.lhs = a;
        q.rhs = b;
        q.ranges = f.ranges();
        Checker checker(o);
        Verdict v = checker.check(f.c, q);
        bool differ = evaluatorSeesDifference(f, a, b, rng);
        INFO(ir::toText(a) << "  vs  " << ir::toText(b) << "\n" << describe(v));
        if (differ) {
            ++different;
            CHECK(v.status != Status::Proved);
            CHECK(v.status != Status::ProvedUpTo);
        }
        if (v.status == Status::Proved) ++proved;
        if (v.status == Status::Refuted) ++refuted;
    }
    CHECK(different > 20);
    CHECK(refuted > 10);
}

TEST_CASE("random formulas: never refuted against their simplified or perturbed-but-equal forms", "[verify][soundness]") {
    Fixture f;
    Gen gen(f, 77);
    CheckOptions o;
    o.queryTimeout = std::chrono::milliseconds(2000);
    o.boundK = 3;
    int proved = 0;
    for (int n = 0; n < 30; ++n) {
        ir::Expr a = gen.real(3);
        ir::Expr b = n % 2 ? ir::simplify(f.c, a) : f.c.sub(f.c.add(a, f.c.sym("p", ir::DType::F32)), f.c.sym("p", ir::DType::F32));
        EquivalenceQuery q;
        q.lhs = a;
        q.rhs = b;
        q.ranges = f.ranges();
        Checker checker(o);
        Verdict v = checker.check(f.c, q);
        INFO(ir::toText(a) << "  vs  " << ir::toText(b) << "\n" << describe(v));
        CHECK(v.status != Status::Refuted);
        if (v.status == Status::Proved) ++proved;
    }
    CHECK(proved >= 20);
}
