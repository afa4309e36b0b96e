#pragma once
// The search tree of a synthesis run (Herbie's provenance, souper's pruning): every candidate the
// engine considers is a node that records its parents, the rule or event that made it, a summary
// of its values on the test inputs, and its fate. The explorer's search-tree pane, the reports
// and the tests all read this one structure.

#include "tlift/ir/expr.h"
#include "tlift/util/cancel.h"
#include "tlift/util/source.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace tlift::synth {

enum class Fate : std::uint8_t {
    Open,             // created, not yet judged
    Expanded,         // split into parts (top-down) or used to build larger terms (bottom-up)
    PrunedType,       // ill-typed or of the wrong shape
    PrunedEquivalent, // same values as an earlier node on every test input
    Refuted,          // differs from the kernel on a test input
    Tested,           // agrees with the kernel on every test input (not proved)
    Verified,         // proved by the verifier
    Rejected,         // could not be checked (an evaluation error, a budget)
};
const char* fateName(Fate f);

enum class Phase : std::uint8_t { Spec, TopDown, BottomUp, Test, Verify, Simplify };
const char* phaseName(Phase p);

struct SearchNode {
    int id = 0;
    std::vector<int> parents;
    Phase phase = Phase::TopDown;
    std::string rule;        // the rule or event that made the node
    std::string output;      // the output tensor it is about
    ir::Expr term;           // the candidate (may be null for pure events)
    std::string text;        // its text form
    Fate fate = Fate::Open;
    std::string reason;      // why pruned / refuted / rejected, or what was proved
    int equivalentTo = -1;   // PrunedEquivalent: the earlier node
    int failedInput = -1;    // Refuted: the test input that refuted it
    std::string values;      // a short summary of its values on the test inputs
    std::size_t size = 0;    // term size
    double millis = 0.0;     // time since the run started
    util::SourceSpan span;   // the source the node comes from, when it has one
};

struct Counters {
    std::size_t searchSpace = 0; // candidates that the grammar allowed
    std::size_t tried = 0;
    std::size_t prunedType = 0;
    std::size_t prunedEquivalent = 0;
    std::size_t refuted = 0;
    std::size_t tested = 0;
    std::size_t verified = 0;
    std::size_t testInputs = 0;
    double millisTopDown = 0, millisBottomUp = 0, millisTest = 0, millisVerify = 0, millisSimplify = 0;
};

// Thread-safe: the worker appends, observers take snapshots. Each new node and each change of
// fate is an event passed to the listener (the engine forwards it to the explorer).
class SearchTree {
public:
    using Listener = std::function<void(const SearchNode&)>;

    SearchTree();
    void setListener(Listener l) { m_listener = std::move(l); }
    int add(SearchNode node);
    void setFate(int id, Fate f, std::string reason = {}, int other = -1);
    void setValues(int id, std::string values);
    SearchNode node(int id) const;
    std::vector<SearchNode> snapshot() const;
    std::size_t size() const;
    Counters& counters() { return m_counters; }
    const Counters& counters() const { return m_counters; }

private:
    mutable std::mutex m_mutex;
    std::vector<SearchNode> m_nodes;
    Counters m_counters;
    Listener m_listener;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace tlift::synth
