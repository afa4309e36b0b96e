#include "tlift/frontend/python/import_table.h"

#include <array>
#include <utility>

namespace tlift::frontend::py {

namespace {

// Prefix rewrites, tried in order until none applies. Each maps a module path (or a public
// re-export) to the spelling Triton documents.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kRewrites{{
    {"triton.language.extra.cuda.libdevice", "triton.language.extra.libdevice"},
    {"triton.language.extra.hip.libdevice", "triton.language.extra.libdevice"},
    {"triton.language.libdevice", "triton.language.extra.libdevice"},
    {"triton.language.core", "triton.language"},
    {"triton.language.standard", "triton.language"},
    {"triton.runtime.jit.jit", "triton.jit"},
    {"triton.runtime.autotuner.autotune", "triton.autotune"},
    {"triton.runtime.autotuner.heuristics", "triton.heuristics"},
    {"triton.runtime.autotuner.Config", "triton.Config"},
    {"triton.runtime.autotune", "triton.autotune"},
    {"triton.runtime.heuristics", "triton.heuristics"},
    {"triton.runtime.Config", "triton.Config"},
    {"triton.compiler.compiler.cdiv", "triton.cdiv"},
}};

// `prefix` matches whole components of `s`.
bool hasPrefix(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix && (s.size() == prefix.size() || s[prefix.size()] == '.');
}

} // namespace

std::string ImportTable::canonicalize(std::string dotted) {
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        for (const auto& [from, to] : kRewrites) {
            if (!hasPrefix(dotted, from)) continue;
            dotted = std::string(to) + dotted.substr(from.size());
            changed = true;
        }
        if (!changed) break;
    }
    return dotted;
}

void ImportTable::add(const Import& s) {
    for (const Alias& a : s.names) {
        if (!a.asname.empty()) {
            bind(a.asname, a.name, a.span, false);
        } else {
            // `import triton.language` binds `triton`.
            std::string root = a.name.substr(0, a.name.find('.'));
            bind(root, root, a.span, false);
        }
    }
}

void ImportTable::add(const ImportFrom& s) {
    std::string module = std::string(static_cast<std::size_t>(s.level), '.') + s.module;
    for (const Alias& a : s.names) {
        if (a.name == "*") {
            m_starImports.push_back(canonicalize(module));
            continue;
        }
        std::string target = module.empty() || module.back() == '.' ? module + a.name : module + "." + a.name;
        bind(a.asname.empty() ? a.name : a.asname, target, a.span, false);
    }
}

void ImportTable::addAlias(std::string localName, std::string target, util::SourceSpan span) {
    bind(std::move(localName), std::move(target), span, true);
}

void ImportTable::bind(std::string localName, std::string target, util::SourceSpan span, bool byAssignment) {
    // Later bindings of the same name are kept for the record but lookups see the first.
    m_bindings.push_back(ImportBinding{std::move(localName), canonicalize(std::move(target)), span, byAssignment});
}

const ImportBinding* ImportTable::lookup(std::string_view localName) const {
    for (const ImportBinding& b : m_bindings)
        if (b.localName == localName) return &b;
    return nullptr;
}

std::optional<std::string> ImportTable::qualifiedName(const Expr& e) const {
    if (const auto* n = e.as<Name>()) {
        const ImportBinding* b = lookup(n->id);
        if (!b) return std::nullopt;
        return b->target;
    }
    if (const auto* a = e.as<Attribute>()) {
        std::optional<std::string> base = qualifiedName(*a->value);
        if (!base) return std::nullopt;
        return canonicalize(*base + "." + a->attr);
    }
    return std::nullopt;
}

bool ImportTable::refersTo(const Expr& e, std::string_view canonical) const {
    std::optional<std::string> q = qualifiedName(e);
    return q && *q == canonical;
}

} // namespace tlift::frontend::py
