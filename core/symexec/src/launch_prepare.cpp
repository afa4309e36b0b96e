#include "tlift/symexec/launch_prepare.h"

#include "tlift/frontend/python/const_evaluator.h"
#include "tlift/frontend/python/launch_facts.h"
#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/simplify.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

#include <algorithm>
#include <functional>
#include <set>

namespace tlift::symexec {

namespace py = frontend::py;
using ir::Expr;

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

// An expression of the wrapper's facts (IR text over size names): undeclared names are i32 size
// symbols; constexpr names are replaced by their values.
std::optional<ir::Expr> parseFactText(ir::Context& ctx, const std::string& text,
                                      const std::map<std::string, py::Value>& constexprs) {
    if (text.empty()) return std::nullopt;
    ir::Scope scope;
    scope.implicitVars = false;
    for (int attempt = 0; attempt < 32; ++attempt) {
        util::Result<ir::Expr> r = [&]() -> util::Result<ir::Expr> {
            try {
                return ir::parseExpr(ctx, text, scope);
            } catch (const ir::IrError& e) {
                return util::Result<ir::Expr>::failure("launch", e.what());
            }
        }();
        if (r) {
            ir::ExprMap m;
            for (auto& [k, v] : constexprs)
                if (v.isInt() || v.isBool()) m.emplace(ctx.sym(k, ir::DType::I32), ctx.intConst(v.asInt()));
            return m.empty() ? *r : ir::substitute(ctx, *r, m);
        }
        const std::string& msg = r.error().message;
        auto p = msg.find("unknown name '");
        if (p == std::string::npos) return std::nullopt;
        std::string name = msg.substr(p + 14, msg.find('\'', p + 14) - p - 14);
        scope.declare(ctx.sym(name, ir::DType::I32));
    }
    return std::nullopt;
}

// The interval of one size around `at` over which a wrapper expression keeps its value (the
// other sizes fixed): [lo, hi], hi = INT64_MAX when it stays constant upwards.
std::pair<std::int64_t, std::int64_t> constantInterval(const py::LaunchFacts& f, const py::Expr& e,
                                                       std::map<std::string, std::int64_t> sizes,
                                                       const std::string& name, const py::Value& value) {
    std::int64_t at = sizes[name];
    auto same = [&](std::int64_t v) {
        sizes[name] = v;
        auto r = py::evaluateWithSizes(f, e, sizes);
        return r && r->repr() == value.repr();
    };
    // Upwards: double until it changes, then bisect.
    std::int64_t good = at, bad = -1;
    for (std::int64_t step = 1; step < (std::int64_t(1) << 40); step *= 2) {
        if (same(at + step)) good = at + step;
        else {
            bad = at + step;
            break;
        }
    }
    std::int64_t hi = INT64_MAX;
    if (bad >= 0) {
        while (bad - good > 1) {
            std::int64_t mid = good + (bad - good) / 2;
            (same(mid) ? good : bad) = mid;
        }
        hi = good;
    }
    // Downwards, to 1.
    good = at;
    std::int64_t badLo = 0;
    while (good - badLo > 1) {
        std::int64_t mid = badLo + (good - badLo) / 2;
        (same(mid) ? good : badLo) = mid;
    }
    // Bisection assumes one interval; check its ends.
    return {good, hi};
}

// `x is not None` / `x is None` on an optional tensor of the wrapper: its name and the value
// when the tensor is given.
std::optional<std::pair<std::string, bool>> optionalTest(const py::LaunchFacts& f, const std::string& text) {
    std::string t = text;
    if (t.size() > 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
    std::vector<std::string> w = util::split(t, ' ');
    w.erase(std::remove(w.begin(), w.end(), std::string()), w.end());
    // The wrapper's own words for an unknown test: "whether bias is given" / "whether bias is None".
    if (w.size() == 4 && w[0] == "whether" && w[2] == "is" && (w[3] == "given" || w[3] == "None")) {
        w = w[3] == "given" ? std::vector<std::string>{w[1], "is", "not", "None"} : std::vector<std::string>{w[1], "is", "None"};
    }
    bool isNot = w.size() == 4 && w[1] == "is" && w[2] == "not" && w[3] == "None";
    bool is = w.size() == 3 && w[1] == "is" && w[2] == "None";
    if (!isNot && !is) return std::nullopt;
    const py::TensorFact* tf = f.tensor(w[0]);
    if (!tf || !tf->optional) return std::nullopt;
    return std::make_pair(w[0], isNot);
}

// What the wrapper that launches the kernel says: constexpr values, tensors, scalars, grid and
// assumptions (frontend/python/launch_facts.h), added to the launch with their provenance.
void applyLaunchFacts(ir::Context& ctx, const py::Module& m, const py::ModuleInfo& info, const py::FunctionInfo& fi,
                      const LaunchRequest& req, LaunchContext& lc, ExecOptions& ex, const std::vector<ParamGuess>& guesses,
                      const std::function<void(const std::string&, const py::Value&, const std::string&)>& set) {
    util::Diagnostics diags;
    std::vector<py::LaunchFacts> all = py::analyzeLaunches(m, info, diags);
    const py::LaunchFacts* f = nullptr;
    for (const py::LaunchFacts& x : all)
        if (x.kernel == fi.name) {
            f = &x;
            break;
        }
    if (!f) return;
    std::string where = "the wrapper " + (f->wrapper.empty() ? std::string("at module level") : f->wrapper) + " (line " +
                        std::to_string(f->span.line) + ")";
    std::map<std::string, std::int64_t> sizes;
    for (const std::string& n : f->sizeNames) sizes[n] = req.representativeSize;
    for (auto& [k, v] : lc.constexprs)
        if (v.isInt()) sizes[k] = v.asInt();
    // Constexprs the launch passes as expressions over sizes (BLOCK = next_power_of_2(n_cols)).
    for (const py::ArgFact& a : f->args) {
        if (a.kind != py::ArgFact::Kind::Constexpr || lc.constexprs.count(a.param)) continue;
        const py::JitParam* p = fi.param(a.param);
        if (!p || !p->isConstexpr) continue;
        if (a.value) {
            set(a.param, *a.value, where);
            continue;
        }
        // `HAS_BIAS=bias is not None` on an optional tensor: the lift takes it as given.
        if (auto opt = optionalTest(*f, a.text)) {
            set(a.param, py::Value::boolean(opt->second),
                where + ": " + a.text + ", taken with " + opt->first + " given (-D " + a.param + "=" + (opt->second ? "0" : "1") +
                    " lifts the other case)");
            continue;
        }
        if (!a.source) continue;
        auto v = py::evaluateWithSizes(*f, *a.source, sizes);
        if (!v || !(v->isInt() || v->isBool() || v->isFloat())) continue;
        // The sizes it depends on, and over which range of each it keeps this value.
        std::vector<std::string> ranges;
        for (const std::string& n : f->sizeNames) {
            auto probe = sizes;
            bool depends = false;
            for (std::int64_t t : {std::int64_t(1), std::int64_t(7), std::int64_t(100000), std::int64_t(1) << 30}) {
                probe[n] = t;
                auto w = py::evaluateWithSizes(*f, *a.source, probe);
                depends = depends || !w || w->repr() != v->repr();
            }
            if (!depends) continue;
            auto [lo, hi] = constantInterval(*f, *a.source, sizes, n, *v);
            ranges.push_back(std::to_string(lo) + " <= " + n + (hi == INT64_MAX ? std::string() : " <= " + std::to_string(hi)));
            if (hi != INT64_MAX && v->isInt()) {
                // The kernel is analysed at this value for every size up to hi (a weaker assumption
                // than the wrapper's range, so the claim covers every launch with this value).
                Expr bound = ctx.le(ctx.sym(n, ir::DType::I32), ctx.intConst(hi));
                lc.assumptions.push_back(bound);
                lc.note(ir::toText(bound), "the wrapper chooses " + a.param + " = " + v->repr() + " only for " + ranges.back() +
                                               "; proved for every size up to that bound");
            }
        }
        std::string how = where + ": " + a.param + " = " + (a.text.empty() ? std::string("an expression") : a.text);
        if (!ranges.empty()) how += ", which is " + v->repr() + " for " + util::join(ranges, ", ");
        else how += ", evaluated with sizes = " + std::to_string(req.representativeSize);
        set(a.param, *v, how);
        if (v->isInt()) sizes[a.param] = v->asInt();
    }
    // The names the kernel receives: a stride the kernel is not given is the one its addressing
    // assumes (row-major, unit stride innermost), stated as an assumption.
    std::set<std::string> passed;
    for (const py::ArgFact& a : f->args) {
        using K = py::ArgFact::Kind;
        if (a.kind != K::Size && a.kind != K::Stride && a.kind != K::Numel && a.kind != K::IntScalar) continue;
        if (auto e = parseFactText(ctx, a.expr, lc.constexprs))
            for (const Expr& leaf : ir::leavesOf(*e, ir::Op::Sym)) passed.insert(std::string(leaf.name()));
    }
    std::set<std::string> strideNames(f->strideNames.begin(), f->strideNames.end());
    // Tensors the pointer parameters point to.
    for (const py::ArgFact& a : f->args) {
        if (a.kind != py::ArgFact::Kind::Tensor || a.tensor.empty()) continue;
        const py::TensorFact* t = f->tensor(a.tensor);
        if (!t || !t->rank || t->dims.size() != static_cast<std::size_t>(*t->rank)) continue;
        // A tensor the wrapper says nothing about (flat, numel elements): the kernel's own masks
        // and addresses say more (launch_infer.h).
        if (t->flat) continue;
        TensorBinding b;
        b.param = a.param;
        b.name = t->name;
        bool ok = true;
        for (const std::string& d : t->dims) {
            auto e = parseFactText(ctx, d, lc.constexprs);
            ok = ok && e.has_value();
            if (e) b.shape.push_back(*e);
        }
        if (t->strides.size() == t->dims.size()) {
            for (const std::string& d : t->strides) {
                auto e = parseFactText(ctx, d, lc.constexprs);
                ok = ok && e.has_value();
                if (e) b.strides.push_back(*e);
            }
        } else {
            ok = false;
        }
        if (!ok) continue;
        std::vector<std::string> assumed;
        for (std::size_t d = b.strides.size(); d-- > 0;) {
            Expr st = b.strides[d];
            if (st.op() != ir::Op::Sym || !strideNames.count(std::string(st.name())) || passed.count(std::string(st.name())))
                continue;
            Expr v = d + 1 == b.strides.size() ? ctx.intConst(1) : ir::simplify(ctx, ctx.mul(b.strides[d + 1], b.shape[d + 1]));
            assumed.push_back(t->name + ".stride(" + std::to_string(d) + ") = " + ir::toText(v));
            b.strides[d] = v;
        }
        if (!assumed.empty())
            lc.note("assumed: " + util::join(assumed, ", "),
                    "the kernel is not given these strides; its addressing assumes the row-major layout");
        std::string dt = t->dtype.value_or("");
        if (dt.rfind("like:", 0) == 0) {
            const py::TensorFact* o = f->tensor(dt.substr(5));
            dt = o && o->dtype ? *o->dtype : "";
        }
        std::optional<ir::DType> parsed;
        if (!dt.empty()) parsed = ir::parseDType(dt);
        b.dtype = ir::DType::F32;
        if (parsed) b.dtype = *parsed;
        else
            for (const ParamGuess& g : guesses)
                if (g.name == a.param && g.kind == ParamGuess::Pointer) b.dtype = g.dtype;
        b.node = ctx.tensor(b.name, b.dtype, b.shape);
        std::vector<std::string> dims, strides;
        for (auto& e : b.shape) dims.push_back(ir::toText(e));
        for (auto& e : b.strides) strides.push_back(ir::toText(e));
        lc.note(b.param + " points to " + b.name + ": " + std::string(ir::dtypeName(b.dtype)) + "[" + util::join(dims, ", ") +
                    "] with strides [" + util::join(strides, ", ") + "]" + (parsed ? "" : " (dtype not stated, assumed)") +
                    (t->assumedContiguous ? " (contiguous assumed)" : ""),
                where + ", " + t->origin);
        if (parsed.has_value()) ex.pointers[b.param] = parsed.value();
        lc.tensors.push_back(std::move(b));
    }
    // Scalars that stand for sizes and strides.
    for (const py::ArgFact& a : f->args) {
        using K = py::ArgFact::Kind;
        if (lc.constexprs.count(a.param)) continue;
        if (a.kind == K::FloatScalar) {
            lc.scalarTypes[a.param] = ir::DType::F32;
            ex.scalars[a.param] = ir::DType::F32;
            continue;
        }
        if (a.kind != K::Size && a.kind != K::Stride && a.kind != K::Numel && a.kind != K::IntScalar) continue;
        if (a.expr.empty() || a.expr == a.param) continue;
        auto e = parseFactText(ctx, a.expr, lc.constexprs);
        if (!e) continue;
        lc.scalarValues[a.param] = *e;
        lc.note(a.param + " = " + ir::toText(*e) + (a.text.empty() || a.text == ir::toText(*e) ? "" : " (" + a.text + ")"), where);
    }
    // The grid, when every axis is known.
    std::vector<Expr> grid;
    for (const std::string& g : f->grid) {
        auto e = g.empty() ? std::nullopt : parseFactText(ctx, g, lc.constexprs);
        grid.push_back(e ? ir::simplify(ctx, *e) : Expr());
    }
    if (!grid.empty()) {
        lc.grid = grid;
        std::vector<std::string> gs;
        for (const Expr& g : grid) gs.push_back(g ? ir::toText(g) : "?");
        lc.note("grid = (" + util::join(gs, ", ") + ")", where);
    }
    for (const std::string& a : f->assumptions) {
        auto e = parseFactText(ctx, a, lc.constexprs);
        if (!e || e->dtype() != ir::DType::Bool) continue;
        lc.assumptions.push_back(ir::simplify(ctx, *e));
        lc.note(ir::toText(*e), where + " asserts it");
    }
    for (const std::string& n : f->missing) lc.note("not known from the wrapper: " + n, where);
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
    // 3b. What the wrapper computes: constexprs over sizes, tensors, scalars, grid, assumptions.
    applyLaunchFacts(ctx, m, info, *fi, req, lc, out.exec, out.guesses, set);
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
        if (!t) t = lc.tensorForParam(g.name);
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
        if (auto it = lc.scalarTypes.find(g.name); it != lc.scalarTypes.end()) {
            ex.scalars[g.name] = it->second;
            continue;
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
    return out;
}

} // namespace tlift::symexec
