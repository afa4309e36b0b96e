#include "tlift/egraph/extractor.h"

#include <unordered_map>
#include <unordered_set>

namespace tlift::egraph {

using ir::Expr;
using ir::Op;

double TextbookCost::nodeCost(const EGraph&, const ENode& n) const {
    switch (ir::opInfo(n.op()).cls) {
    case ir::OpClass::Leaf: return 1;
    case ir::OpClass::Access: return 4;
    case ir::OpClass::Arith: return n.op() == Op::Neg ? 1.5 : 2;
    case ir::OpClass::Math: return 2;
    case ir::OpClass::Compare:
    case ir::OpClass::Logic:
    case ir::OpClass::Bitwise: return 2;
    case ir::OpClass::Structure: break;
    }
    switch (n.op()) {
    case Op::Select: return 3;
    case Op::Cast: return 1;
    case Op::Reduce: return 8;
    case Op::Apply: return 2;
    case Op::Named: return 1;
    default: return 2;
    }
}

Extractor::Extractor(const EGraph& g, const CostFunction& fn) : m_g(g), m_fn(fn) {
    std::size_t slots = 0;
    std::vector<ClassId> ids = g.classIds();
    for (ClassId c : ids) slots = std::max<std::size_t>(slots, c + 1);
    m_cost.assign(slots, kInfinity);
    m_best.assign(slots, 0);
    std::unordered_map<NodeId, double> own;
    for (bool changed = true; changed;) {
        changed = false;
        for (ClassId c : ids) {
            for (NodeId n : g.eclass(c).nodes) {
                const ENode& en = g.node(n);
                auto it = own.find(n);
                double total = it != own.end() ? it->second : own.emplace(n, fn.nodeCost(g, en)).first->second;
                for (ClassId k : en.kids) total += m_cost[g.find(k)];
                if (total < m_cost[c]) {
                    m_cost[c] = total;
                    m_best[c] = n;
                    changed = true;
                }
            }
        }
    }
}

bool Extractor::isBest(NodeId n) const {
    ClassId c = m_g.find(m_g.node(n).cls);
    return m_cost[c] < kInfinity && m_best[c] == n;
}

Expr Extractor::term(ClassId root) const {
    std::unordered_map<ClassId, Expr> built;
    std::vector<std::pair<ClassId, bool>> stack{{m_g.find(root), false}};
    while (!stack.empty()) {
        auto [c, expanded] = stack.back();
        stack.pop_back();
        if (built.count(c)) continue;
        if (m_cost[c] == kInfinity) return Expr();
        const ENode& en = m_g.node(m_best[c]);
        if (!expanded) {
            stack.emplace_back(c, true);
            for (ClassId k : en.kids)
                if (!built.count(m_g.find(k))) stack.emplace_back(m_g.find(k), false);
            continue;
        }
        if (en.kids.empty()) {
            built[c] = en.term;
            continue;
        }
        std::vector<Expr> kids;
        for (ClassId k : en.kids) kids.push_back(built.at(m_g.find(k)));
        auto t = m_g.context().withChildren(en.term, kids);
        if (!t) return Expr();
        built[c] = *t;
    }
    return built.at(m_g.find(root));
}

double Extractor::dagCost(ClassId root) const {
    std::unordered_set<ClassId> seen;
    std::vector<ClassId> stack{m_g.find(root)};
    double total = 0;
    while (!stack.empty()) {
        ClassId c = stack.back();
        stack.pop_back();
        if (!seen.insert(c).second) continue;
        if (m_cost[c] == kInfinity) return kInfinity;
        const ENode& en = m_g.node(m_best[c]);
        total += m_fn.nodeCost(m_g, en);
        for (ClassId k : en.kids) stack.push_back(m_g.find(k));
    }
    return total;
}

} // namespace tlift::egraph
