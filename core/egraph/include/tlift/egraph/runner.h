#pragma once
// The runner: equality saturation with limits. Each iteration searches every rule (static and
// dynamic) on the rebuilt graph, applies the matches, and rebuilds once. It stops when nothing
// changes (Saturated), or at the node, iteration or time limit, or when cancelled; whatever the
// reason, the graph is left rebuilt, so extraction works on it.

#include "tlift/egraph/rule_set.h"
#include "tlift/egraph/scheduler.h"
#include "tlift/util/cancel.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace tlift::egraph {

struct RunnerLimits {
    std::size_t nodeLimit = 20000;      // e-nodes
    std::size_t iterationLimit = 40;
    std::chrono::milliseconds timeLimit{3000};
    bool backoff = true;                // exponential backoff for rules that explode
    std::size_t matchLimit = 1000;      // backoff: matches per iteration before a ban
    std::size_t banLength = 3;          // backoff: iterations of the first ban
};

struct RuleIterationStats {
    std::size_t rule = 0;     // index in Runner::ruleNames()
    std::size_t matches = 0;  // matches whose conditions hold
    std::size_t applied = 0;  // applications that changed the graph
    std::size_t rejected = 0; // right sides that were ill-typed or of another type
    bool banned = false;      // banned in this iteration by the backoff
};

struct Iteration {
    std::size_t index = 0;
    std::size_t nodes = 0;    // e-nodes after the rebuild
    std::size_t classes = 0;
    std::size_t matches = 0;
    std::size_t applied = 0;
    std::size_t rebuildUnions = 0; // congruences found by the rebuild
    std::vector<RuleIterationStats> rules; // rules with matches, rejections or a ban
    double searchMs = 0, applyMs = 0, rebuildMs = 0, totalMs = 0;
};

class Runner {
public:
    Runner(EGraph& g, const RuleSet& rules, RunnerLimits limits = {});

    void setCancel(util::CancelToken token) { m_cancel = std::move(token); }
    // Called after each iteration (on the runner's thread).
    void setProgress(std::function<void(const Iteration&)> f) { m_progress = std::move(f); }

    util::StopReason run();

    util::StopReason stopReason() const { return m_stop; }
    const std::vector<Iteration>& iterations() const { return m_iterations; }
    // Rule names, static rules first then dynamic ones (the index of RuleIterationStats::rule).
    const std::vector<std::string>& ruleNames() const { return m_names; }
    // Total applications that changed the graph, per rule.
    const std::vector<std::size_t>& appliedTotals() const { return m_applied; }
    double totalMs() const;

private:
    struct Match {
        ClassId root;
        Subst subst;
    };
    bool outOfTime() const;
    bool stopRequested(util::StopReason& why) const;
    void search(std::size_t iteration, std::vector<std::vector<Match>>& matches,
                std::vector<std::vector<std::pair<ir::Expr, ir::Expr>>>& dyn, Iteration& it);
    bool apply(const std::vector<std::vector<Match>>& matches,
               const std::vector<std::vector<std::pair<ir::Expr, ir::Expr>>>& dyn, Iteration& it);
    bool applyOne(const Rule& r, std::uint32_t just, const Match& m, RuleIterationStats& st);
    bool applyPair(std::uint32_t just, ir::Expr lhs, ir::Expr rhs, RuleIterationStats& st);

    EGraph& m_g;
    const RuleSet& m_rules;
    RunnerLimits m_limits;
    BackoffScheduler m_scheduler;
    util::CancelToken m_cancel;
    std::function<void(const Iteration&)> m_progress;
    util::Clock::time_point m_start;
    util::StopReason m_stop = util::StopReason::Completed;
    std::vector<Iteration> m_iterations;
    std::vector<std::string> m_names;
    std::vector<std::uint32_t> m_just;
    std::vector<std::size_t> m_applied;
};

} // namespace tlift::egraph
