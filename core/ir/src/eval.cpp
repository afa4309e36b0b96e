#include "tlift/ir/eval.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <cmath>
#include <limits>

namespace tlift::ir {

const std::int64_t* Env::var(const Node* v) const {
    auto it = m_vars.find(v);
    return it == m_vars.end() ? nullptr : &it->second;
}
const double* Env::sym(std::string_view name) const {
    auto it = m_syms.find(name);
    return it == m_syms.end() ? nullptr : &it->second;
}
const TensorValue* Env::tensor(std::string_view name) const {
    auto it = m_tensors.find(name);
    return it == m_tensors.end() ? nullptr : &it->second;
}

namespace {

using VR = util::Result<Val>;
VR evalFail(const std::string& m) { return VR::failure("eval", m); }
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double floorMod(double a, double b) {
    double m = std::fmod(a, b);
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

} // namespace

util::Result<Val> applyElementwise(Expr node, std::span<const Val> a, EvalMode mode) {
    for (const Val& v : a)
        if (v.undef && node.op() != Op::Select) return Val{kNaN, true};
    const DType t = node.dtype();
    double x = a.empty() ? 0 : a[0].v, y = a.size() > 1 ? a[1].v : 0, r = 0;
    switch (node.op()) {
    case Op::Neg: r = -x; break;
    case Op::Add: r = x + y; break;
    case Op::Sub: r = x - y; break;
    case Op::Mul: r = x * y; break;
    case Op::Div: r = x / y; break;
    case Op::FloorDiv:
        if (isInteger(t) && y == 0) return evalFail("integer division by zero");
        r = std::floor(x / y);
        break;
    case Op::Mod:
        if (isInteger(t) && y == 0) return evalFail("integer modulo by zero");
        r = floorMod(x, y);
        break;
    case Op::TDiv:
        if (isInteger(t) && y == 0) return evalFail("integer division by zero");
        r = std::trunc(x / y);
        break;
    case Op::TRem:
        if (isInteger(t) && y == 0) return evalFail("integer remainder by zero");
        r = std::fmod(x, y);
        break;
    case Op::Min: r = (std::isnan(x) || std::isnan(y)) ? kNaN : std::min(x, y); break;
    case Op::Max: r = (std::isnan(x) || std::isnan(y)) ? kNaN : std::max(x, y); break;
    case Op::Pow: r = std::pow(x, y); break;
    case Op::Exp: r = std::exp(x); break;
    case Op::Exp2: r = std::exp2(x); break;
    case Op::Log: r = std::log(x); break;
    case Op::Log2: r = std::log2(x); break;
    case Op::Log1p: r = std::log1p(x); break;
    case Op::Expm1: r = std::expm1(x); break;
    case Op::Sqrt: r = std::sqrt(x); break;
    case Op::Rsqrt: r = 1.0 / std::sqrt(x); break;
    case Op::Erf: r = std::erf(x); break;
    case Op::Tanh: r = std::tanh(x); break;
    case Op::Sigmoid: r = sigmoid(x); break;
    case Op::Abs: r = std::fabs(x); break;
    case Op::Sin: r = std::sin(x); break;
    case Op::Cos: r = std::cos(x); break;
    case Op::Floor: r = std::floor(x); break;
    case Op::Ceil: r = std::ceil(x); break;
    case Op::Lt: r = x < y; break;
    case Op::Le: r = x <= y; break;
    case Op::Gt: r = x > y; break;
    case Op::Ge: r = x >= y; break;
    case Op::Eq: r = x == y; break;
    case Op::Ne: r = x != y; break;
    case Op::And: r = (x != 0) && (y != 0); break;
    case Op::Or: r = (x != 0) || (y != 0); break;
    case Op::Xor: r = (x != 0) != (y != 0); break;
    case Op::Not: r = x == 0; break;
    case Op::BitAnd: r = static_cast<double>(static_cast<std::int64_t>(x) & static_cast<std::int64_t>(y)); break;
    case Op::BitOr: r = static_cast<double>(static_cast<std::int64_t>(x) | static_cast<std::int64_t>(y)); break;
    case Op::BitXor: r = static_cast<double>(static_cast<std::int64_t>(x) ^ static_cast<std::int64_t>(y)); break;
    case Op::BitNot: r = static_cast<double>(~static_cast<std::int64_t>(x)); break;
    case Op::Shl: r = static_cast<double>(static_cast<std::int64_t>(x) << (static_cast<std::int64_t>(y) & 63)); break;
    case Op::Shr: r = static_cast<double>(static_cast<std::int64_t>(x) >> (static_cast<std::int64_t>(y) & 63)); break;
    case Op::Select:
        if (a[0].undef) return Val{kNaN, true};
        return a[0].v != 0 ? a[1] : a[2];
    case Op::Cast: r = a[0].v; break;
    case Op::Named: {
        const NamedOpInfo& info = node.namedInfo();
        if (!info.scalar) return evalFail(info.name + " is not elementwise");
        std::vector<double> xs;
        for (const Val& v : a) xs.push_back(v.v);
        r = info.scalar(xs);
        break;
    }
    default: return evalFail("not an elementwise operator: " + std::string(opName(node.op())));
    }
    // Integer results are exact integers in any mode; floats round in Float mode.
    if (isInteger(t)) r = roundToDType(r, t);
    else if (t == DType::Bool) r = r != 0 ? 1 : 0;
    else if (mode == EvalMode::Float) r = roundToDType(r, t);
    return Val{r, false};
}

struct Evaluator::Impl {
    const Env& env;
    EvalMode mode;
    std::vector<std::pair<const Node*, std::int64_t>> bound; // reduction variables, innermost last
    std::unordered_map<const Node*, std::vector<Expr>> freeVarCache;
    std::map<std::pair<const Node*, std::vector<std::int64_t>>, Val> reduceMemo;
    std::unordered_map<const Node*, TensorValue> tensorMemo;

