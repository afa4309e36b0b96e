// Every rule is checked sound on random inputs: its variables are bound to terms (scalars,
// tensors, reads, sizes, dimensions, reduction variables, chosen by where each variable
// occurs and by the rule's conditions), the conditions are checked on that binding, both sides
// are instantiated and evaluated with ir::Evaluator on random values. A rule is wrong if any
// sample differs beyond rounding. Each rule must get at least one binding that satisfies its
// conditions, and the e-graph matcher must find and apply the rule on that binding.

#include "helpers.h"

#include "tlift/egraph/rule_set.h"
#include "tlift/egraph/runner.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/util/strings.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {

enum class Sort { Value, Tensor, Scalar, Dim, Int, Bool, Var, Bound, Guard };

// Where a variable occurs says what it can be bound to.
void collectSorts(const Pattern& p, int n, Sort here, std::map<int, Sort>& out) {
    const PatternNode& pn = p.nodes[static_cast<std::size_t>(n)];
    if (pn.kind == PatternNode::Var) {
        if (!out.count(pn.slot)) out[pn.slot] = here;
        return;
    }
    if (pn.kind != PatternNode::Op) return;
    for (std::size_t i = 0; i < pn.kids.size(); ++i) {
        Sort s = Sort::Value;
        switch (pn.op) {
        case ir::Op::Reduce: s = i == 0 ? Sort::Var : i < 3 ? Sort::Bound : i == 3 ? Sort::Guard : Sort::Value; break;
        case ir::Op::Read: s = i == 0 ? Sort::Tensor : Sort::Bound; break;
        case ir::Op::Select: s = i == 0 ? Sort::Guard : Sort::Value; break;
        case ir::Op::And:
        case ir::Op::Or:
        case ir::Op::Not: s = Sort::Guard; break;
        case ir::Op::Named: {
            switch (ir::namedOp(pn.named).params[i].kind) {
            case ir::ParamKind::Tensor: s = ir::namedOp(pn.named).elementwise ? Sort::Value : Sort::Tensor; break;
            case ir::ParamKind::Dim: s = Sort::Dim; break;
            case ir::ParamKind::Int: s = Sort::Int; break;
            case ir::ParamKind::Bool: s = Sort::Bool; break;
            case ir::ParamKind::Scalar: s = Sort::Scalar; break;
            }
            break;
        }
        case ir::Op::Cast: s = pn.castTo == ir::DType::F32 ? Sort::Bound : Sort::Value; break;
        default: break;
        }
        collectSorts(p, pn.kids[i], s, out);
    }
}

class Sampler {
public:
    Sampler(Fixture& f, const Rule& r, unsigned seed) : m_f(f), m_r(r), m_rng(seed) {
        std::map<int, Sort> sorts;
        collectSorts(r.lhs, r.lhs.root, Sort::Value, sorts);
        for (std::size_t v = 0; v < r.vars.size(); ++v) {
            Sort s = sorts.count(static_cast<int>(v)) ? sorts[static_cast<int>(v)] : Sort::Value;
            m_pools.push_back(pool(static_cast<int>(v), s));
        }
        // Variables with a derived value (dim-size) come after the ones they depend on.
        for (std::size_t v = 0; v < r.vars.size(); ++v) m_order.push_back(static_cast<int>(v));
        std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) { return derived(a) < derived(b); });
    }

    // Calls f(binding) for bindings that satisfy the conditions; f returns false to stop. Each
    // attempt is a randomized depth-first descent that stops at its first satisfying leaf, so
    // that successive bindings differ in every variable.
    template <class F>
    void run(std::size_t budget, F&& f) {
        m_budget = budget;
        while (m_budget > 0) {
            std::vector<ir::Expr> values(m_r.vars.size());
            m_found = false;
            search(0, values);
            if (!m_found) return; // the whole space holds no satisfying binding
            if (!f(m_leaf)) return;
        }
    }

