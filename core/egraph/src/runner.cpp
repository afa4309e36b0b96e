#include "tlift/egraph/runner.h"

#include "tlift/egraph/matcher.h"

#include <limits>
#include <unordered_map>

namespace tlift::egraph {

using ir::Expr;

namespace {

double msSince(util::Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(util::Clock::now() - t).count();
}

} // namespace

Runner::Runner(EGraph& g, const RuleSet& rules, RunnerLimits limits)
    : m_g(g), m_rules(rules), m_limits(limits),
      m_scheduler(rules.rules().size() + rules.dynamicRules().size(), limits.matchLimit, limits.banLength) {
    for (const Rule& r : rules.rules()) m_names.push_back(r.name);
    for (const auto& d : rules.dynamicRules()) m_names.push_back(d->name());
    for (const std::string& n : m_names) m_just.push_back(g.justificationName(n));
    m_applied.assign(m_names.size(), 0);
}

double Runner::totalMs() const {
    double t = 0;
    for (const Iteration& it : m_iterations) t += it.totalMs;
    return t;
}

bool Runner::outOfTime() const {
    return m_limits.timeLimit.count() > 0 && util::Clock::now() - m_start >= m_limits.timeLimit;
}

bool Runner::stopRequested(util::StopReason& why) const {
    if (m_cancel.cancelled()) why = util::StopReason::Cancelled;
    else if (outOfTime()) why = util::StopReason::TimeLimit;
    else if (m_limits.nodeLimit && m_g.nodeCount() >= m_limits.nodeLimit) why = util::StopReason::NodeLimit;
    else if (m_limits.iterationLimit && m_iterations.size() >= m_limits.iterationLimit) why = util::StopReason::IterationLimit;
    else return false;
    return true;
}

util::StopReason Runner::run() {
    m_start = util::Clock::now();
    m_g.rebuild();
    for (std::size_t iter = 0;; ++iter) {
        util::StopReason why;
        if (stopRequested(why)) {
            m_stop = why;
            break;
        }
        Iteration it;
        it.index = iter;
        auto t0 = util::Clock::now();
        std::uint64_t before = m_g.version();
        std::vector<std::vector<Match>> matches;
        std::vector<std::vector<std::pair<Expr, Expr>>> dyn;
        search(iter, matches, dyn, it);
        it.searchMs = msSince(t0);
        auto t1 = util::Clock::now();
        bool complete = !m_cancel.cancelled() && !outOfTime() && apply(matches, dyn, it);
        it.applyMs = msSince(t1);
        auto t2 = util::Clock::now();
        it.rebuildUnions = m_g.rebuild();
        it.rebuildMs = msSince(t2);
        it.totalMs = msSince(t0);
        it.nodes = m_g.nodeCount();
        it.classes = m_g.classCount();
        bool changed = m_g.version() != before;
        m_iterations.push_back(std::move(it));
        if (m_progress) m_progress(m_iterations.back());
        if (!complete) {
            if (!stopRequested(m_stop)) m_stop = util::StopReason::NodeLimit;
            break;
        }
        if (!changed && (!m_limits.backoff || m_scheduler.canStop(iter))) {
            m_stop = util::StopReason::Saturated;
            break;
        }
    }
    return m_stop;
}

void Runner::search(std::size_t iteration, std::vector<std::vector<Match>>& matches,
                    std::vector<std::vector<std::pair<Expr, Expr>>>& dyn, Iteration& it) {
    // Classes by the operators of their e-nodes: the candidates for a pattern's root.
    std::unordered_map<std::uint64_t, std::vector<ClassId>> byOp;
    std::vector<ClassId> classes = m_g.classIds();
    for (ClassId c : classes) {
        std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
        for (NodeId n : m_g.eclass(c).nodes) {
            std::uint64_t k = opKeyOf(m_g.node(n).term);
            if (k == last) continue;
            auto& v = byOp[k];
            if (v.empty() || v.back() != c) v.push_back(c);
            last = k;
        }
    }
    const auto& rules = m_rules.rules();
    matches.assign(rules.size(), {});
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (m_cancel.cancelled() || outOfTime()) return;
        const Rule& r = rules[i];
        if (m_limits.backoff && m_scheduler.banned(i, iteration)) continue;
        auto found = byOp.find(opKeyOf(r.lhs.rootNode()));
        if (found == byOp.end()) continue;
        std::size_t limit = m_limits.backoff ? m_scheduler.threshold(i) + 1 : std::numeric_limits<std::size_t>::max();
        Matcher matcher(m_g, r.lhs, static_cast<std::size_t>(r.slots));
        std::vector<Match>& out = matches[i];
        for (ClassId c : found->second) {
            bool more = matcher.match(c, [&](const Subst& s) {
                if (!r.conditionsHold(ClassBinding(m_g, s))) return true;
                out.push_back(Match{c, s});
                return out.size() < limit;
            });
            if (!more) break;
        }
        if (m_limits.backoff && !m_scheduler.admit(i, iteration, out.size())) {
            RuleIterationStats st;
            st.rule = i;
            st.matches = out.size();
            st.banned = true;
            it.rules.push_back(st);
            out.clear();
        }
    }
    const auto& dynamic = m_rules.dynamicRules();
    dyn.assign(dynamic.size(), {});
    for (std::size_t d = 0; d < dynamic.size(); ++d) {
        std::size_t index = rules.size() + d;
        if (m_limits.backoff && m_scheduler.banned(index, iteration)) continue;
        for (ClassId c : classes) {
            if (m_cancel.cancelled() || outOfTime()) return;
            dynamic[d]->search(m_g, c, dyn[d]);
        }
        if (m_limits.backoff && !m_scheduler.admit(index, iteration, dyn[d].size())) {
            RuleIterationStats st;
            st.rule = index;
            st.matches = dyn[d].size();
            st.banned = true;
            it.rules.push_back(st);
            dyn[d].clear();
        }
    }
}