    Impl(const Env& e, EvalMode m) : env(e), mode(m) {}

    util::Result<std::int64_t> varValue(Expr v) {
        for (auto it = bound.rbegin(); it != bound.rend(); ++it)
            if (it->first == v.node()) return it->second;
        if (const std::int64_t* x = env.var(v.node())) return *x;
        return util::Result<std::int64_t>::failure("eval", "no value for variable '" + std::string(v.name()) + "'");
    }

    const std::vector<Expr>& freeVarsOf(Expr e) {
        auto it = freeVarCache.find(e.node());
        if (it != freeVarCache.end()) return it->second;
        return freeVarCache.emplace(e.node(), freeVars(e)).first->second;
    }

    VR scalar(Expr e) {
        switch (e.op()) {
        case Op::Const: return Val{e.numericValue(), false};
        case Op::Var: {
            auto v = varValue(e);
            if (!v) return std::move(v).takeError();
            return Val{static_cast<double>(*v), false};
        }
        case Op::Sym: {
            const double* s = env.sym(e.name());
            if (!s) return evalFail("no value for symbol '" + std::string(e.name()) + "'");
            return Val{*s, false};
        }
        case Op::Undef: return Val{kNaN, true};
        case Op::Tensor: return evalFail("tensor '" + std::string(e.name()) + "' used as a scalar");
        case Op::Read: return read(e);
        case Op::Reduce: return reduce(e);
        case Op::Apply: {
            if (!env.applyHook()) return evalFail("no value for function '" + std::string(e.name()) + "'");
            std::vector<Val> args;
            for (const Expr& k : e.children()) {
                auto v = scalar(k);
                if (!v) return v;
                args.push_back(*v);
            }
            return env.applyHook()(e, args);
        }
        case Op::Named:
            if (!e.isScalar() || !e.namedInfo().elementwise)
                return evalFail(e.namedInfo().name + " gives a tensor; index it to get a scalar");
            break;
        default: break;
        }
        if (!e.isScalar()) return evalFail("expression of shape has no scalar value: " + toText(e));
        if (e.op() == Op::Select) {
            // Only the chosen branch is evaluated: the other may read out of bounds.
            auto c = scalar(e[0]);
            if (!c) return c;
            if (c->undef) return Val{kNaN, true};
            return scalar(c->v != 0 ? e[1] : e[2]);
        }
        if (e.op() == Op::And || e.op() == Op::Or) {
            auto l = scalar(e[0]);
            if (!l) return l;
            if (!l->undef && ((e.op() == Op::And && l->v == 0) || (e.op() == Op::Or && l->v != 0)))
                return Val{e.op() == Op::Or ? 1.0 : 0.0, false};
        }
        std::vector<Val> args;
        args.reserve(e.arity());
        for (const Expr& k : e.children()) {
            auto v = scalar(k);
            if (!v) return v;
            args.push_back(*v);
        }
        return applyElementwise(e, args, mode);
    }

