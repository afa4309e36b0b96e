#pragma once
// The e-graph: e-classes of equal IR terms, hash-consed e-nodes, a union-find, deferred
// (egg-style) rebuilding, three e-class analyses and a proof forest for explanations.
//
// Terms. Every e-node is introduced by an IR term (its `term`), which gives its operator,
// dtype and payload; its children are e-class ids. Leaves (constants, symbols, variables,
// tensors) are their IR node. Every term ever added is also a node of the proof forest, so
// that any equality in the graph can be explained as a chain of rule applications
// (explain.h). Adding a term walks it bottom-up; a subterm already known maps to its class.
//
// Types. Each class keeps a representative term (`rep`): a member of the class, which gives
// the class its dtype and shape. Two classes of different types are never merged: that would
// be a bug in a rule or in the caller, and merge() throws EGraphError.
//
// Analyses (ClassData), joined when classes merge:
//  - the constant value (exact folding only: integers, rationals, and float operations whose
//    double result is exact), so that every class with a known constant holds its Const leaf;
//  - the free variables: the intersection over members, since the value of a class depends on
//    a variable only if every member mentions it; this is what `not-free` side conditions read;
//  - sign facts (positive / non-negative / non-zero), the union over members.
//
// Rebuilding. merge() only records the union; rebuild() restores congruence (two e-nodes with
// the same operator and equal children are in the same class) and the analyses, once per
// iteration of the runner. Between a merge and the next rebuild, lookups still work but the
// hash-cons may miss congruences.

