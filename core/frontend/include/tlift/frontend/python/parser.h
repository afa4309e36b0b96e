#pragma once
// The parser: recursive descent over the lexer's tokens, Python 3.11 grammar (without `match`
// statements and type parameters). After a syntax error it reports, skips to the next statement
// and goes on, so one file yields all its errors (up to kMaxSyntaxErrors); it always returns.

#include "tlift/frontend/python/ast.h"
#include "tlift/util/diagnostic.h"
#include "tlift/util/source.h"

#include <memory>
#include <string>

namespace tlift::frontend::py {

inline constexpr std::size_t kMaxSyntaxErrors = 50;

struct ParseResult {
    // Never null: with syntax errors it holds the statements that did parse.
    std::unique_ptr<Module> module;
    // Syntax errors (category "syntax"), each at file:line:col.
    util::Diagnostics diagnostics;
    bool ok() const { return !diagnostics.hasErrors(); }
};

ParseResult parseModule(const util::SourceManager& sm, util::FileId file);

struct ExpressionParseResult {
    std::unique_ptr<Expr> expr; // null when the text is not one expression
    util::Diagnostics diagnostics;
    bool ok() const { return expr && !diagnostics.hasErrors(); }
};

// One expression (a tuple without parentheses is allowed), e.g. a grid or a launch argument
// written by the user.
ExpressionParseResult parseExpression(const util::SourceManager& sm, util::FileId file);

} // namespace tlift::frontend::py