bool Runner::apply(const std::vector<std::vector<Match>>& matches,
                   const std::vector<std::vector<std::pair<Expr, Expr>>>& dyn, Iteration& it) {
    std::size_t counter = 0;
    auto limitsOk = [&]() {
        if (m_limits.nodeLimit && m_g.nodeCount() > m_limits.nodeLimit) return false;
        if (++counter % 32 == 0 && (m_cancel.cancelled() || outOfTime())) return false;
        return true;
    };
    const auto& rules = m_rules.rules();
    auto record = [&](RuleIterationStats& st) {
        it.matches += st.matches;
        it.applied += st.applied;
        if (st.matches || st.rejected) it.rules.push_back(st);
    };
    for (std::size_t i = 0; i < matches.size(); ++i) {
        RuleIterationStats st;
        st.rule = i;
        st.matches = matches[i].size();
        for (const Match& m : matches[i]) {
            applyOne(rules[i], m_just[i], m, st);
            if (!limitsOk()) {
                record(st);
                return false;
            }
        }
        m_applied[i] += st.applied;
        record(st);
    }
    for (std::size_t d = 0; d < dyn.size(); ++d) {
        RuleIterationStats st;
        st.rule = rules.size() + d;
        st.matches = dyn[d].size();
        for (const auto& [lhs, rhs] : dyn[d]) {
            applyPair(m_just[st.rule], lhs, rhs, st);
            if (!limitsOk()) {
                record(st);
                return false;
            }
        }
        m_applied[st.rule] += st.applied;
        record(st);
    }
    return true;
}

bool Runner::applyOne(const Rule& r, std::uint32_t just, const Match& m, RuleIterationStats& st) {
    Expr rootRep = m_g.eclass(m.root).rep;
    auto nvars = static_cast<int>(r.vars.size());
    std::function<Expr(int)> lhsValue = [&](int slot) -> Expr {
        ClassId c = m.subst[static_cast<std::size_t>(slot)];
        if (c == kNoClass) return Expr();
        // A literal's hidden slot: the constant leaf the class holds.
        return slot >= nvars ? m_g.data(c).constant : m_g.eclass(c).rep;
    };
    std::function<Expr(int)> rhsValue = [&](int slot) -> Expr {
        if (slot >= nvars) return Expr();
        ClassId c = m.subst[static_cast<std::size_t>(slot)];
        return c == kNoClass ? Expr() : m_g.eclass(c).rep;
    };
    auto rhs = instantiate(m_g.context(), r.rhs, rhsValue, rootRep.dtype());
    // Already there (most matches of a rule that fired before): nothing to do.
    if (rhs && m_g.lookup(*rhs) == m_g.find(m.root)) return false;
    auto lhs = instantiate(m_g.context(), r.lhs, lhsValue, rootRep.dtype());
    if (!lhs || !rhs || !EGraph::sameType(*lhs, rootRep) || !EGraph::sameType(*rhs, rootRep)) {
        ++st.rejected;
        return false;
    }
    return applyPair(just, *lhs, *rhs, st);
}

bool Runner::applyPair(std::uint32_t just, Expr lhs, Expr rhs, RuleIterationStats& st) {
    if (!EGraph::sameType(lhs, rhs)) {
        ++st.rejected;
        return false;
    }
    std::uint64_t before = m_g.version();
    try {
        m_g.add(lhs);
        m_g.add(rhs);
        m_g.unionTerms(lhs, rhs, Justification{Justification::Rule, just});
    } catch (const EGraphError&) {
        ++st.rejected;
        return false;
    }
    bool changed = m_g.version() != before;
    if (changed) ++st.applied;
    return changed;
}

} // namespace tlift::egraph