private:
    bool derived(int v) const {
        for (const Condition& c : m_r.conditions)
            if ((c.name == "dim-size" || c.name == "approx") && c.args[0].slot == v) return true;
        return false;
    }

    std::vector<ir::Expr> pool(int v, Sort s) {
        auto P = [&](const char* t) { return m_f.parse(t); };
        for (const Condition& c : m_r.conditions) {
            if (c.args.empty() || c.args[0].slot != v) continue;
            if (c.name == "approx") {
                double val = c.args[1].lit.value();
                return {m_f.c.floatConst(val), m_f.c.floatConst(static_cast<double>(static_cast<float>(val)))};
            }
            if (c.name == "rank") {
                switch (c.args[1].lit.i) {
                case 1: return {P("w"), P("v"), P("xk"), P("tgt")};
                case 2: return {P("x"), P("a"), P("bm"), P("wt")};
                default: return {P("t3"), P("u3")};
                }
            }
        }
        switch (s) {
        case Sort::Var: return {m_f.var("k")};
        case Sort::Bound: return {P("0"), P("1"), P("N"), P("3"), P("j")};
        case Sort::Guard: return {P("true"), P("k < 3"), P("j < 2")};
        case Sort::Dim: return {P("0"), P("1"), P("-1")};
        case Sort::Int: return {P("1"), P("2")};
        case Sort::Bool: return {P("true"), P("false")};
        case Sort::Tensor: return {P("x"), P("y"), P("exp(y)"), P("w"), P("x * x"), P("unsqueeze(v, 1)")};
        case Sort::Scalar: return {P("p"), P("q"), P("2.5"), P("exp(q)"), P("-0.75")};
        case Sort::Value: break;
        }
        return {P("p"),    P("q"),     P("2.5"),  P("exp(q)"),           P("-0.75"),   P("x[i, j]"), P("x[i, k]"),
                P("exp(x[i, k]) + 1.0"), P("x"), P("y"), P("exp(y)"), P("w"), P("b"), P("unsqueeze(v, 1)"),
                P("amax(x, 1, true)"),   P("x * x"), P("0.0"), P("1.0")};
    }

    std::vector<ir::Expr> candidates(int v, const std::vector<ir::Expr>& values) {
        for (const Condition& c : m_r.conditions) {
            if (c.name != "dim-size" || c.args[0].slot != v) continue;
            ir::Expr x = values[static_cast<std::size_t>(c.args[1].slot)];
            ir::Expr d = values[static_cast<std::size_t>(c.args[2].slot)];
            if (!x || !d || d.op() != ir::Op::Const) return {};
            int dim = ir::normalizeDim(d.intValue(), x.rank());
            if (dim < 0) return {};
            ir::Expr n = x.shape()[static_cast<std::size_t>(dim)];
            return {m_f.c.cast(n, ir::DType::F32), n};
        }
        std::vector<ir::Expr> p = m_pools[static_cast<std::size_t>(v)];
        std::shuffle(p.begin(), p.end(), m_rng);
        return p;
    }

    // True when the descent must stop (a leaf was found or the budget is spent).
    bool search(std::size_t at, std::vector<ir::Expr>& values) {
        if (m_budget == 0) return true;
        if (at == m_order.size()) {
            --m_budget;
            if (!m_r.conditionsHold(TermBinding(values))) return false;
            m_leaf = values;
            m_found = true;
            return true;
        }
        int v = m_order[at];
        for (ir::Expr cand : candidates(v, values)) {
            values[static_cast<std::size_t>(v)] = cand;
            if (!partialOk(values)) continue;
            if (search(at + 1, values)) return true;
        }
        values[static_cast<std::size_t>(v)] = ir::Expr();
        return false;
    }

    // Conditions whose variables are all bound must hold already.
    bool partialOk(const std::vector<ir::Expr>& values) {
        for (const Condition& c : m_r.conditions) {
            bool bound = true;
            for (const ConditionArg& a : c.args)
                if (a.slot >= 0 && !values[static_cast<std::size_t>(a.slot)]) bound = false;
            if (!bound) continue;
            std::vector<ir::Expr> all = values;
            for (ir::Expr& e : all)
                if (!e) e = m_f.parse("p");
            if (!checkCondition(c, TermBinding(all))) return false;
        }
        return true;
    }

    Fixture& m_f;
    const Rule& m_r;
    std::mt19937 m_rng;
    std::vector<std::vector<ir::Expr>> m_pools;
    std::vector<int> m_order;
    std::size_t m_budget = 0;
    bool m_found = false;
    std::vector<ir::Expr> m_leaf;
};

ir::Env sampleEnv(Fixture& f, unsigned seed) {
    ir::Env env = egraph::testing::randomEnv(f, seed);
    env.setVar(f.var("i"), 1);
    env.setVar(f.var("j"), 2);
    env.setVar(f.var("k"), 0);
    return env;
}

// The rule, alone, fires on its instantiated left side in an e-graph.
bool firesInGraph(Fixture& f, const Rule& r, ir::Expr lhs, ir::Expr rhs) {
    RuleSet one;
    auto text = r.text();
    auto parsed = RuleSet::parse(text, "sample", r.family);
    REQUIRE(parsed);
    REQUIRE(one.append(*parsed));
    EGraph g(f.c);
    ClassId root = g.add(lhs);
    g.add(rhs);
    RunnerLimits limits;
    limits.iterationLimit = 1;
    limits.backoff = false;
    Runner runner(g, one, limits);
    runner.run();
    return g.find(root) == g.lookup(rhs);
}

