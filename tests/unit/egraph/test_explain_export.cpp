// Explanations (every step is a sound rewrite of the whole term, the chain connects input and
// result) and the DOT / JSON exports.

#include "helpers.h"

#include "tlift/egraph/export.h"
#include "tlift/egraph/rule_set.h"
#include "tlift/ir/printer.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace tlift;
using namespace tlift::egraph;
using egraph::testing::Fixture;

namespace {

void checkChain(Fixture& f, const Explanation& e, bool skipDeindex) {
    REQUIRE_FALSE(e.truncated);
    REQUIRE_FALSE(e.steps.empty());
    CHECK(e.steps.front().before == e.from);
    CHECK(e.steps.back().after == e.to);
    for (std::size_t s = 0; s + 1 < e.steps.size(); ++s) CHECK(e.steps[s].after == e.steps[s + 1].before);
    for (const ExplanationStep& s : e.steps) {
        CHECK_FALSE(s.rule.empty());
        CHECK(s.subBefore);
        CHECK(s.subAfter);
        if (skipDeindex && s.rule == "de-index") continue;
        // Each step rewrites the whole term into an equal one.
        for (unsigned seed = 1; seed <= 2; ++seed) {
            ir::Env env = egraph::testing::randomEnv(f, seed);
            env.setVar(f.var("i"), 1);
            env.setVar(f.var("j"), 2);
            double d = egraph::testing::maxDifference(s.before, s.after, env);
            INFO(s.rule << ": " << ir::toText(s.before) << "  =>  " << ir::toText(s.after));
            CHECK(d <= 1e-6);
        }
    }
}

} // namespace

TEST_CASE("explanations chain the input to the result, one sound rule step at a time", "[egraph][explain]") {
    const char* starts[] = {
        "exp(x - amax(x, 1, true)) / sum(exp(x - amax(x, 1, true)), 1, true)",
        "0.5 * x * (1.0 + erf(x * 0.7071067811865476))",
        "x * rsqrt(sum(x * x, 1, true) / cast(N, f32) + eps) * w",
        "(2.0 * 3.0 - 6.0) * x + x * sigmoid(x)",
        "sum[k in 0..N](p * x[i, k] + 0.0) / cast(N, f32)",
    };
    for (const char* s : starts) {
        Fixture f;
        SimplifyResult r = simplifyTerm(f.c, f.parse(s), RuleSet::builtin(), RunnerLimits{});
        INFO(s << "\n=> " << ir::toText(r.rhs) << "\n" << r.explanation.text(true));
        CHECK(r.explanation.from == r.input);
        CHECK(r.explanation.to == r.rhs);
        checkChain(f, r.explanation, false);
        CHECK_FALSE(r.rulesUsed.empty());
    }
}

TEST_CASE("a summary's explanation starts at the index form and has a de-index step", "[egraph][explain]") {
    Fixture f;
    ir::Equation eq = f.equation("out[i, j] = exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))");
    SimplifyResult r = simplifySummary(f.c, eq.lhs, eq.rhs, RuleSet::builtin(), RunnerLimits{});
    REQUIRE(r.tensorLevel);
    CHECK(r.summaryText() == "out = softmax(x, dim=1)");
    CHECK(r.explanation.steps.front().rule == "de-index");
    CHECK(r.rulesUsed == std::vector<std::string>{"de-index", "softmax-def"});
    checkChain(f, r.explanation, true);
}

TEST_CASE("a summary simplified at index level first, then de-indexed, explains both parts", "[egraph][explain]") {
    Fixture f;
    ir::Equation eq = f.equation("out1[i] = v[i] + 0.0 * x[i, i]");
    SimplifyResult r = simplifySummary(f.c, eq.lhs, eq.rhs, RuleSet::builtin(), RunnerLimits{});
    REQUIRE(r.tensorLevel);
    CHECK(r.summaryText() == "out1 = v");
    INFO(r.explanation.text());
    REQUIRE(r.explanation.steps.size() >= 3);
    CHECK(r.explanation.steps.back().rule == "de-index");
    CHECK(r.explanation.steps.front().before == r.input);
    checkChain(f, r.explanation, true);
}

TEST_CASE("constant folds appear in explanations", "[egraph][explain]") {
    Fixture f;
    EGraph g(f.c);
    ir::Expr t = f.parse("x * (2.0 - 1.0)");
    ClassId c = g.add(t);
    g.rebuild();
    Runner(g, RuleSet::builtin()).run();
    TextbookCost cost;
    ir::Expr best = Extractor(g, cost).term(c);
    CHECK(best == f.parse("x"));
    g.add(best);
    Explanation e = explain(g, t, best);
    INFO(e.text(true));
    CHECK(e.rulesUsed() == std::vector<std::string>{"constant-fold", "mul-one"});
    checkChain(f, e, false);
}

