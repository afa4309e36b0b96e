// E-graph throughput on summaries shaped like the kernel corpus (de-indexed, then saturated with
// the builtin rules) and on a synthetic associativity/commutativity workload (long sums and
// products). Prints one row per workload: iterations, stop reason, e-nodes and classes at the
// end, e-nodes created per second of running, total rebuild time, extraction time, and the
// extracted term.
#include "tlift/egraph/deindex.h"
#include "tlift/egraph/extractor.h"
#include "tlift/egraph/runner.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <cstdio>
#include <string>

using namespace tlift;
using namespace tlift::egraph;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

ir::Scope scope(ir::Context& c) {
    ir::Scope s;
    ir::Expr M = c.sym("M", ir::DType::I32), N = c.sym("N", ir::DType::I32), K = c.sym("K", ir::DType::I32);
    for (ir::Expr e : {M, N, K}) s.declare(e);
    for (const char* n : {"eps", "scale"}) s.declare(c.sym(n, ir::DType::F32));
    for (const char* n : {"x", "y", "out"}) s.declare(c.tensor(n, ir::DType::F32, {M, N}));
    for (const char* n : {"w", "b"}) s.declare(c.tensor(n, ir::DType::F32, {N}));
    s.declare(c.tensor("a", ir::DType::F32, {M, K}));
    s.declare(c.tensor("bm", ir::DType::F32, {K, N}));
    s.declare(c.tensor("out1", ir::DType::F32, {M}));
    return s;
}

struct Row {
    std::string name;
    std::size_t iterations = 0;
    util::StopReason stop = util::StopReason::Completed;
    std::size_t nodes = 0, classes = 0, created = 0;
    double runMs = 0, rebuildMs = 0, extractMs = 0;
    std::string result;
};

Row run(const std::string& name, const std::string& text, const RuleSet& rules, RunnerLimits limits, bool equation) {
    ir::Context c;
    ir::Scope s = scope(c);
    ir::Expr term;
    if (equation) {
        auto eq = ir::parseEquation(c, text, s);
        if (!eq) {
            std::fprintf(stderr, "%s: %s\n", name.c_str(), eq.error().message.c_str());
            return {};
        }
        auto t = deindexSummary(c, eq->lhs, ir::canonicalizeBinders(c, eq->rhs));
        term = t ? *t : ir::canonicalizeBinders(c, eq->rhs);
    } else {
        auto e = ir::parseExpr(c, text, s);
        if (!e) {
            std::fprintf(stderr, "%s: %s\n", name.c_str(), e.error().message.c_str());
            return {};
        }
        term = *e;
    }
    EGraph g(c);
    ClassId root = g.add(term);
    std::size_t before = g.nodeSlots();
    Runner r(g, rules, limits);
    auto t0 = Clock::now();
    Row row;
    row.stop = r.run();
    auto t1 = Clock::now();
    TextbookCost cost;
    Extractor ex(g, cost);
    ir::Expr best = ex.term(root);
    auto t2 = Clock::now();
    row.name = name;
    row.iterations = r.iterations().size();
    row.nodes = g.nodeCount();
    row.classes = g.classCount();
    row.created = g.nodeSlots() - before;
    row.runMs = ms(t0, t1);
    for (const Iteration& it : r.iterations()) row.rebuildMs += it.rebuildMs;
    row.extractMs = ms(t1, t2);
    row.result = ir::toText(best);
    if (row.result.size() > 48) row.result = row.result.substr(0, 45) + "...";
    return row;
}

std::string chain(const char* op, int n) {
    std::string s = "x[0, 0]";
    for (int k = 1; k < n; ++k) s += std::string(" ") + op + " x[0, " + std::to_string(k) + "]";
    return s;
}

} // namespace

