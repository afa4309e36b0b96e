// What @triton.jit(...), @triton.autotune(...) and @triton.heuristics(...) say.
#include "analysis_context.h"
#include "tlift/frontend/python/ast_unparse.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace tlift::frontend::py::detail {

namespace {

NamedOption option(AnalysisContext& ctx, const Keyword& k, const ConstEvaluator::Env& env = {}) {
    return NamedOption{k.name, k.value.get(), ctx.evaluator.eval(*k.value, env), k.span};
}

// The argument given by keyword `name` or at position `pos`, or null.
const Expr* argument(const Call& c, std::string_view name, std::size_t pos) {
    if (const Expr* e = c.keyword(name)) return e;
    if (pos < c.args.size() && !c.args[pos]->is<Starred>()) return c.args[pos].get();
    return nullptr;
}

// Names from a list of strings or parameter indices.
std::vector<std::string> parameterNames(const Value& v, const FunctionDef& def) {
    std::vector<std::string> out;
    if (!v.isSequence()) return out;
    for (const Value& item : v.elements()) {
        if (item.isString()) {
            out.push_back(item.asString());
        } else if (item.isInt() && item.asInt() >= 0 &&
                   static_cast<std::size_t>(item.asInt()) < def.params.params.size()) {
            out.push_back(def.params.params[static_cast<std::size_t>(item.asInt())].name);
        }
    }
    std::vector<std::string> unique;
    for (std::string& n : out)
        if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
    return unique;
}

} // namespace

void readJitOptions(AnalysisContext& ctx, const Call& call, FunctionInfo& fn) {
    for (const Keyword& k : call.keywords) {
        if (k.isDoubleStar()) continue;
        NamedOption o = option(ctx, k);
        if (o.value && k.name == "do_not_specialize") fn.jit.doNotSpecialize = parameterNames(*o.value, *fn.def);
        else if (o.value && k.name == "do_not_specialize_on_alignment")
            fn.jit.doNotSpecializeOnAlignment = parameterNames(*o.value, *fn.def);
        else if (o.value && k.name == "noinline") fn.jit.noinline = o.value->truthy();
        fn.jit.options.push_back(std::move(o));
    }
}

namespace {

class ConfigReader {
public:
    ConfigReader(AnalysisContext& ctx) : m_ctx(ctx) {}
    // Appends the configs `e` lists; false when some part cannot be evaluated.
    bool readList(const Expr& e, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out, int depth = 0);

private:
    // A local of a helper function whose value is a config list, not a Value.
    struct Deferred {
        const Expr* expr;
        ConstEvaluator::Env env;
    };
    using Frame = std::map<std::string, Deferred, std::less<>>;

    bool readConfig(const Expr& e, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out);
    bool readKwargs(const Expr& e, const ConstEvaluator::Env& env, AutotuneConfig& cfg);
    bool readHelperCall(const Call& c, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out, int depth);
    bool bindHelperArgs(const Call& c, const FunctionDef& def, const ConstEvaluator::Env& env, ConstEvaluator::Env& local);

