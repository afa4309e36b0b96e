#pragma once
// Traversals over the IR: free variables, substitution (capture-avoiding), binder
// canonicalization, a deterministic order, and small structural queries.

#include "tlift/ir/context.h"

#include <functional>
#include <unordered_map>
#include <vector>

namespace tlift::ir {

using ExprMap = std::unordered_map<Expr, Expr>;

// The variables that occur free (not bound by a reduction), sorted by name.
std::vector<Expr> freeVars(Expr e);
bool occursFree(Expr e, Expr var);
// Every Sym / Tensor / Apply / Undef leaf reachable from e (deduplicated, in a stable order).
std::vector<Expr> leavesOf(Expr e, Op kind);
// True when `needle` occurs as a subterm of `e`.
bool contains(Expr e, Expr needle);

// Replaces free occurrences of the keys (variables, symbols, or any subterm) by their values.
// Bound variables are renamed when a value would be captured. Throws IrError if a
// replacement is ill-typed (use keys and values of the same type).
Expr substitute(Context& ctx, Expr e, const ExprMap& m);
Expr substitute(Context& ctx, Expr e, Expr key, Expr value);

// Renames every bound variable to a canonical name by depth (k0, k1, ...; in the order the
// binders are met), so that alpha-equivalent expressions become the same node.
Expr canonicalizeBinders(Context& ctx, Expr e);

// A total order that depends only on structure (not on creation order or pointers).
bool stableLess(Expr a, Expr b);

// Number of distinct nodes reachable from e (DAG size) and tree size (with repetitions,
// saturating at 2^62).
std::size_t dagSize(Expr e);
std::size_t treeSize(Expr e);

// Rebuilds e bottom-up: f is called on each node after its children were rebuilt and returns
// the replacement (or the node itself). Binders are not treated specially.
Expr rewriteBottomUp(Context& ctx, Expr e, const std::function<Expr(Expr)>& f);

// Visits every distinct node once, children before parents.
void visitPostOrder(Expr e, const std::function<void(Expr)>& f);

} // namespace tlift::ir
