#include "tlift/egraph/export.h"

#include "tlift/egraph/pattern.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/util/strings.h"

#include <deque>
#include <unordered_set>

namespace tlift::egraph {

using ir::Op;

std::string enodeLabel(const ENode& n) {
    ir::Expr t = n.term;
    if (n.kids.empty()) return ir::toText(t);
    switch (t.op()) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Cast: return "cast:" + std::string(ir::dtypeName(t.dtype()));
    case Op::Reduce: return "reduce:" + std::string(ir::reduceKindName(t.reduceKind()));
    case Op::Named: return t.namedInfo().name;
    case Op::Apply: return std::string(t.name());
    default: return std::string(ir::opName(t.op()));
    }
}

std::string classType(const EGraph& g, ClassId c) {
    ir::Expr rep = g.eclass(c).rep;
    std::string s(ir::dtypeName(rep.dtype()));
    if (!rep.isScalar()) {
        std::vector<std::string> dims;
        for (const ir::Expr& d : rep.shape()) dims.push_back(ir::toText(d));
        s += "[" + util::join(dims, ", ") + "]";
    }
    return s;
}

namespace {

std::string dotEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// Classes in breadth-first order from the roots, then the rest by id.
std::vector<ClassId> classOrder(const EGraph& g, const std::vector<ClassId>& roots) {
    std::vector<ClassId> order;
    std::unordered_set<ClassId> seen;
    std::deque<ClassId> queue;
    for (ClassId r : roots)
        if (seen.insert(g.find(r)).second) queue.push_back(g.find(r));
    while (!queue.empty()) {
        ClassId c = queue.front();
        queue.pop_front();
        order.push_back(c);
        for (NodeId n : g.eclass(c).nodes)
            for (ClassId k : g.node(n).kids)
                if (seen.insert(g.find(k)).second) queue.push_back(g.find(k));
    }
    if (roots.empty())
        for (ClassId c : g.classIds())
            if (seen.insert(c).second) order.push_back(c);
    return order;
}

} // namespace

std::string toDot(const EGraph& g, const DotOptions& o) {
    std::vector<ClassId> order = classOrder(g, o.roots);
    std::size_t totalClasses = g.classCount(), totalNodes = g.nodeCount();
    std::unordered_set<ClassId> shown;
    std::vector<std::pair<ClassId, std::vector<NodeId>>> clusters;
    std::size_t nodesShown = 0;
    for (ClassId c : order) {
        if (clusters.size() >= o.maxClasses || nodesShown >= o.maxNodes) break;
        std::vector<NodeId> nodes;
        for (NodeId n : g.eclass(c).nodes) {
            if (nodesShown >= o.maxNodes) break;
            nodes.push_back(n);
            ++nodesShown;
        }
        shown.insert(c);
        clusters.emplace_back(c, std::move(nodes));
    }
    std::string out = "digraph egraph {\n  compound=true;\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"monospace\"];\n";
    out += "  label=\"" + std::to_string(clusters.size()) + " of " + std::to_string(totalClasses) + " classes, " +
           std::to_string(nodesShown) + " of " + std::to_string(totalNodes) + " e-nodes shown\";\n  labelloc=t;\n";
    for (const auto& [c, nodes] : clusters) {
        const ClassData& d = g.data(c);
        std::string label = "e" + std::to_string(c) + " : " + classType(g, c);
        if (d.constant) label += " = " + ir::toText(d.constant);
        out += "  subgraph cluster_" + std::to_string(c) + " {\n    style=dotted;\n    label=\"" + dotEscape(label) + "\";\n";
        if (nodes.empty()) out += "    c" + std::to_string(c) + "_empty [label=\"...\", shape=plaintext];\n";
        for (NodeId n : nodes) {
            bool best = o.extractor && o.extractor->isBest(n);
            out += "    n" + std::to_string(n) + " [label=\"" + dotEscape(enodeLabel(g.node(n))) + "\"" +
                   (best ? ", style=\"rounded,filled,bold\", fillcolor=\"#ffe08a\"" : "") + "];\n";
        }
        out += "  }\n";
    }
    // An edge from an e-node to the cluster of each child class (to its first shown e-node).
    for (const auto& [c, nodes] : clusters) {
        for (NodeId n : nodes) {
            const ENode& en = g.node(n);
            for (std::size_t i = 0; i < en.kids.size(); ++i) {
                ClassId k = g.find(en.kids[i]);
                if (!shown.count(k)) continue;
                const auto& target = std::find_if(clusters.begin(), clusters.end(), [&](const auto& p) { return p.first == k; })->second;
                std::string to = target.empty() ? "c" + std::to_string(k) + "_empty" : "n" + std::to_string(target.front());
                out += "  n" + std::to_string(n) + " -> " + to + " [lhead=cluster_" + std::to_string(k);
                if (en.kids.size() > 1) out += ", label=\"" + std::to_string(i) + "\"";
                out += "];\n";
            }
        }
    }
    out += "}\n";
    return out;
}