    AnalysisContext& m_ctx;
    std::vector<Frame> m_frames;
};

bool ConfigReader::bindHelperArgs(const Call& c, const FunctionDef& def, const ConstEvaluator::Env& env,
                                  ConstEvaluator::Env& local) {
    std::size_t positional = 0;
    for (const Param& p : def.params.params) {
        if (p.kind == ParamKind::VarArgs || p.kind == ParamKind::VarKeywords) return false;
        const Expr* arg = c.keyword(p.name);
        if (!arg && p.kind != ParamKind::KeywordOnly && positional < c.args.size()) arg = c.args[positional++].get();
        std::optional<Value> v = arg ? m_ctx.evaluator.eval(*arg, env)
                                     : p.defaultValue ? m_ctx.evaluator.eval(*p.defaultValue) : std::nullopt;
        if (!v) return false;
        local[p.name] = std::move(*v);
    }
    return positional == c.args.size();
}

// `configs=cfggen()` where cfggen is a module-level function whose body only assigns locals
// and returns the list: evaluated like the list itself.
bool ConfigReader::readHelperCall(const Call& c, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out,
                                  int depth) {
    const auto* name = c.func->as<Name>();
    auto it = name ? m_ctx.moduleBindings.find(name->id) : m_ctx.moduleBindings.end();
    const auto* def = it != m_ctx.moduleBindings.end() ? it->second->as<FunctionDef>() : nullptr;
    if (!def || !def->decorators.empty() || m_frames.size() > 4) return false;
    ConstEvaluator::Env local;
    if (!bindHelperArgs(c, *def, env, local)) return false;
    m_frames.emplace_back();
    bool ok = false;
    for (const auto& s : def->body) {
        if (s.get() == def->body.front().get() && def->docstring()) continue;
        if (const auto* r = s->as<Return>()) {
            ok = r->value && readList(*r->value, local, out, depth + 1);
            break;
        }
        const auto* a = s->as<Assign>();
        const auto* target = a && a->targets.size() == 1 ? a->targets[0]->as<Name>() : nullptr;
        if (!target) break;
        if (std::optional<Value> v = m_ctx.evaluator.eval(*a->value, local)) local[target->id] = std::move(*v);
        else m_frames.back()[target->id] = Deferred{a->value.get(), local};
    }
    m_frames.pop_back();
    return ok;
}

bool ConfigReader::readList(const Expr& e, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out, int depth) {
    if (depth > 8) return false;
    const ExprList* elts = nullptr;
    if (const auto* l = e.as<List>()) elts = &l->elts;
    else if (const auto* t = e.as<Tuple>()) elts = &t->elts;
    if (elts) {
        for (const auto& elt : *elts) {
            bool ok = elt->is<Starred>() ? readList(*elt->cast<Starred>().value, env, out, depth + 1)
                                         : readConfig(*elt, env, out);
            if (!ok) return false;
        }
        return true;
    }
    if (const auto* b = e.as<BinOp>(); b && b->op == BinOpKind::Add)
        return readList(*b->left, env, out, depth + 1) && readList(*b->right, env, out, depth + 1);
    if (const auto* n = e.as<Name>(); n && !env.count(n->id)) {
        if (!m_frames.empty()) {
            auto it = m_frames.back().find(n->id);
            if (it != m_frames.back().end()) return readList(*it->second.expr, it->second.env, out, depth + 1);
        }
        const Expr* bound = m_ctx.moduleValue(n->id);
        return bound && readList(*bound, {}, out, depth + 1);
    }
    if (const auto* c = e.as<Call>()) return readHelperCall(*c, env, out, depth);
    if (const auto* c = e.as<ListComp>()) {
        bool inner = true;
        bool ok = m_ctx.evaluator.forEachIteration(c->generators, env, [&](const ConstEvaluator::Env& iter) {
            inner = readConfig(*c->elt, iter, out);
            return inner && out.size() < 100'000;
        });
        return ok && inner;
    }
    return false;
}

bool ConfigReader::readKwargs(const Expr& e, const ConstEvaluator::Env& env, AutotuneConfig& cfg) {
    if (const auto* d = e.as<Dict>()) {
        for (std::size_t i = 0; i < d->values.size(); ++i) {
            if (!d->keys[i]) return false;
            std::optional<Value> key = m_ctx.evaluator.eval(*d->keys[i], env);
            if (!key || !key->isString()) return false;
            const Expr& valueExpr = *d->values[i];
            cfg.kwargs.push_back(NamedOption{key->asString(), &valueExpr, m_ctx.evaluator.eval(valueExpr, env),
                                             util::SourceSpan::cover(d->keys[i]->span, valueExpr.span)});
        }
        return true;
    }
    // dict(BLOCK=128, ...)
    if (const auto* c = e.as<Call>(); c && c->args.empty()) {
        const auto* f = c->func->as<Name>();
        if (!f || f->id != "dict" || m_ctx.info.imports.lookup("dict")) return false;
        for (const Keyword& k : c->keywords) {
            if (k.isDoubleStar()) return false;
            cfg.kwargs.push_back(option(m_ctx, k, env));
        }
        return true;
    }
    // A name bound to a dict, or any expression that evaluates to one.
    std::optional<Value> v = m_ctx.evaluator.eval(e, env);
    if (!v || !v->isDict()) return false;
    for (std::size_t i = 0; i < v->elements().size(); ++i) {
        if (!v->elements()[i].isString()) return false;
        cfg.kwargs.push_back(NamedOption{v->elements()[i].asString(), nullptr, v->dictValues()[i], e.span});
    }
    return true;
}

bool ConfigReader::readConfig(const Expr& e, const ConstEvaluator::Env& env, std::vector<AutotuneConfig>& out) {
    AutotuneConfig cfg;
    cfg.expr = &e;
    cfg.span = e.span;
    const auto* c = e.as<Call>();
    if (!c) {
        if (!e.is<Dict>() || !readKwargs(e, env, cfg)) return false;
        out.push_back(std::move(cfg));
        return true;
    }
    if (!m_ctx.info.imports.refersTo(*c->func, "triton.Config")) return false;
    const Expr* kwargs = argument(*c, "kwargs", 0);
    if (!kwargs || !readKwargs(*kwargs, env, cfg)) return false;
    // Config(kwargs, num_warps=4, num_stages=3, num_ctas=1, maxnreg=None, pre_hook=None)
    const char* intOptions[] = {"num_warps", "num_stages", "num_ctas", "maxnreg"};
    std::optional<std::int64_t>* slots[] = {&cfg.numWarps, &cfg.numStages, &cfg.numCtas, &cfg.maxnreg};
    for (std::size_t i = 0; i < 4; ++i) {
        const Expr* arg = argument(*c, intOptions[i], i + 1);
        if (!arg) continue;
        std::optional<Value> v = m_ctx.evaluator.eval(*arg, env);
        if (!v) return false;
        if (v->isInt()) *slots[i] = v->asInt();
    }
    cfg.preHook = argument(*c, "pre_hook", 5);
    out.push_back(std::move(cfg));
    return true;
}

} // namespace

