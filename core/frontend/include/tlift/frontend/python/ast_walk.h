#pragma once
// Generic traversal of the AST: the direct children of a node, and a recursive visitor.

#include "tlift/frontend/python/ast.h"

#include <functional>

namespace tlift::frontend::py {

using ExprFn = std::function<void(const Expr&)>;
using StmtFn = std::function<void(const Stmt&)>;

// The direct child expressions of `e`, in source order (decorator-free; for a Lambda the
// parameter annotations and defaults, then the body; for comprehensions the element, then
// each generator's target, iterable and conditions).
void forEachChild(const Expr& e, const ExprFn& onExpr);
// The direct child expressions and statements of `s`, in source order.
void forEachChild(const Stmt& s, const ExprFn& onExpr, const StmtFn& onStmt);

// A pre-order walk. Return false from a visit function to skip that node's children.
class AstVisitor {
public:
    virtual ~AstVisitor() = default;
    virtual bool visitStmt(const Stmt&) { return true; }
    virtual bool visitExpr(const Expr&) { return true; }
};

void walk(const Module& m, AstVisitor& v);
void walk(const Stmt& s, AstVisitor& v);
void walk(const Expr& e, AstVisitor& v);

} // namespace tlift::frontend::py