nlohmann::json toSerializedJson(const EGraph& g, const std::vector<ClassId>& roots, const CostFunction& cost) {
    nlohmann::json nodes = nlohmann::json::object();
    nlohmann::json classData = nlohmann::json::object();
    auto nodeName = [](ClassId c, std::size_t i) { return std::to_string(c) + "." + std::to_string(i); };
    for (ClassId c : g.classIds()) {
        const EClass& cls = g.eclass(c);
        for (std::size_t i = 0; i < cls.nodes.size(); ++i) {
            const ENode& en = g.node(cls.nodes[i]);
            nlohmann::json children = nlohmann::json::array();
            // egraph-serialize children are node ids; any node of the child class will do.
            for (ClassId k : en.kids) children.push_back(nodeName(g.find(k), 0));
            nodes[nodeName(c, i)] = {{"op", enodeLabel(en)},
                                     {"children", children},
                                     {"eclass", std::to_string(c)},
                                     {"cost", cost.nodeCost(g, en)},
                                     {"subsumed", false}};
        }
        classData[std::to_string(c)] = {{"type", classType(g, c)}};
    }
    nlohmann::json rootIds = nlohmann::json::array();
    for (ClassId r : roots) rootIds.push_back(std::to_string(g.find(r)));
    return {{"nodes", nodes}, {"root_eclasses", rootIds}, {"class_data", classData}};
}

nlohmann::json toJson(const SimplifyResult& r) {
    auto text = [](ir::Expr e) { return e ? ir::toText(e) : std::string(); };
    nlohmann::json iterations = nlohmann::json::array();
    for (const Iteration& it : r.iterations) {
        nlohmann::json rules = nlohmann::json::array();
        for (const RuleIterationStats& st : it.rules)
            rules.push_back({{"rule", st.rule < r.ruleNames.size() ? r.ruleNames[st.rule] : std::to_string(st.rule)},
                             {"matches", st.matches},
                             {"applied", st.applied},
                             {"rejected", st.rejected},
                             {"banned", st.banned}});
        iterations.push_back({{"index", it.index},       {"nodes", it.nodes},         {"classes", it.classes},
                              {"matches", it.matches},   {"applied", it.applied},     {"rebuild_unions", it.rebuildUnions},
                              {"search_ms", it.searchMs}, {"apply_ms", it.applyMs},   {"rebuild_ms", it.rebuildMs},
                              {"total_ms", it.totalMs},  {"rules", rules}});
    }
    nlohmann::json steps = nlohmann::json::array();
    for (const ExplanationStep& s : r.explanation.steps)
        steps.push_back({{"rule", s.rule},
                         {"reversed", s.reversed},
                         {"before", text(s.before)},
                         {"after", text(s.after)},
                         {"sub_before", text(s.subBefore)},
                         {"sub_after", text(s.subAfter)}});
    return {{"lhs", text(r.lhs)},
            {"rhs", text(r.rhs)},
            {"input", text(r.input)},
            {"tensor_level", r.tensorLevel},
            {"index_reason", r.indexReason},
            {"stop", util::stopReasonName(r.stop)},
            {"cost", r.cost},
            {"dag_cost", r.dagCost},
            {"nodes", r.graph ? r.graph->nodeCount() : 0},
            {"classes", r.graph ? r.graph->classCount() : 0},
            {"iterations", iterations},
            {"rules_used", r.rulesUsed},
            {"explanation", {{"truncated", r.explanation.truncated}, {"steps", steps}}}};
}

} // namespace tlift::egraph
