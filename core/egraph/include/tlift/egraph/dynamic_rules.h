#pragma once
// Rewrites whose left side is found by C++ code, for what a pattern cannot say.

#include "tlift/egraph/egraph.h"

#include <memory>
#include <string>
#include <vector>

namespace tlift::egraph {

// A rewrite whose left side is found by C++ code. search() appends (lhs, rhs) term pairs for
// class c: lhs must be a term of class c made of terms known to the graph (typically an
// e-node's term with children replaced by other terms of the same classes), rhs any term of the
// same type. Dynamic rules must be exact (sound over the reals).
class DynamicRule {
public:
    virtual ~DynamicRule() = default;
    virtual std::string name() const = 0;
    virtual std::string family() const { return "dynamic"; }
    virtual std::string description() const = 0;
    virtual void search(const EGraph& g, ClassId c, std::vector<std::pair<ir::Expr, ir::Expr>>& out) const = 0;
};

// The dynamic rules that ship with the builtin rule set.
std::vector<std::shared_ptr<const DynamicRule>> builtinDynamicRules();

} // namespace tlift::egraph