int main() {
    const RuleSet& rules = RuleSet::builtin();
    RunnerLimits corpus;
    struct Workload {
        const char* name;
        const char* text;
    };
    const Workload summaries[] = {
        {"softmax", "out[i, j] = exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))"},
        {"softmax_exp2", "out[i, j] = exp2((x[i, j] - max[k in 0..N](x[i, k])) * (scale * 1.4426950408889634)) / "
                         "sum[k in 0..N](exp2((x[i, k] - max[l in 0..N](x[i, l])) * (scale * 1.4426950408889634)))"},
        {"log_softmax", "out[i, j] = x[i, j] - max[k in 0..N](x[i, k]) - log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))"},
        {"logsumexp", "out1[i] = max[k in 0..N](x[i, k]) + log(sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l]))))"},
        {"layer_norm", "out[i, j] = (x[i, j] - sum[k in 0..N](x[i, k]) / cast(N, f32)) * rsqrt(sum[k in 0..N]((x[i, k] - "
                       "sum[l in 0..N](x[i, l]) / cast(N, f32)) * (x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32))) / "
                       "cast(N, f32) + eps) * w[j] + b[j]"},
        {"rms_norm", "out[i, j] = x[i, j] * rsqrt(sum[k in 0..N](x[i, k] * x[i, k]) / cast(N, f32) + eps) * w[j]"},
        {"row_var", "out1[i] = sum[k in 0..N]((x[i, k] - sum[l in 0..N](x[i, l]) / cast(N, f32)) * (x[i, k] - "
                    "sum[l in 0..N](x[i, l]) / cast(N, f32))) / cast(N - 1, f32)"},
        {"gelu_erf", "out[i, j] = 0.5 * x[i, j] * (1.0 + erf(x[i, j] * 0.7071067811865476))"},
        {"gelu_tanh", "out[i, j] = 0.5 * x[i, j] * (1.0 + tanh(0.7978845608028654 * (x[i, j] + 0.044715 * x[i, j] * "
                      "x[i, j] * x[i, j])))"},
        {"geglu_tanh", "out[i, j] = 0.5 * x[i, j] * (1.0 + (2.0 * sigmoid(2.0 * (0.7978845608028654 * (x[i, j] + "
                       "0.044715 * x[i, j] * x[i, j] * x[i, j]))) - 1.0)) * y[i, j]"},
        {"silu", "out[i, j] = x[i, j] / (1.0 + exp(-x[i, j]))"},
        {"matmul_bias_relu", "out[i, j] = max(sum[k in 0..K](a[i, k] * bm[k, j]) + w[j], 0.0)"},
    };
    std::printf("%-18s %5s %-15s %8s %8s %12s %10s %10s  %s\n", "workload", "iter", "stop", "e-nodes", "classes",
                "e-nodes/s", "rebuild ms", "extract ms", "result");
    auto print = [](const Row& r) {
        double rate = r.runMs > 0 ? static_cast<double>(r.created) / (r.runMs / 1000.0) : 0.0;
        std::printf("%-18s %5zu %-15s %8zu %8zu %12.0f %10.2f %10.2f  %s\n", r.name.c_str(), r.iterations,
                    util::stopReasonName(r.stop), r.nodes, r.classes, rate, r.rebuildMs, r.extractMs, r.result.c_str());
    };
    for (const Workload& w : summaries) print(run(w.name, w.text, rules, corpus, true));
    // Synthetic: only associativity and commutativity, until the node limit.
    auto ac = RuleSet::parse(R"(
add-comm: (+ ?a ?b) => (+ ?b ?a)
mul-comm: (* ?a ?b) => (* ?b ?a)
add-assoc: (+ (+ ?a ?b) ?c) <=> (+ ?a (+ ?b ?c))
mul-assoc: (* (* ?a ?b) ?c) <=> (* ?a (* ?b ?c))
)",
                             "ac.rules", "ac");
    RunnerLimits big;
    big.nodeLimit = 100000;
    big.iterationLimit = 100;
    big.timeLimit = std::chrono::milliseconds(20000);
    for (int n : {6, 8, 10, 12}) {
        print(run("ac_sum_" + std::to_string(n), chain("+", n), *ac, big, false));
        print(run("ac_prod_" + std::to_string(n), chain("*", n), *ac, big, false));
    }
    print(run("builtin_sum_10", chain("+", 10), rules, big, false));
    return 0;
}
