// analyzeModule: imports, aliases, constants, and which functions are JIT kernels.
#include "analysis_context.h"
#include "tlift/frontend/python/ast_unparse.h"

#include <algorithm>
#include <fmt/format.h>
#include <functional>

namespace tlift::frontend::py {

namespace detail {

AnalysisContext::AnalysisContext(const Module& m, util::Diagnostics& d, ModuleInfo& i)
    : module(m), diags(d), info(i),
      evaluator(i.imports, [this](std::string_view name) { return constantValue(name); }) {}

const Expr* AnalysisContext::moduleValue(std::string_view name) const {
    auto it = moduleBindings.find(name);
    if (it == moduleBindings.end()) return nullptr;
    if (const auto* a = it->second->as<Assign>()) return a->value.get();
    if (const auto* a = it->second->as<AnnAssign>()) return a->value.get();
    return nullptr;
}

const Value* AnalysisContext::constantValue(std::string_view name) const {
    const ModuleConstant* c = info.constant(name);
    return c ? &c->value : nullptr;
}

void AnalysisContext::warn(const std::string& category, const std::string& message, const util::SourceSpan& span) {
    diags.warning(category, message, span);
}

namespace {

// Module-level statements, including those under module-level if / try / with (conditional
// imports, `if HAS_TRITON:` definitions), but not inside functions or classes.
void forEachModuleStatement(const Body& body, const std::function<void(const Stmt&)>& fn) {
    for (const auto& s : body) {
        fn(*s);
        switch (s->kind) {
        case StmtKind::If:
            forEachModuleStatement(s->cast<If>().body, fn);
            forEachModuleStatement(s->cast<If>().orelse, fn);
            break;
        case StmtKind::Try: {
            const auto& t = s->cast<Try>();
            forEachModuleStatement(t.body, fn);
            for (const ExceptHandler& h : t.handlers) forEachModuleStatement(h.body, fn);
            forEachModuleStatement(t.orelse, fn);
            forEachModuleStatement(t.finalbody, fn);
            break;
        }
        case StmtKind::With: forEachModuleStatement(s->cast<With>().body, fn); break;
        default: break;
        }
    }
}

void collectImports(AnalysisContext& ctx) {
    forEachModuleStatement(ctx.module.body, [&](const Stmt& s) {
        if (const auto* i = s.as<Import>()) ctx.info.imports.add(*i);
        else if (const auto* f = s.as<ImportFrom>()) ctx.info.imports.add(*f);
    });
}

// `libdevice = tl.extra.cuda.libdevice`, `jit = triton.jit`: names bound to qualified names.
void collectAliases(AnalysisContext& ctx) {
    forEachModuleStatement(ctx.module.body, [&](const Stmt& s) {
        const auto* a = s.as<Assign>();
        if (!a || !(a->value->is<Name>() || a->value->is<Attribute>())) return;
        std::optional<std::string> q = ctx.info.imports.qualifiedName(*a->value);
        if (!q) return;
        for (const auto& t : a->targets)
            if (const auto* n = t->as<Name>(); n && !ctx.info.imports.lookup(n->id))
                ctx.info.imports.addAlias(n->id, *q, s.span);
    });
}

void collectBindings(AnalysisContext& ctx) {
    for (const auto& s : ctx.module.body) {
        if (const auto* a = s->as<Assign>()) {
            for (const auto& t : a->targets)
                if (const auto* n = t->as<Name>()) ctx.moduleBindings[n->id] = s.get();
        } else if (const auto* a = s->as<AnnAssign>()) {
            if (const auto* n = a->target->as<Name>(); n && a->value) ctx.moduleBindings[n->id] = s.get();
        } else if (const auto* f = s->as<FunctionDef>()) {
            ctx.moduleBindings[f->name] = s.get();
        } else if (const auto* c = s->as<ClassDef>()) {
            ctx.moduleBindings[c->name] = s.get();
        }
    }
}

void setConstant(AnalysisContext& ctx, ModuleConstant c) {
    for (ModuleConstant& old : ctx.info.constants) {
        if (old.name == c.name) {
            old = std::move(c);
            return;
        }
    }
    ctx.info.constants.push_back(std::move(c));
}

void removeConstant(AnalysisContext& ctx, std::string_view name) {
    std::erase_if(ctx.info.constants, [&](const ModuleConstant& c) { return c.name == name; });
}

bool isConstexprRef(const AnalysisContext& ctx, const Expr& e) {
    return ctx.info.imports.refersTo(e, "triton.language.constexpr");
}

// Top-level `NAME = value` in order; a later assignment replaces an earlier one, and one the
// analysis cannot evaluate makes the name no constant at all.
void collectConstants(AnalysisContext& ctx) {
    for (const auto& s : ctx.module.body) {
        const Expr* value = nullptr;
        std::vector<const Name*> names;
        bool wrapped = false;
        if (const auto* a = s->as<Assign>()) {
            value = a->value.get();
            for (const auto& t : a->targets)
                if (const auto* n = t->as<Name>()) names.push_back(n);
        } else if (const auto* a = s->as<AnnAssign>(); a && a->value) {
            value = a->value.get();
            if (const auto* n = a->target->as<Name>()) names.push_back(n);
            wrapped = isConstexprRef(ctx, *a->annotation);
        }
        if (!value || names.empty()) continue;
        if (const auto* call = value->as<Call>()) wrapped |= isConstexprRef(ctx, *call->func);
        std::optional<Value> v = ctx.evaluator.eval(*value);
        for (const Name* n : names) {
            if (!v) {
                removeConstant(ctx, n->id);
                continue;
            }
            setConstant(ctx, ModuleConstant{n->id, value, *v, wrapped, s->span});
        }
    }
}

bool annotationIsConstexpr(const AnalysisContext& ctx, const Expr& ann) {
    if (isConstexprRef(ctx, ann)) return true;
    // Triton itself tests the annotation's text, so a string annotation or an alias the
    // analysis cannot resolve still counts when it names `constexpr`.
    if (const auto* c = ann.as<Constant>(); c && c->valueKind == ConstantKind::String)
        return c->stringValue.find("constexpr") != std::string::npos;
    if (ctx.info.imports.qualifiedName(ann)) return false;
    if (const auto* n = ann.as<Name>()) return n->id == "constexpr";
    if (const auto* a = ann.as<Attribute>()) return a->attr == "constexpr";
    return false;
}

void fillJitParams(AnalysisContext& ctx, FunctionInfo& fn) {
    fn.params.clear();
    for (const Param& p : fn.def->params.params) {
        JitParam jp;
        jp.name = p.name;
        jp.kind = p.kind;
        jp.annotation = p.annotation.get();
        jp.defaultValue = p.defaultValue.get();
        jp.isConstexpr = p.annotation && annotationIsConstexpr(ctx, *p.annotation);
        if (p.defaultValue) jp.defaultConst = ctx.evaluator.eval(*p.defaultValue);
        jp.span = p.span;
        fn.params.push_back(std::move(jp));
    }
}

void applyDecorators(AnalysisContext& ctx, FunctionInfo& fn) {
    for (const auto& d : fn.def->decorators) {
        const auto* call = d->as<Call>();
        std::optional<std::string> q = ctx.info.imports.qualifiedName(call ? *call->func : *d);
        if (q && *q == "triton.jit") {
            fn.origin = JitOrigin::Decorator;
            if (call) readJitOptions(ctx, *call, fn);
        } else if (q && *q == "triton.autotune" && call) {
            fn.autotune = readAutotune(ctx, *call, fn.name);
        } else if (q && *q == "triton.heuristics" && call) {
            fn.heuristics.push_back(readHeuristics(ctx, *call, fn.name));
        } else {
            fn.otherDecorators.push_back(d.get());
        }
    }
    if (fn.isJit()) fn.jitNames.push_back(fn.name);
}

void collectFunctions(AnalysisContext& ctx) {
    forEachModuleStatement(ctx.module.body, [&](const Stmt& s) {
        const auto* def = s.as<FunctionDef>();
        if (!def) return;
        FunctionInfo fn;
        fn.name = def->name;
        fn.def = def;
        fn.span = def->span;
        ctx.info.functions.push_back(std::move(fn));
    });
    for (FunctionInfo& fn : ctx.info.functions) applyDecorators(ctx, fn);
}

// What a module-level `k = <wrappers>(f)` makes of function f.
struct Unwrapped {
    FunctionInfo* fn = nullptr;
    bool jit = false;
    const Call* jitCall = nullptr; // triton.jit(...) with options
    const Call* autotune = nullptr;
    std::vector<const Call*> heuristics; // outermost first
};

FunctionInfo* functionByName(AnalysisContext& ctx, std::string_view name) {
    for (FunctionInfo& fn : ctx.info.functions)
        if (fn.name == name) return &fn;
    for (FunctionInfo& fn : ctx.info.functions)
        for (const std::string& j : fn.jitNames)
            if (j == name) return &fn;
    return nullptr;
}

bool unwrap(AnalysisContext& ctx, const Expr& e, Unwrapped& out, int depth = 0) {
    if (depth > 16) return false;
    if (const auto* n = e.as<Name>()) {
        out.fn = functionByName(ctx, n->id);
        if (out.fn && out.fn->isJit()) out.jit = true;
        return out.fn != nullptr;
    }
    const auto* c = e.as<Call>();
    if (!c || c->args.size() != 1) return false;
    const auto& imports = ctx.info.imports;
    if (imports.refersTo(*c->func, "triton.jit")) {
        out.jit = true;
        return unwrap(ctx, *c->args[0], out, depth + 1);
    }
    const auto* factory = c->func->as<Call>(); // triton.autotune(...)(inner)
    if (!factory) return false;
    if (imports.refersTo(*factory->func, "triton.jit")) {
        out.jit = true;
        out.jitCall = factory;
    } else if (imports.refersTo(*factory->func, "triton.autotune")) {
        out.autotune = factory;
    } else if (imports.refersTo(*factory->func, "triton.heuristics")) {
        out.heuristics.push_back(factory);
    } else {
        return false;
    }
    return unwrap(ctx, *c->args[0], out, depth + 1);
}

void applyJitAssignments(AnalysisContext& ctx) {
    for (const auto& s : ctx.module.body) {
        const auto* a = s->as<Assign>();
        if (!a) continue;
        Unwrapped u;
        if (!unwrap(ctx, *a->value, u) || !u.jit) continue;
        FunctionInfo& fn = *u.fn;
        if (fn.origin == JitOrigin::NotJit) {
            fn.origin = JitOrigin::Assignment;
            fn.jitAssignment = s.get();
        }
        if (u.jitCall) readJitOptions(ctx, *u.jitCall, fn);
        if (u.autotune) fn.autotune = readAutotune(ctx, *u.autotune, fn.name);
        for (const Call* h : u.heuristics) fn.heuristics.push_back(readHeuristics(ctx, *h, fn.name));
        for (const auto& t : a->targets)
            if (const auto* n = t->as<Name>())
                if (std::find(fn.jitNames.begin(), fn.jitNames.end(), n->id) == fn.jitNames.end())
                    fn.jitNames.push_back(n->id);
    }
}

} // namespace

} // namespace detail

const NamedOption* AutotuneConfig::kwarg(std::string_view name) const {
    for (const NamedOption& o : kwargs)
        if (o.name == name) return &o;
    return nullptr;
}

const JitParam* FunctionInfo::param(std::string_view name) const {
    for (const JitParam& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

const FunctionInfo* ModuleInfo::function(std::string_view defName) const {
    for (const FunctionInfo& f : functions)
        if (f.name == defName) return &f;
    return nullptr;
}

const FunctionInfo* ModuleInfo::jitFunction(std::string_view name) const {
    for (const FunctionInfo& f : functions)
        for (const std::string& j : f.jitNames)
            if (j == name) return &f;
    return nullptr;
}

const ModuleConstant* ModuleInfo::constant(std::string_view name) const {
    for (const ModuleConstant& c : constants)
        if (c.name == name) return &c;
    return nullptr;
}

ModuleInfo analyzeModule(const Module& m, util::Diagnostics& diags) {
    ModuleInfo info;
    detail::AnalysisContext ctx(m, diags, info);
    detail::collectImports(ctx);
    detail::collectAliases(ctx);
    detail::collectBindings(ctx);
    detail::collectConstants(ctx);
    detail::collectFunctions(ctx);
    detail::applyJitAssignments(ctx);
    for (FunctionInfo& fn : info.functions)
        if (fn.isJit()) detail::fillJitParams(ctx, fn);
    detail::findLaunches(ctx);
    return info;
}

} // namespace tlift::frontend::py