TEST_CASE("DOT export: clusters per class, highlighted extraction, caps", "[egraph][export]") {
    Fixture f;
    SimplifyResult r = simplifyTerm(f.c, f.parse("exp(x - amax(x, 1, true)) / sum(exp(x - amax(x, 1, true)), 1, true)"),
                                    RuleSet::builtin(), RunnerLimits{});
    const EGraph& g = *r.graph;
    TextbookCost cost;
    Extractor ex(g, cost);
    DotOptions o;
    o.roots = {r.root};
    o.extractor = &ex;
    std::string dot = toDot(g, o);
    CHECK(dot.rfind("digraph egraph {", 0) == 0);
    CHECK(dot.back() == '\n');
    CHECK(std::count(dot.begin(), dot.end(), '{') == std::count(dot.begin(), dot.end(), '}'));
    CHECK(dot.find("subgraph cluster_" + std::to_string(r.root)) != std::string::npos);
    CHECK(dot.find("softmax") != std::string::npos);
    CHECK(dot.find("fillcolor") != std::string::npos);
    CHECK(dot.find(std::to_string(g.classCount()) + " classes") != std::string::npos);
    o.maxClasses = 3;
    o.maxNodes = 1000;
    std::string small = toDot(g, o);
    CHECK(small.find("3 of " + std::to_string(g.classCount()) + " classes") != std::string::npos);
    CHECK(std::count(small.begin(), small.end(), '{') == std::count(small.begin(), small.end(), '}'));
    std::size_t clusters = 0;
    for (std::size_t p = small.find("subgraph cluster_"); p != std::string::npos; p = small.find("subgraph cluster_", p + 1)) ++clusters;
    CHECK(clusters == 3);
    o.maxClasses = 1000;
    o.maxNodes = 5;
    std::string few = toDot(g, o);
    CHECK(few.find("5 of " + std::to_string(g.nodeCount()) + " e-nodes shown") != std::string::npos);
    std::size_t nodes = 0;
    for (std::size_t p = few.find("[label="); p != std::string::npos; p = few.find("[label=", p + 1)) ++nodes;
    CHECK(nodes == 5);
}

TEST_CASE("JSON export follows egraph-serialize", "[egraph][export]") {
    Fixture f;
    SimplifyResult r = simplifyTerm(f.c, f.parse("x * sigmoid(x)"), RuleSet::builtin(), RunnerLimits{});
    const EGraph& g = *r.graph;
    TextbookCost cost;
    nlohmann::json j = nlohmann::json::parse(toSerializedJson(g, {r.root}, cost).dump());
    REQUIRE(j.contains("nodes"));
    REQUIRE(j.contains("root_eclasses"));
    REQUIRE(j.contains("class_data"));
    CHECK(j["root_eclasses"] == nlohmann::json::array({std::to_string(r.root)}));
    CHECK(j["nodes"].size() == g.nodeCount());
    CHECK(j["class_data"].size() == g.classCount());
    bool sawSilu = false;
    for (auto& [id, node] : j["nodes"].items()) {
        REQUIRE(node["op"].is_string());
        REQUIRE(node["eclass"].is_string());
        REQUIRE(node["cost"].is_number());
        REQUIRE(j["class_data"].contains(node["eclass"].get<std::string>()));
        for (auto& child : node["children"]) CHECK(j["nodes"].contains(child.get<std::string>()));
        sawSilu = sawSilu || node["op"] == "silu";
    }
    CHECK(sawSilu);
    CHECK(j["class_data"][std::to_string(r.root)]["type"] == "f32[M, N]");
}

TEST_CASE("explanations are bounded and say when they are cut", "[egraph][explain]") {
    Fixture f;
    SimplifyResult r = simplifyTerm(f.c, f.parse("(x * 1.0 + 0.0) * sigmoid(x * 1.0 + 0.0)"), RuleSet::builtin(),
                                    RunnerLimits{});
    REQUIRE(r.rhs == f.parse("silu(x)"));
    REQUIRE(r.explanation.steps.size() > 2);
    CHECK_FALSE(r.explanation.truncated);
    ExplainLimits few;
    few.maxSteps = 2;
    Explanation cut = explain(*r.graph, r.input, r.rhs, few);
    CHECK(cut.truncated);
    CHECK(cut.steps.size() <= 2);
    ExplainLimits late;
    late.deadline = util::Deadline::after(std::chrono::milliseconds(0));
    late.maxTermNodes = 0;
    CHECK(explain(*r.graph, r.input, r.rhs, late).truncated);
}

TEST_CASE("a simplification result has a JSON form for reports", "[egraph][export]") {
    Fixture f;
    ir::Equation eq = f.equation("out[i, j] = x[i, j] * sigmoid(x[i, j])");
    SimplifyResult r = simplifySummary(f.c, eq.lhs, eq.rhs, RuleSet::builtin(), RunnerLimits{});
    nlohmann::json j = nlohmann::json::parse(toJson(r).dump());
    CHECK(j["lhs"] == "out");
    CHECK(j["rhs"] == "silu(x)");
    CHECK(j["tensor_level"] == true);
    CHECK(j["stop"] == "saturated");
    CHECK(j["rules_used"] == nlohmann::json::array({"de-index", "silu-def"}));
    REQUIRE(j["iterations"].size() == r.iterations.size());
    bool sawSilu = false;
    for (auto& it : j["iterations"])
        for (auto& rule : it["rules"]) sawSilu = sawSilu || (rule["rule"] == "silu-def" && rule["applied"] == 1);
    CHECK(sawSilu);
    REQUIRE(j["explanation"]["steps"].size() == 2);
    CHECK(j["explanation"]["steps"][1]["sub_after"] == "silu(x)");
}
