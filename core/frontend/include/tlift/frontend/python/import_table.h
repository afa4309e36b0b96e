#pragma once
// What the names of a module refer to: `tl` -> triton.language, `libdevice` ->
// triton.language.extra.libdevice, `cdiv` -> triton.cdiv. Turns `tl.math.exp` or an imported
// alias into one canonical dotted name, so later layers match on names, not on spellings.

#include "tlift/frontend/python/ast.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::frontend::py {

struct ImportBinding {
    std::string localName; // tl
    std::string target;    // triton.language (canonical); relative imports keep their dots
    util::SourceSpan span;
    // Bound by `NAME = dotted.expr` at module level rather than by an import.
    bool byAssignment = false;
};

class ImportTable {
public:
    // Module-level `import` / `from ... import` (the first binding of a name wins, so that
    // `try: from triton.language.extra.cuda import libdevice / except: ...` keeps the first).
    void add(const Import& s);
    void add(const ImportFrom& s);
    // A module-level alias `NAME = <expression with a qualified name>`.
    void addAlias(std::string localName, std::string target, util::SourceSpan span);

    const ImportBinding* lookup(std::string_view localName) const;
    const std::vector<ImportBinding>& bindings() const { return m_bindings; }
    // Modules imported with `from m import *`.
    const std::vector<std::string>& starImports() const { return m_starImports; }

    // The canonical dotted name an expression of names and attributes refers to, or nothing
    // when its root is not an imported (or aliased) name.
    std::optional<std::string> qualifiedName(const Expr& e) const;
    // Whether `e` refers to `canonical` (e.g. "triton.jit").
    bool refersTo(const Expr& e, std::string_view canonical) const;

    // One spelling per thing: triton.language.extra.cuda.libdevice.exp ->
    // triton.language.extra.libdevice.exp, triton.language.core.constexpr ->
    // triton.language.constexpr, triton.runtime.jit.jit -> triton.jit, ...
    static std::string canonicalize(std::string dotted);

private:
    void bind(std::string localName, std::string target, util::SourceSpan span, bool byAssignment);

    std::vector<ImportBinding> m_bindings;
    std::vector<std::string> m_starImports;
};

} // namespace tlift::frontend::py
