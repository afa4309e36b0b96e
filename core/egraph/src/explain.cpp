#include "tlift/egraph/explain.h"

#include "tlift/ir/printer.h"

#include <algorithm>
#include <unordered_map>

namespace tlift::egraph {

using ir::Expr;

std::vector<std::string> Explanation::rulesUsed() const {
    std::vector<std::string> out;
    for (const ExplanationStep& s : steps)
        if (std::find(out.begin(), out.end(), s.rule) == out.end()) out.push_back(s.rule);
    return out;
}

std::string Explanation::text(bool wholeTerms) const {
    std::string out;
    for (const ExplanationStep& s : steps) {
        out += s.rule + (s.reversed ? " (reversed)" : "") + ": ";
        if (wholeTerms) out += ir::toText(s.before) + "  =>  " + ir::toText(s.after);
        else out += ir::toText(s.subBefore) + "  =>  " + ir::toText(s.subAfter);
        out += "\n";
    }
    if (truncated) out += "... (explanation truncated)\n";
    return out;
}

void Explanation::append(const Explanation& next) {
    if (!from) from = next.from;
    to = next.to;
    steps.insert(steps.end(), next.steps.begin(), next.steps.end());
    truncated = truncated || next.truncated;
}

namespace {

class Explainer {
public:
    Explainer(const EGraph& g, const ExplainLimits& limits) : m_g(g), m_limits(limits) {}

    // Steps rewriting a into b, as whole terms rooted where a is.
    bool run(Expr a, Expr b, std::vector<ExplanationStep>& out) {
        if (a == b) return true;
        if (!withinLimits(out)) return false;
        // Ancestors of a, then b's walk up to the first common one.
        std::unordered_map<const ir::Node*, std::size_t> up;
        std::vector<Expr> pathA{a};
        up[a.node()] = 0;
        for (const ProofLink* l = m_g.link(a); l; l = m_g.link(l->next)) {
            up[l->next.node()] = pathA.size();
            pathA.push_back(l->next);
        }
        std::vector<Expr> pathB{b};
        while (!up.count(pathB.back().node())) {
            const ProofLink* l = m_g.link(pathB.back());
            if (!l) return false; // not in one tree: not equal in the graph
            pathB.push_back(l->next);
        }
        std::size_t lca = up.at(pathB.back().node());
        for (std::size_t i = 0; i < lca; ++i) {
            const ProofLink* l = m_g.link(pathA[i]);
            if (!edge(pathA[i], l->next, l->why, l->forward, out)) return false;
        }
        for (std::size_t i = pathB.size() - 1; i-- > 0;) {
            const ProofLink* l = m_g.link(pathB[i]);
            if (!edge(pathB[i + 1], pathB[i], l->why, !l->forward, out)) return false;
        }
        return true;
    }

private:
    bool edge(Expr u, Expr v, Justification why, bool forward, std::vector<ExplanationStep>& out) {
        if (why.kind != Justification::Congruence) {
            ExplanationStep s;
            s.rule = why.kind == Justification::Fold ? "constant-fold" : m_g.justificationName(why.name);
            s.reversed = why.kind == Justification::Rule && !forward;
            s.before = u;
            s.after = v;
            s.subBefore = u;
            s.subAfter = v;
            out.push_back(std::move(s));
            return withinLimits(out);
        }
        // Same operator, equal children: rewrite the children one after the other.
        if (u.arity() != v.arity()) return false;
        Expr cur = u;
        for (std::size_t i = 0; i < u.arity(); ++i) {
            std::vector<ExplanationStep> kid;
            bool ok = run(u[i], v[i], kid);
            for (ExplanationStep& s : kid) {
                if (m_built >= m_limits.maxTermNodes || out.size() >= m_limits.maxSteps) return false;
                std::vector<Expr> kids(cur.children().begin(), cur.children().end());
                kids[i] = s.before;
                auto before = m_g.context().withChildren(cur, kids);
                kids[i] = s.after;
                auto after = m_g.context().withChildren(cur, kids);
                m_built += 2;
                if (!before || !after) return false;
                s.before = *before;
                s.after = *after;
                cur = *after;
                out.push_back(std::move(s));
            }
            if (!ok || !withinLimits(out)) return false;
        }
        return true;
    }

    bool withinLimits(const std::vector<ExplanationStep>& out) {
        if (out.size() >= m_limits.maxSteps || m_built >= m_limits.maxTermNodes) return false;
        if (++m_checks % 256 == 0 && (m_limits.deadline.expired() || m_limits.cancel.cancelled())) m_stopped = true;
        return !m_stopped;
    }

    const EGraph& m_g;
    const ExplainLimits& m_limits;
    std::size_t m_built = 0;
    std::size_t m_checks = 0;
    bool m_stopped = false;
};

} // namespace

Explanation explain(const EGraph& g, Expr from, Expr to, const ExplainLimits& limits) {
    Explanation e;
    e.from = from;
    e.to = to;
    Explainer x(g, limits);
    e.truncated = !x.run(from, to, e.steps);
    return e;
}

} // namespace tlift::egraph
