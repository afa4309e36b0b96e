#pragma once
// Printers of the formula IR: the text form (which parser.h reads back), LaTeX, and JSON
// (json.h). The text form is documented in docs/ir-format.md.

#include "tlift/ir/expr.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tlift::ir {

// The expression in the text form. Names are resolved by the reader's scope; use
// toTextWithDecls for text that parses back on its own.
std::string toText(Expr e);
// Declarations of every tensor, symbol, free variable and function the expression uses,
// followed by the expression: `tensor x: f32[M, N]; sym M: i32; ...; <expr>`.
std::string toTextWithDecls(Expr e);
// Only the declarations (each ending with "; ").
std::string declarationsOf(std::span<const Expr> roots);

struct LatexOptions {
    // When set, subterms for which it returns an id are wrapped in \htmlData{id=...}{...}
    // so that a viewer can map a click back to the subterm.
    std::function<std::optional<std::string>(Expr)> subtermId;
    // Show casts between float types (hidden by default: they do not change the real value).
    bool showFloatCasts = false;
};
std::string toLatex(Expr e, const LatexOptions& options = {});
// LaTeX of an identifier: single letters in math italic, longer names upright; "x_ptr" -> x_{ptr}.
std::string latexName(std::string_view name);

} // namespace tlift::ir