    VR read(Expr e) {
        const TensorValue* t = nullptr;
        if (e[0].op() == Op::Tensor) {
            t = env.tensor(e[0].name());
            if (!t) return evalFail("no value for tensor '" + std::string(e[0].name()) + "'");
        } else {
            auto tv = tensorOf(e[0]);
            if (!tv) return std::move(tv).takeError();
            t = *tv;
        }
        std::vector<std::int64_t> idx;
        for (std::size_t i = 1; i < e.arity(); ++i) {
            auto v = scalar(e[i]);
            if (!v) return v;
            if (v->undef) return Val{kNaN, true};
            idx.push_back(static_cast<std::int64_t>(v->v));
        }
        if (idx.size() != t->rank())
            return evalFail("tensor '" + toText(e[0]) + "' has rank " + std::to_string(t->rank()));
        if (!t->inBounds(idx)) {
            std::string where;
            for (std::size_t i = 0; i < idx.size(); ++i) where += (i ? ", " : "") + std::to_string(idx[i]);
            std::string shape;
            for (std::size_t i = 0; i < t->shape.size(); ++i) shape += (i ? ", " : "") + std::to_string(t->shape[i]);
            return evalFail("read out of bounds: " + toText(e[0]) + "[" + where + "] outside shape [" + shape + "]");
        }
        return Val{t->at(idx), false};
    }

    util::Result<const TensorValue*> tensorOf(Expr e) {
        using R = util::Result<const TensorValue*>;
        if (e.op() == Op::Tensor) {
            const TensorValue* t = env.tensor(e.name());
            if (!t) return R::failure("eval", "no value for tensor '" + std::string(e.name()) + "'");
            return t;
        }
        auto it = tensorMemo.find(e.node());
        if (it != tensorMemo.end()) return &it->second;
        auto tv = tensor(e);
        if (!tv) return std::move(tv).takeError();
        return &tensorMemo.emplace(e.node(), std::move(*tv)).first->second;
    }

    VR reduce(Expr e) {
        std::vector<std::int64_t> key;
        for (const Expr& v : freeVarsOf(e)) {
            auto x = varValue(v);
            if (!x) return std::move(x).takeError();
            key.push_back(*x);
        }
        auto memoKey = std::make_pair(e.node(), std::move(key));
        if (auto it = reduceMemo.find(memoKey); it != reduceMemo.end()) return it->second;

        auto lo = scalar(e.lo());
        if (!lo) return lo;
        auto hi = scalar(e.hi());
        if (!hi) return hi;
        if (lo->undef || hi->undef) return Val{kNaN, true};
        auto from = static_cast<std::int64_t>(lo->v), to = static_cast<std::int64_t>(hi->v);
        if (to - from > 50'000'000) return evalFail("reduction range too large to evaluate");
        ReduceKind kind = e.reduceKind();
        double acc = kind == ReduceKind::Sum ? 0.0 : kind == ReduceKind::Prod ? 1.0
                     : (kind == ReduceKind::Max || kind == ReduceKind::ArgMax) ? -std::numeric_limits<double>::infinity()
                                                                                : std::numeric_limits<double>::infinity();
        std::int64_t best = -1;
        bool undef = false, any = false;
        bound.emplace_back(e.var().node(), 0);
        for (std::int64_t k = from; k < to; ++k) {
            bound.back().second = k;
            auto g = scalar(e.guard());
            if (!g) {
                bound.pop_back();
                return g;
            }
            if (g->undef) {
                undef = true;
                continue;
            }
            if (g->v == 0) continue;
            auto b = scalar(e.body());
            if (!b) {
                bound.pop_back();
                return b;
            }
            if (b->undef) {
                undef = true;
                continue;
            }
            any = true;
            double x = b->v;
            switch (kind) {
            case ReduceKind::Sum: acc += x; break;
            case ReduceKind::Prod: acc *= x; break;
            case ReduceKind::Max: acc = std::isnan(x) || std::isnan(acc) ? kNaN : std::max(acc, x); break;
            case ReduceKind::Min: acc = std::isnan(x) || std::isnan(acc) ? kNaN : std::min(acc, x); break;
            case ReduceKind::ArgMax:
                if (best < 0 || x > acc) acc = x, best = k;
                break;
            case ReduceKind::ArgMin:
                if (best < 0 || x < acc) acc = x, best = k;
                break;
            }
            if (mode == EvalMode::Float && (kind == ReduceKind::Sum || kind == ReduceKind::Prod))
                acc = roundToDType(acc, e.dtype());
        }
        bound.pop_back();
        Val result{acc, undef};
        if (kind == ReduceKind::ArgMax || kind == ReduceKind::ArgMin) {
            result.v = static_cast<double>(best);
            if (!any) result.undef = true;
        }
        if (undef) result = Val{kNaN, true};
        reduceMemo.emplace(std::move(memoKey), result);
        return result;
    }