struct RuleReport {
    std::size_t samples = 0;
    double worst = 0;       // largest difference seen (relative)
    bool fired = false;     // the matcher applied the rule to a sampled instance
    std::string worstText;  // the sample with the largest difference
};

RuleReport sampleRule(const Rule& r, std::size_t wanted = 4) {
    Fixture f;
    Sampler sampler(f, r, 7);
    RuleReport rep;
    sampler.run(60000, [&](const std::vector<ir::Expr>& values) {
        auto sides = r.instantiate(f.c, values);
        if (!sides || !EGraph::sameType(sides->first, sides->second)) return true;
        auto [lhs, rhs] = *sides;
        double worst = 0;
        for (unsigned seed = 1; seed <= 3; ++seed) {
            std::string why;
            double d = egraph::testing::maxDifference(lhs, rhs, sampleEnv(f, seed), &why);
            // Not evaluable here (a read out of range, or a full reduction of a vector, which
            // ir::Evaluator does not take as a scalar): try another binding.
            if (std::isnan(d)) return true;
            worst = std::max(worst, d);
        }
        if (worst > rep.worst || rep.worstText.empty()) {
            rep.worst = std::max(rep.worst, worst);
            rep.worstText = ir::toText(lhs) + "  =>  " + ir::toText(rhs);
        }
        if (!rep.fired) rep.fired = firesInGraph(f, r, lhs, rhs);
        return ++rep.samples < wanted;
    });
    return rep;
}

} // namespace

TEST_CASE("every rule is sound on random inputs", "[egraph][soundness]") {
    const RuleSet& rules = RuleSet::builtin();
    std::vector<std::string> unsampled, notFired;
    std::size_t samples = 0;
    for (const Rule& r : rules.rules()) {
        RuleReport rep = sampleRule(r);
        samples += rep.samples;
        if (rep.samples == 0) unsampled.push_back(r.name);
        else if (!rep.fired) notFired.push_back(r.name);
        INFO(r.text() << "\n  worst sample: " << rep.worstText << "\n  difference " << rep.worst);
        CHECK(rep.worst <= (r.approximate ? 1e-6 : 1e-9));
    }
    INFO("rules without a satisfying binding: " << util::join(unsampled, ", "));
    CHECK(unsampled.empty());
    INFO("rules the matcher did not apply to their own instance: " << util::join(notFired, ", "));
    CHECK(notFired.empty());
    CHECK(samples >= 3 * rules.rules().size());
}

TEST_CASE("the soundness check catches wrong rules", "[egraph][soundness]") {
    const char* text = R"(
exp-add-wrong: (exp (+ ?a ?b)) => (+ (exp ?a) (exp ?b))
log-mul-unguarded: (log (* ?a ?b)) => (+ (log ?a) (log ?b))
capture: (* ?c (reduce:sum ?k ?lo ?hi ?g ?f)) => (reduce:sum ?k ?lo ?hi ?g (* ?c ?f))
mean-any-size: (/ (sum ?x ?d ?keep) ?n) => (mean ?x ?d ?keep)
)";
    auto set = RuleSet::parse(text, "wrong.rules", "wrong");
    REQUIRE(set);
    for (const Rule& r : set->rules()) {
        RuleReport rep = sampleRule(r, 200);
        INFO(r.name << ": " << rep.samples << " samples, worst " << rep.worst << " at " << rep.worstText);
        CHECK(rep.samples > 0);
        CHECK(rep.worst > 1e-3);
    }
}

TEST_CASE("dynamic rules are sound on the terms they rewrite", "[egraph][soundness]") {
    Fixture f;
    EGraph g(f.c);
    const char* terms[] = {"x / 4.0", "x[i, j] / 0.5", "x / 3.0", "p / (1/3)", "sum[k in 0..N](p * 2.0)",
                           "sum[k in 1..N](x[i, j])", "sum[k in 0..N](x[i, k])", "x / 0.0"};
    for (const char* t : terms) g.add(f.parse(t));
    g.rebuild();
    std::size_t found = 0;
    for (const auto& rule : RuleSet::builtin().dynamicRules()) {
        for (ClassId c : g.classIds()) {
            std::vector<std::pair<ir::Expr, ir::Expr>> out;
            rule->search(g, c, out);
            for (auto& [lhs, rhs] : out) {
                ++found;
                for (unsigned seed = 1; seed <= 3; ++seed) {
                    double d = egraph::testing::maxDifference(lhs, rhs, sampleEnv(f, seed));
                    INFO(rule->name() << ": " << ir::toText(lhs) << " => " << ir::toText(rhs));
                    CHECK(d <= 1e-12);
                }
            }
        }
    }
    // x / 4.0, x[i, j] / 0.5, p / (1/3) and the two invariant sums; not x / 3.0 (1/3 is not an
    // exact double), not x / 0, not the sum whose body depends on k.
    CHECK(found == 5);
}
