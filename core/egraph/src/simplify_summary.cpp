#include "tlift/egraph/simplify_summary.h"

#include "tlift/egraph/deindex.h"
#include "tlift/egraph/extractor.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

namespace tlift::egraph {

using ir::Expr;

std::string SimplifyResult::summaryText() const {
    if (!rhs) return "";
    return (lhs ? ir::toText(lhs) + " = " : std::string()) + ir::toText(rhs);
}

namespace {

bool isLimit(util::StopReason r) {
    return r != util::StopReason::Saturated && r != util::StopReason::Completed;
}

class Pipeline {
public:
    Pipeline(ir::Context& ctx, const RuleSet& rules, const RunnerLimits& limits, util::CancelToken cancel)
        : m_ctx(ctx), m_rules(rules), m_limits(limits), m_cancel(std::move(cancel)),
          m_start(util::Clock::now()) {
        m_res.graph = std::make_shared<EGraph>(ctx);
    }

    // Runs the rules from the current graph with what is left of the limits; returns the best
    // term of `root` (added to the graph, so that it can be explained).
    Expr saturate(ClassId root) {
        RunnerLimits left = m_limits;
        if (m_limits.timeLimit.count() > 0) {
            auto used = std::chrono::duration_cast<std::chrono::milliseconds>(util::Clock::now() - m_start);
            left.timeLimit = std::max(std::chrono::milliseconds(1), m_limits.timeLimit - used);
        }
        if (m_limits.iterationLimit) left.iterationLimit = m_limits.iterationLimit - std::min(m_limits.iterationLimit, m_res.iterations.size());
        EGraph& g = *m_res.graph;
        util::StopReason stop = util::StopReason::IterationLimit;
        if (!m_limits.iterationLimit || left.iterationLimit > 0) {
            Runner runner(g, m_rules, left);
            runner.setCancel(m_cancel);
            stop = runner.run();
            for (Iteration it : runner.iterations()) {
                it.index = m_res.iterations.size();
                m_res.iterations.push_back(std::move(it));
            }
            m_res.ruleNames = runner.ruleNames();
        }
        g.rebuild();
        if (!isLimit(m_res.stop)) m_res.stop = stop; // the first limit hit is the one to report
        TextbookCost cost;
        Extractor ex(g, cost);
        Expr best = ex.term(root);
        if (!best) best = g.eclass(root).rep;
        m_res.cost = ex.cost(root);
        m_res.dagCost = ex.dagCost(root);
        g.add(best);
        g.rebuild();
        m_res.root = g.find(root);
        return best;
    }

    // Explanations share the run's deadline (with a floor: a summary that saturated at the limit
    // still gets a useful explanation) and its cancel token.
    ExplainLimits explainLimits() const {
        ExplainLimits l;
        l.cancel = m_cancel;
        if (m_limits.timeLimit.count() > 0) {
            auto used = std::chrono::duration_cast<std::chrono::milliseconds>(util::Clock::now() - m_start);
            l.deadline = util::Deadline::after(std::max(std::chrono::milliseconds(200), m_limits.timeLimit - used));
        }
        return l;
    }

    bool stopped() const { return m_cancel.cancelled() || m_res.stop == util::StopReason::Cancelled; }

    SimplifyResult run(Expr lhs, Expr rhs, bool allowDeindex) {
        Expr input = ir::canonicalizeBinders(m_ctx, rhs);
        m_res.input = input;
        m_res.lhs = lhs;
        EGraph& g = *m_res.graph;
        util::Result<Expr> t0 = allowDeindex ? deindexSummary(m_ctx, lhs, input) : util::Result<Expr>(input);
        if (t0) {
            Expr t = ir::canonicalizeBinders(m_ctx, *t0);
            ClassId root = g.add(t);
            Expr best = saturate(root);
            if (t != input) m_res.explanation.append(deindexStep(input, t));
            m_res.explanation.append(explain(g, t, best, explainLimits()));
            finish(lhs, best, lhs && (t != input || lhs.op() == ir::Op::Tensor));
            return std::move(m_res);
        }
        m_res.indexReason = t0.error().message;
        ClassId rootIdx = g.add(input);
        Expr bestIdx = saturate(rootIdx);
        m_res.explanation.append(explain(g, input, bestIdx, explainLimits()));
        auto t1 = deindexSummary(m_ctx, lhs, bestIdx);
        if (!t1 || stopped()) {
            if (t1 && stopped()) m_res.indexReason = "cancelled before the tensor form was simplified";
            finish(lhs, bestIdx, false);
            return std::move(m_res);
        }
        Expr t = ir::canonicalizeBinders(m_ctx, *t1);
        ClassId rootT = g.add(t);
        Expr best = saturate(rootT);
        m_res.explanation.append(deindexStep(bestIdx, t));
        m_res.explanation.append(explain(g, t, best, explainLimits()));
        m_res.indexReason.clear();
        finish(lhs, best, true);
        return std::move(m_res);
    }

private:
    static Explanation deindexStep(Expr from, Expr to) {
        Explanation e;
        e.from = from;
        e.to = to;
        e.steps.push_back(ExplanationStep{"de-index", false, from, to, from, to});
        return e;
    }

    void finish(Expr lhs, Expr best, bool tensor) {
        m_res.rhs = best;
        m_res.tensorLevel = tensor;
        if (tensor && lhs && lhs.op() == ir::Op::Read) m_res.lhs = lhs[0];
        m_res.rulesUsed = m_res.explanation.rulesUsed();
    }

    ir::Context& m_ctx;
    const RuleSet& m_rules;
    RunnerLimits m_limits;
    util::CancelToken m_cancel;
    util::Clock::time_point m_start;
    SimplifyResult m_res;
};

} // namespace

SimplifyResult simplifySummary(ir::Context& ctx, Expr lhs, Expr rhs, const RuleSet& rules, const RunnerLimits& limits,
                               util::CancelToken cancel) {
    Pipeline p(ctx, rules, limits, std::move(cancel));
    return p.run(lhs, rhs, true);
}

SimplifyResult simplifyTerm(ir::Context& ctx, Expr term, const RuleSet& rules, const RunnerLimits& limits,
                            util::CancelToken cancel) {
    Pipeline p(ctx, rules, limits, std::move(cancel));
    return p.run(Expr(), term, false);
}

} // namespace tlift::egraph