    util::Result<TensorValue> tensor(Expr e) {
        using R = util::Result<TensorValue>;
        if (e.isScalar()) {
            auto v = scalar(e);
            if (!v) return std::move(v).takeError();
            return TensorValue::scalar(e.dtype(), v->undef ? kNaN : v->v);
        }
        if (e.op() == Op::Tensor) {
            const TensorValue* t = env.tensor(e.name());
            if (!t) return R::failure("eval", "no value for tensor '" + std::string(e.name()) + "'");
            return *t;
        }
        if (e.op() == Op::Named && !e.namedInfo().elementwise) {
            const NamedOpInfo& info = e.namedInfo();
            std::vector<NamedArgValue> args;
            for (std::size_t i = 0; i < e.arity(); ++i) {
                if (info.params[i].kind == ParamKind::Tensor) {
                    auto t = tensor(e[i]);
                    if (!t) return t;
                    args.emplace_back(std::move(*t));
                } else {
                    auto v = scalar(e[i]);
                    if (!v) return std::move(v).takeError();
                    args.emplace_back(v->v);
                }
            }
            auto r = info.tensor(args);
            if (!r) return r;
            if (mode == EvalMode::Float)
                for (double& x : *r->storage) x = roundToDType(x, e.dtype());
            return r;
        }
        // Elementwise with broadcasting.
        std::vector<TensorValue> kids;
        std::vector<std::int64_t> shape;
        for (const Expr& k : e.children()) {
            auto t = tensor(k);
            if (!t) return t;
            std::vector<std::int64_t> s = t->shape;
            std::size_t r = std::max(shape.size(), s.size());
            std::vector<std::int64_t> out(r, 1);
            for (std::size_t d = 0; d < r; ++d) {
                std::int64_t a = d + shape.size() >= r ? shape[d + shape.size() - r] : 1;
                std::int64_t b = d + s.size() >= r ? s[d + s.size() - r] : 1;
                if (a != b && a != 1 && b != 1) return R::failure("eval", "shapes do not broadcast at run time");
                out[d] = a == 1 ? b : a;
            }
            shape = out;
            kids.push_back(std::move(*t));
        }
        TensorValue result = TensorValue::zeros(e.dtype(), shape);
        std::vector<Val> args(kids.size());
        util::Result<Val> failure = Val{};
        result.forEachIndex([&](const std::vector<std::int64_t>& idx) {
            if (!failure) return;
            for (std::size_t i = 0; i < kids.size(); ++i) {
                const TensorValue& k = kids[i];
                std::vector<std::int64_t> ki(k.rank());
                for (std::size_t d = 0; d < k.rank(); ++d) {
                    std::int64_t v = idx[idx.size() - k.rank() + d];
                    ki[d] = k.shape[d] == 1 ? 0 : v;
                }
                double x = k.rank() == 0 ? k.atLinear(0) : k.at(ki);
                args[i] = Val{x, false};
            }
            auto v = applyElementwise(e, args, mode);
            if (!v) {
                failure = std::move(v);
                return;
            }
            result.at(idx) = v->undef ? kNaN : v->v;
        });
        if (!failure) return std::move(failure).takeError();
        return result;
    }
};

Evaluator::Evaluator(const Env& env, EvalMode mode) : m_impl(std::make_unique<Impl>(env, mode)) {}
Evaluator::~Evaluator() = default;

util::Result<Val> Evaluator::scalar(Expr e) {
    auto r = m_impl->scalar(e);
    if (r && r->undef) ++m_undefCount;
    return r;
}

util::Result<TensorValue> Evaluator::tensor(Expr e) { return m_impl->tensor(e); }

void Evaluator::clearCache() {
    m_impl->reduceMemo.clear();
    m_impl->tensorMemo.clear();
}

} // namespace tlift::ir
