#include "tlift/synth/search_tree.h"

namespace tlift::synth {

const char* fateName(Fate f) {
    switch (f) {
    case Fate::Open: return "open";
    case Fate::Expanded: return "expanded";
    case Fate::PrunedType: return "pruned_type";
    case Fate::PrunedEquivalent: return "pruned_equivalent";
    case Fate::Refuted: return "refuted";
    case Fate::Tested: return "tested";
    case Fate::Verified: return "verified";
    case Fate::Rejected: return "rejected";
    }
    return "open";
}

const char* phaseName(Phase p) {
    switch (p) {
    case Phase::Spec: return "spec";
    case Phase::TopDown: return "top_down";
    case Phase::BottomUp: return "bottom_up";
    case Phase::Test: return "test";
    case Phase::Verify: return "verify";
    case Phase::Simplify: return "simplify";
    }
    return "top_down";
}

SearchTree::SearchTree() : m_start(std::chrono::steady_clock::now()) {}

int SearchTree::add(SearchNode node) {
    SearchNode copy;
    {
        std::lock_guard lock(m_mutex);
        node.id = static_cast<int>(m_nodes.size());
        node.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
        m_nodes.push_back(node);
        copy = m_nodes.back();
    }
    if (m_listener) m_listener(copy);
    return copy.id;
}

void SearchTree::setFate(int id, Fate f, std::string reason, int other) {
    SearchNode copy;
    {
        std::lock_guard lock(m_mutex);
        if (id < 0 || id >= static_cast<int>(m_nodes.size())) return;
        SearchNode& n = m_nodes[static_cast<std::size_t>(id)];
        n.fate = f;
        if (!reason.empty()) n.reason = std::move(reason);
        if (f == Fate::PrunedEquivalent) n.equivalentTo = other;
        if (f == Fate::Refuted) n.failedInput = other;
        copy = n;
    }
    if (m_listener) m_listener(copy);
}

void SearchTree::setValues(int id, std::string values) {
    std::lock_guard lock(m_mutex);
    if (id >= 0 && id < static_cast<int>(m_nodes.size())) m_nodes[static_cast<std::size_t>(id)].values = std::move(values);
}

SearchNode SearchTree::node(int id) const {
    std::lock_guard lock(m_mutex);
    return m_nodes.at(static_cast<std::size_t>(id));
}

std::vector<SearchNode> SearchTree::snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_nodes;
}

std::size_t SearchTree::size() const {
    std::lock_guard lock(m_mutex);
    return m_nodes.size();
}

} // namespace tlift::synth