#include "tlift/ir/context.h"

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace tlift::egraph {

using ClassId = std::uint32_t;
using NodeId = std::uint32_t;
inline constexpr ClassId kNoClass = 0xFFFFFFFFu;

class EGraphError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

struct ENode {
    ir::Expr term;               // the IR term that introduced this e-node
    std::vector<ClassId> kids;   // canonical after rebuild()
    ClassId cls = kNoClass;      // the class it was added to (use find())
    ir::Op op() const { return term.op(); }
    bool isLeaf() const { return kids.empty(); }
};

enum SignFact : std::uint8_t { kPositive = 1, kNonNegative = 2, kNonZero = 4 };

struct ClassData {
    ir::Expr constant;               // a Const leaf of the class, or null
    std::vector<ir::Expr> freeVars;  // Var leaves, sorted by id
    std::uint8_t sign = 0;           // SignFact bits
    bool operator==(const ClassData&) const = default;
};

struct EClass {
    ClassId id = kNoClass;
    ir::Expr rep;                 // a member term: the class's type
    std::vector<NodeId> nodes;    // distinct after rebuild()
    std::vector<NodeId> parents;  // e-nodes that have this class as a child (may be stale)
    ClassData data;
};

// Why two terms are equal: the edge label of the proof forest.
struct Justification {
    enum Kind : std::uint8_t { Congruence, Rule, Fold } kind = Congruence;
    std::uint32_t name = 0; // Rule: index into EGraph::justificationName()
};

// One edge of the proof forest: `term` was made equal to `next` because of `why`; `forward`
// says the rule rewrote term into next (false: next into term).
struct ProofLink {
    ir::Expr next;
    Justification why;
    bool forward = true;
};

struct EGraphCounters {
    std::size_t unions = 0;        // merges that joined two classes
    std::size_t congruences = 0;   // of which found by rebuild()
    std::size_t folds = 0;         // constants added by folding
    std::size_t rebuilds = 0;
    std::size_t constantConflicts = 0; // merges of classes with different constants (a bug)
};

class EGraph {
public:
    explicit EGraph(ir::Context& ctx);
    EGraph(const EGraph&) = delete;
    EGraph& operator=(const EGraph&) = delete;

    ir::Context& context() const { return m_ctx; }

    // Adds a term (and its subterms); returns its class. Terms with bound variables should be
    // passed through ir::canonicalizeBinders first so that alpha-equivalent terms share classes.
    ClassId add(ir::Expr term);
    // The class of a term that was added before, or kNoClass.
    ClassId lookup(ir::Expr term) const;
    bool contains(ir::Expr term) const { return lookup(term) != kNoClass; }

    // Makes two added terms equal; returns true when it joined two classes. Throws EGraphError
    // if their types differ.
    bool unionTerms(ir::Expr a, ir::Expr b, Justification why);
    // Restores congruence and the analyses; returns the number of unions it made.
    std::size_t rebuild();
    bool clean() const { return m_pending.empty() && m_analysisPending.empty() && m_foldQueue.empty(); }

    ClassId find(ClassId id) const;
    const EClass& eclass(ClassId id) const { return m_classes[find(id)]; }
    const ENode& node(NodeId id) const { return m_nodes[id]; }
    // Canonical class ids, ascending.
    std::vector<ClassId> classIds() const;
    std::size_t classCount() const { return m_liveClasses; }
    // Distinct e-nodes (after rebuild).
    std::size_t nodeCount() const { return m_liveNodes; }
    std::size_t termCount() const { return m_terms.size(); }
    // Every e-node id ever created (some may be duplicates merged away).
    std::size_t nodeSlots() const { return m_nodes.size(); }

    // Type of a class (from its representative).
    ir::DType dtype(ClassId c) const { return eclass(c).rep.dtype(); }
    std::span<const ir::Expr> shape(ClassId c) const { return eclass(c).rep.shape(); }
    bool sameType(ClassId a, ClassId b) const;
    static bool sameType(ir::Expr a, ir::Expr b);

    // Analysis queries.
    const ClassData& data(ClassId c) const { return eclass(c).data; }
    bool hasFreeVar(ClassId c, ir::Expr var) const;
    // The Var leaf of a class (the binder of a Reduce), or null.
    ir::Expr varOf(ClassId c) const;
    // True when the class holds the value of `e`: e was added to it, or both are equal
    // constants, or the class holds a float cast of a class that holds e.
    bool denotes(ClassId c, ir::Expr e) const;

    // Proof forest.
    const ProofLink* link(ir::Expr term) const;
    std::uint32_t justificationName(const std::string& name);
    const std::string& justificationName(std::uint32_t index) const { return m_justNames[index]; }

    const EGraphCounters& counters() const { return m_counters; }
    // A monotone counter that changes whenever the graph changes (new node or union).
    std::uint64_t version() const { return m_version; }

private:
    struct Key {
        ir::Expr sig;               // the term; compared by operator and payload only
        std::vector<ClassId> kids;
        bool operator==(const Key& o) const;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    struct TermInfo {
        ClassId cls = kNoClass;
        ProofLink link;             // link.next null: a root of the forest
    };

    ClassId addNode(ir::Expr term, std::vector<ClassId> kids);
    ClassId newClass(ir::Expr term, NodeId n);
    void linkTerms(ir::Expr a, ir::Expr b, Justification why);
    void reroot(ir::Expr t);
    bool mergeClasses(ClassId a, ClassId b);
    ClassData make(const ENode& n) const;
    bool joinData(ClassData& into, const ClassData& from);
    void queueFold(ClassId c);
    void processFolds();
    void dedupeClasses(const std::vector<ClassId>& touched);
    Key keyOf(const ENode& n) const;

    ir::Context& m_ctx;
    std::vector<ENode> m_nodes;
    std::vector<EClass> m_classes;           // indexed by id; merged-away entries are empty
    mutable std::vector<ClassId> m_parent;   // union-find
    std::unordered_map<Key, NodeId, KeyHash> m_memo;
    std::unordered_map<const ir::Node*, TermInfo> m_terms;
    std::vector<NodeId> m_pending;           // e-nodes to re-canonicalize
    std::vector<NodeId> m_analysisPending;   // e-nodes whose analysis data to recompute
    std::vector<ClassId> m_foldQueue;        // classes that got a constant but lack its leaf
    std::vector<ClassId> m_touched;          // classes merged since the last rebuild
    std::vector<std::string> m_justNames;
    std::unordered_map<std::string, std::uint32_t> m_justIndex;
    std::size_t m_liveClasses = 0;
    std::size_t m_liveNodes = 0;
    std::uint64_t m_version = 0;
    EGraphCounters m_counters;
};

} // namespace tlift::egraph
