#pragma once
// A compact, deterministic S-expression dump of the AST for tests and debugging. Statements go
// one per line, indented by nesting; expressions are inline. Each node carries @line:col unless
// positions are turned off. Names print as their identifier, constants as Python literals:
//   (Assign@4:5 (targets pid@4:5) (Call@4:11 (Attribute@4:11 tl@4:11 program_id) 0@4:25))

#include "tlift/frontend/python/ast.h"

#include <string>

namespace tlift::frontend::py {

struct DumpOptions {
    bool positions = true;
};

std::string dumpAst(const Module& m, DumpOptions opts = {});
std::string dumpStmt(const Stmt& s, DumpOptions opts = {});
std::string dumpExpr(const Expr& e, DumpOptions opts = {});
// A Python-style literal: 'text' with escapes, b'..', 1.0, 1e-05, None, ...
std::string constantRepr(const Constant& c);

} // namespace tlift::frontend::py
