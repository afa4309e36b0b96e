#pragma once
// Python source text of an expression (like Python's ast.unparse): minimal parentheses, one
// line, literals as Python prints them. For messages, traces and reports ("grid = (cdiv(n,
// BLOCK),)").

#include "tlift/frontend/python/ast.h"

#include <string>

namespace tlift::frontend::py {

std::string unparse(const Expr& e);
// Like unparse, cut to about `maxChars` with "..." in the middle.
std::string unparseShort(const Expr& e, std::size_t maxChars = 60);

} // namespace tlift::frontend::py
