#include "tlift/symexec/launch_prepare.h"

#include "tlift/frontend/python/const_evaluator.h"

namespace tlift::symexec {

namespace py = frontend::py;

namespace {

std::string valueText(const py::Value& v) { return v.repr(); }

// The launch site of the kernel, if the module has one (the first).
const py::LaunchSite* launchSite(const py::ModuleInfo& info, const py::FunctionInfo& fi) {
    for (const py::LaunchSite& l : info.launches) {
        const py::FunctionInfo* k = info.jitFunction(l.kernelName);
        if (k == &fi) return &l;
    }
    return nullptr;
}

} // namespace

util::Result<PreparedLaunch> prepareLaunch(ir::Context& ctx, const py::Module& m, const py::ModuleInfo& info,
                                           const LaunchRequest& req) {
    using R = util::Result<PreparedLaunch>;
    const py::FunctionInfo* fi = info.jitFunction(req.kernel);
    if (!fi) fi = info.function(req.kernel);
    if (!fi || !fi->isJit()) return R::failure("kernel", "no @triton.jit kernel named '" + req.kernel + "'");
    PreparedLaunch out;
    LaunchContext& lc = out.launch;
    lc.kernel = req.kernel;
    out.guesses = guessParams(m, info, *fi);
    out.configCount = fi->autotune ? fi->autotune->configs.size() : 0;

    auto globals = [&info](std::string_view name) -> const py::Value* {
        const py::ModuleConstant* c = info.constant(name);
        return c ? &c->value : nullptr;
    };
    py::ConstEvaluator ev(info.imports, globals);
    const py::LaunchSite* site = launchSite(info, *fi);

    // Representative arguments for heuristics: numbers for scalars, known constexprs.
    std::vector<py::Value> argKeys, argValues;
    for (const py::JitParam& p : fi->params) {
        for (const ParamGuess& g : out.guesses)
            if (g.name == p.name && g.kind == ParamGuess::Scalar) {
                argKeys.push_back(py::Value::string(p.name));
                argValues.push_back(g.dtype == ir::DType::F32 ? py::Value::real(1e-5) : py::Value::integer(req.representativeSize));
            }
    }

    auto set = [&](const std::string& name, const py::Value& v, const std::string& source) {
        if (lc.constexprs.count(name)) return;
        lc.constexprs[name] = v;
        lc.note(name + " = " + valueText(v), source);
    };
    // 1. The user, 2. the sidecar file.
    for (auto& [k, v] : req.constexprs) set(k, v, "given on the command line");
    if (req.sidecar)
        for (auto& [k, v] : req.sidecar->constexprs) set(k, v, "the launch file");
    // 3. The launch site: keyword and positional arguments that are literals (or module constants).
    if (site) {
        std::string where = "the launch in " + site->enclosingName;
        for (const py::LaunchKeyword& kw : site->keywords) {
            if (!kw.isKernelParam || !kw.value) continue;
            const py::JitParam* p = fi->param(kw.name);
            if (!p) continue;
            auto v = ev.eval(*kw.value);
            bool isNone = v && v->isNone();
            if (v && (p->isConstexpr || isNone)) set(kw.name, *v, where);
        }
        for (std::size_t i = 0; i < site->args.size() && i < fi->params.size(); ++i) {
            auto v = ev.eval(*site->args[i]);
            const py::JitParam& p = fi->params[i];
            if (v && (p.isConstexpr || v->isNone())) set(p.name, *v, where);
        }
    }
    // 4. Heuristics, evaluated with representative arguments (outermost decorator last applied).
    for (auto it = fi->heuristics.rbegin(); it != fi->heuristics.rend(); ++it) {
        for (const py::HeuristicEntry& h : it->values) {
            if (lc.constexprs.count(h.name) || !h.expr) continue;
            std::vector<py::Value> keys = argKeys, vals = argValues;
            for (auto& [k, v] : lc.constexprs) {
                keys.push_back(py::Value::string(k));
                vals.push_back(v);
            }
            py::Value args = py::Value::dict(keys, vals);
            std::optional<py::Value> v;
            if (auto* lam = h.expr->as<py::Lambda>(); lam && !lam->params.params.empty()) {
                py::ConstEvaluator::Env env;
                env[lam->params.params.front().name] = args;
                v = ev.eval(*lam->body, env);
            }
            if (v) set(h.name, *v, "the heuristic at line " + std::to_string(h.span.line) + ", evaluated with integer arguments = " +
                                       std::to_string(req.representativeSize));
        }
    }
    // 5. The autotune config.
    if (fi->autotune && !fi->autotune->configs.empty()) {
        std::size_t idx = std::min(req.config, fi->autotune->configs.size() - 1);
        const py::AutotuneConfig& cfg = fi->autotune->configs[idx];
        for (const py::NamedOption& o : cfg.kwargs)
            if (o.value) set(o.name, *o.value, "autotune config " + std::to_string(idx + 1) + " of " + std::to_string(fi->autotune->configs.size()));
    }
    // 6. Defaults.
    for (const py::JitParam& p : fi->params)
        if (p.isConstexpr && p.defaultConst) set(p.name, *p.defaultConst, "the parameter's default");

    // Parameters: roles and types.
    ExecOptions& ex = out.exec;
    ex.constexprs = lc.constexprs;
    for (const ParamGuess& g : out.guesses) {
        if (lc.constexprs.count(g.name) || g.kind == ParamGuess::Constexpr) continue;
        const TensorBinding* t = req.sidecar ? req.sidecar->tensorForParam(g.name) : nullptr;
        if (t) {
            ex.pointers[g.name] = t->dtype;
            continue;
        }
        if (req.sidecar) {
            if (auto it = req.sidecar->scalarTypes.find(g.name); it != req.sidecar->scalarTypes.end()) {
                ex.scalars[g.name] = it->second;
                lc.scalarTypes[g.name] = it->second;
                continue;
            }
        }
        // The launch site passes a float literal: a float scalar.
        if (site && g.kind == ParamGuess::Scalar) {
            const py::JitParam* p = fi->param(g.name);
            std::size_t idx = static_cast<std::size_t>(p - fi->params.data());
            const py::Expr* arg = idx < site->args.size() ? site->args[idx] : nullptr;
            for (const py::LaunchKeyword& kw : site->keywords)
                if (kw.name == g.name) arg = kw.value;
            if (arg) {
                auto v = ev.eval(*arg);
                if (v && v->isFloat()) {
                    ex.scalars[g.name] = ir::DType::F32;
                    lc.scalarTypes[g.name] = ir::DType::F32;
                    lc.note(g.name + " is a float32 scalar", "the launch passes a float");
                    continue;
                }
            }
        }
        if (g.kind == ParamGuess::Pointer) {
            ex.pointers[g.name] = g.dtype;
            lc.note(g.name + " is a pointer (" + g.reason + ")", "inferred from the kernel");
        } else {
            ex.scalars[g.name] = g.dtype;
            lc.scalarTypes[g.name] = g.dtype;
            lc.note(g.name + " is " + g.reason, "inferred from the kernel");
        }
    }
    if (req.sidecar) {
        LaunchContext side = *req.sidecar;
        side.constexprs.clear(); // already applied above, with their provenance
        mergeLaunch(lc, side);
    }
    (void)ctx;
    return out;
}

} // namespace tlift::symexec
