#pragma once
// Helpers shared by the frontend tests: parse a snippet, dump it, list its errors.

#include "tlift/frontend/python/ast_dump.h"
#include "tlift/frontend/python/lexer.h"
#include "tlift/frontend/python/parser.h"
#include "tlift/util/source.h"

#include <string>
#include <vector>

namespace tlift::frontend::py::test {

// Parses `text` as file "t.py" of `sm`.
inline ParseResult parseText(util::SourceManager& sm, std::string text) {
    util::FileId id = sm.addFile("t.py", std::move(text));
    return parseModule(sm, id);
}

// The dump of a module without positions (or with them).
inline std::string dumpText(const std::string& text, bool positions = false) {
    util::SourceManager sm;
    ParseResult r = parseText(sm, text);
    return dumpAst(*r.module, {positions}) + r.diagnostics.format(&sm, false);
}

// The dump of one expression without positions, or its errors.
inline std::string exprDump(const std::string& text) {
    util::SourceManager sm;
    util::FileId id = sm.addFile("e.py", text);
    ExpressionParseResult r = parseExpression(sm, id);
    if (!r.ok()) return "ERROR " + r.diagnostics.format(&sm, false);
    return dumpExpr(*r.expr, {false});
}

// "t.py:1:5: error: message" lines, without excerpts.
inline std::string errorsOf(const std::string& text) {
    util::SourceManager sm;
    ParseResult r = parseText(sm, text);
    return r.diagnostics.format(&sm, false);
}

inline std::vector<Token> lex(util::SourceManager& sm, const std::string& text, util::Diagnostics& diags) {
    util::FileId id = sm.addFile("t.py", text);
    return Lexer(sm, id, diags).tokenize();
}

// Token kinds as text: "NAME = NUMBER NEWLINE end of file".
inline std::string kindsOf(const std::string& text) {
    util::SourceManager sm;
    util::Diagnostics diags;
    std::string out;
    for (const Token& t : lex(sm, text, diags)) {
        if (!out.empty()) out += ' ';
        out += t.kind == TokenKind::EndOfFile ? "EOF" : tokenKindName(t.kind);
    }
    return out;
}

} // namespace tlift::frontend::py::test