AutotuneInfo readAutotune(AnalysisContext& ctx, const Call& call, const std::string& fnName) {
    AutotuneInfo info;
    info.call = &call;
    info.span = call.span;
    info.configsExpr = argument(call, "configs", 0);
    info.keyExpr = argument(call, "key", 1);
    for (const Keyword& k : call.keywords)
        if (!k.isDoubleStar() && k.name != "configs" && k.name != "key") info.options.push_back(option(ctx, k));
    if (info.configsExpr) {
        ConfigReader reader(ctx);
        info.configsEvaluated = reader.readList(*info.configsExpr, {}, info.configs);
        if (!info.configsEvaluated) {
            info.configs.clear();
            ctx.warn("autotune",
                     fmt::format("the autotune configs of '{}' come from '{}', which is not evaluated here; "
                                 "the kernel is analysed without them",
                                 fnName, unparseShort(*info.configsExpr)),
                     info.configsExpr->span);
        }
    }
    if (info.keyExpr) {
        std::optional<Value> key = ctx.evaluator.eval(*info.keyExpr);
        info.keyEvaluated = key && key->isSequence();
        if (info.keyEvaluated)
            for (const Value& v : key->elements())
                if (v.isString()) info.key.push_back(v.asString());
        if (!info.keyEvaluated)
            ctx.warn("autotune",
                     fmt::format("the autotune key of '{}' ('{}') is not evaluated here", fnName,
                                 unparseShort(*info.keyExpr)),
                     info.keyExpr->span);
    }
    return info;
}

HeuristicsInfo readHeuristics(AnalysisContext& ctx, const Call& call, const std::string& fnName) {
    HeuristicsInfo info;
    info.call = &call;
    info.span = call.span;
    info.valuesExpr = argument(call, "values", 0);
    const Expr* e = info.valuesExpr;
    if (const auto* n = e ? e->as<Name>() : nullptr) e = ctx.moduleValue(n->id);
    const auto* dict = e ? e->as<Dict>() : nullptr;
    bool ok = dict != nullptr;
    for (std::size_t i = 0; ok && i < dict->values.size(); ++i) {
        std::optional<Value> key = dict->keys[i] ? ctx.evaluator.eval(*dict->keys[i]) : std::nullopt;
        if (!key || !key->isString()) {
            ok = false;
            break;
        }
        const Expr& value = *dict->values[i];
        info.values.push_back(HeuristicEntry{key->asString(), &value, util::SourceSpan::cover(dict->keys[i]->span, value.span)});
    }
    info.evaluated = ok;
    if (!ok) {
        info.values.clear();
        const Expr& where = info.valuesExpr ? *info.valuesExpr : static_cast<const Expr&>(call);
        ctx.warn("heuristics",
                 fmt::format("the heuristics of '{}' come from '{}', which is not a dict written in this module; "
                             "the kernel is analysed without them",
                             fnName, unparseShort(where)),
                 where.span);
    }
    return info;
}

} // namespace tlift::frontend::py::detail
