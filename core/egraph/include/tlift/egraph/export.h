#pragma once
// Snapshots of an e-graph for viewers, and the JSON form of a simplification result: Graphviz DOT (one cluster per e-class, the extracted
// e-nodes highlighted, capped in size with an "N of M shown" note) and the egraph-serialize JSON
// format (github.com/egraphs-good/egraph-serialize: "nodes" by id with op, children (node ids),
// eclass and cost; "root_eclasses"; "class_data" with each class's type).

#include "tlift/egraph/extractor.h"
#include "tlift/egraph/simplify_summary.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tlift::egraph {

// The operator of an e-node as the rule files write it: `+`, `exp`, `softmax`, `reduce:sum`,
// `cast:f32`; leaves print as their IR text (`x`, `0.5`, `N`).
std::string enodeLabel(const ENode& n);
// The type of a class: "f32[M, N]", "i32".
std::string classType(const EGraph& g, ClassId c);

struct DotOptions {
    std::vector<ClassId> roots;        // shown first (breadth-first from them); all classes if empty
    const Extractor* extractor = nullptr; // highlights the best e-node of each class
    std::size_t maxClasses = 80;
    std::size_t maxNodes = 400;
};
std::string toDot(const EGraph& g, const DotOptions& options);

nlohmann::json toSerializedJson(const EGraph& g, const std::vector<ClassId>& roots, const CostFunction& cost);

// A pipeline result for reports: the summary, stop reason, costs, per-iteration statistics
// (per-rule matches and applications), the rules used, and the explanation steps; terms in the
// IR text form.
nlohmann::json toJson(const SimplifyResult& r);

} // namespace tlift::egraph
