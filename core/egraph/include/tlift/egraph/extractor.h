#pragma once
// Extraction: the cheapest term of a class under a cost model.
//
// The cost of a term is the sum of its e-nodes' own costs counted as a tree: a subterm used
// twice is paid twice. That bias is deliberate: the textbook forms (softmax(x, 1)) mention their
// input once where the expanded forms (exp(x - m) / sum(exp(x - m))) repeat it, so tree cost
// favours them more than a DAG cost would. dagCost() reports the cost with sharing for the
// extracted term, for reports and benchmarks.

#include "tlift/egraph/egraph.h"

#include <limits>
#include <vector>

namespace tlift::egraph {

class CostFunction {
public:
    virtual ~CostFunction() = default;
    // The cost of the e-node itself (> 0), without its children.
    virtual double nodeCost(const EGraph& g, const ENode& n) const = 0;
};

// Prefers named tensor-level operators (cost 1 plus their arguments), then elementwise
// arithmetic and math functions (2), casts (1), selects (3), tensor reads (4, index-level) and
// reductions over an index (8).
class TextbookCost : public CostFunction {
public:
    double nodeCost(const EGraph& g, const ENode& n) const override;
};

// Counts e-nodes (smallest term).
class SizeCost : public CostFunction {
public:
    double nodeCost(const EGraph&, const ENode&) const override { return 1.0; }
};

class Extractor {
public:
    // Computes the best e-node of every class (a fixpoint over the graph, which must be clean).
    Extractor(const EGraph& g, const CostFunction& cost);

    static constexpr double kInfinity = std::numeric_limits<double>::infinity();
    double cost(ClassId c) const { return m_cost[m_g.find(c)]; }
    NodeId bestNode(ClassId c) const { return m_best[m_g.find(c)]; }
    bool isBest(NodeId n) const;
    // The best term of a class, built in the graph's IR context.
    ir::Expr term(ClassId c) const;
    // Cost of the extracted term with shared subterms counted once.
    double dagCost(ClassId c) const;

private:
    const EGraph& m_g;
    const CostFunction& m_fn;
    std::vector<double> m_cost;
    std::vector<NodeId> m_best;
};

} // namespace tlift::egraph
