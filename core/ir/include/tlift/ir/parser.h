#pragma once
// Reader of the IR text form (docs/ir-format.md). Names resolve through a Scope (tensors,
// symbols, variables and uninterpreted functions known to the caller) and through declarations
// written before the expression (`tensor x: f32[M, N]; sym M: i32; ...; <expr>`). Errors come
// back as a diagnostic with the position in the text.

#include "tlift/ir/context.h"
#include "tlift/util/result.h"

#include <map>
#include <string>

namespace tlift::ir {

struct Scope {
    std::map<std::string, Expr, std::less<>> names;      // Tensor, Sym or Var nodes
    std::map<std::string, DType, std::less<>> functions; // uninterpreted functions
    // Undeclared identifiers used as values become i32 index variables (handy in `--expect`).
    bool implicitVars = false;

    void declare(Expr e) { names[std::string(e.name())] = e; }
};

struct ParseOptions {
    util::FileId file = util::kNoFile; // for spans in diagnostics; 0 gives "line:col" in the message
    std::uint32_t line = 1;            // position of the text's first character in that file
    std::uint32_t col = 1;
};

util::Result<Expr> parseExpr(Context& ctx, std::string_view text, Scope scope = {}, ParseOptions opts = {});

// `lhs = rhs`, where lhs is a tensor name (`out = softmax(x, dim=1)`) or a read whose indices
// are variables (`out[i, j] = exp(x[i, j])`; the variables are declared by the read).
struct Equation {
    Expr lhs;
    Expr rhs;
};
util::Result<Equation> parseEquation(Context& ctx, std::string_view text, Scope scope = {}, ParseOptions opts = {});

} // namespace tlift::ir
