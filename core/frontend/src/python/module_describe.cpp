#include "tlift/frontend/python/ast_unparse.h"
#include "tlift/frontend/python/module.h"

#include <fmt/format.h>

namespace tlift::frontend::py {

namespace {

std::string at(const util::SourceSpan& s) { return fmt::format("@{}:{}", s.line, s.col); }

std::string optionText(const NamedOption& o) {
    std::string v = o.value ? o.value->repr() : o.expr ? unparseShort(*o.expr) : "?";
    return o.name + "=" + v;
}

std::string joinOptions(const std::vector<NamedOption>& opts) {
    std::string out;
    for (const NamedOption& o : opts) out += (out.empty() ? "" : ", ") + optionText(o);
    return out;
}

const char* originName(JitOrigin o) {
    switch (o) {
    case JitOrigin::NotJit: return "def";
    case JitOrigin::Decorator: return "jit";
    case JitOrigin::Assignment: return "jit (by assignment)";
    }
    return "?";
}

const char* gridKindName(GridKind k) {
    switch (k) {
    case GridKind::Tuple: return "tuple";
    case GridKind::Lambda: return "lambda";
    case GridKind::Name: return "name";
    case GridKind::Call: return "call";
    case GridKind::Other: return "other";
    }
    return "?";
}

void describeParams(std::string& out, const FunctionInfo& f) {
    out += "    params:";
    for (const JitParam& p : f.params) {
        out += " " + std::string(p.kind == ParamKind::VarArgs ? "*" : p.kind == ParamKind::VarKeywords ? "**" : "") + p.name;
        if (p.isConstexpr) out += ":constexpr";
        if (p.defaultValue) out += "=" + (p.defaultConst ? p.defaultConst->repr() : unparseShort(*p.defaultValue));
    }
    out += "\n";
}

void describeAutotune(std::string& out, const AutotuneInfo& a) {
    out += "    autotune " + at(a.span) + ":";
    if (a.keyEvaluated) {
        std::string key;
        for (const std::string& k : a.key) key += (key.empty() ? "'" : ", '") + k + "'";
        out += " key=[" + key + "]";
    } else if (a.keyExpr) {
        out += " key=" + unparseShort(*a.keyExpr) + " (not evaluated)";
    }
    if (!a.options.empty()) out += " " + joinOptions(a.options);
    out += "\n";
    if (!a.configsEvaluated) {
        out += "      configs: " + (a.configsExpr ? unparseShort(*a.configsExpr) : std::string("none")) + " (not evaluated)\n";
        return;
    }
    for (const AutotuneConfig& c : a.configs) {
        out += "      config " + joinOptions(c.kwargs);
        if (c.numWarps) out += fmt::format(" num_warps={}", *c.numWarps);
        if (c.numStages) out += fmt::format(" num_stages={}", *c.numStages);
        if (c.numCtas) out += fmt::format(" num_ctas={}", *c.numCtas);
        if (c.maxnreg) out += fmt::format(" maxnreg={}", *c.maxnreg);
        if (c.preHook) out += " pre_hook=" + unparseShort(*c.preHook);
        out += "\n";
    }
}

void describeFunction(std::string& out, const FunctionInfo& f) {
    out += fmt::format("  {} {} {}", originName(f.origin), f.name, at(f.span));
    if (f.isJit() && (f.jitNames.size() != 1 || f.jitNames[0] != f.name)) {
        std::string names;
        for (const std::string& n : f.jitNames) names += (names.empty() ? "" : ", ") + n;
        out += " as " + names;
    }
    out += "\n";
    if (!f.isJit()) return;
    describeParams(out, f);
    if (!f.jit.options.empty()) out += "    jit: " + joinOptions(f.jit.options) + "\n";
    if (!f.jit.doNotSpecialize.empty()) {
        std::string names;
        for (const std::string& n : f.jit.doNotSpecialize) names += (names.empty() ? "" : ", ") + n;
        out += "    do not specialize: " + names + "\n";
    }
    if (f.autotune) describeAutotune(out, *f.autotune);
    for (const HeuristicsInfo& h : f.heuristics) {
        out += "    heuristics " + at(h.span) + ":";
        if (!h.evaluated) out += " " + (h.valuesExpr ? unparseShort(*h.valuesExpr) : std::string("?")) + " (not evaluated)";
        for (const HeuristicEntry& e : h.values) out += " " + e.name + "=" + unparseShort(*e.expr);
        out += "\n";
    }
    for (const Expr* d : f.otherDecorators) out += "    decorator " + unparseShort(*d) + "\n";
}

void describeLaunch(std::string& out, const LaunchSite& l) {
    out += fmt::format("  {}[{}] {} in {} grid={}", l.kernelName, unparseShort(*l.grid), at(l.span),
                       l.enclosingName.empty() ? "<module>" : l.enclosingName, gridKindName(l.gridKind));
    if (l.gridIsParameter) out += " (parameter)";
    if (l.gridBinding) {
        out += " (bound " + at(l.gridBinding->span);
        if (l.gridValue) out += " to " + unparseShort(*l.gridValue);
        out += ")";
    }
    out += "\n    args:";
    for (const Expr* a : l.args) out += " " + unparseShort(*a, 30);
    for (const LaunchKeyword& k : l.keywords)
        out += " " + (k.name.empty() ? std::string("**") : k.name + (k.isKernelParam ? "=" : ":=")) + unparseShort(*k.value, 30);
    out += "\n";
}

} // namespace

std::string describeModule(const ModuleInfo& info) {
    std::string out = "imports:\n";
    for (const ImportBinding& b : info.imports.bindings())
        out += fmt::format("  {} = {}{} {}\n", b.localName, b.target, b.byAssignment ? " (alias)" : "", at(b.span));
    for (const std::string& s : info.imports.starImports()) out += "  * from " + s + "\n";
    out += "constants:\n";
    for (const ModuleConstant& c : info.constants)
        out += fmt::format("  {} = {}{} {}\n", c.name, c.value.repr(), c.constexprWrapped ? " (constexpr)" : "", at(c.span));
    out += "functions:\n";
    for (const FunctionInfo& f : info.functions) describeFunction(out, f);
    out += "launches:\n";
    for (const LaunchSite& l : info.launches) describeLaunch(out, l);
    return out;
}

} // namespace tlift::frontend::py
