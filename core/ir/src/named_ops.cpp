#include "tlift/ir/named_ops.h"

#include "tlift/ir/context.h"
#include "typing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace tlift::ir {

int normalizeDim(std::int64_t dim, std::size_t rank) {
    auto r = static_cast<std::int64_t>(rank);
    if (dim < 0) dim += r;
    return dim >= 0 && dim < r ? static_cast<int>(dim) : -1;
}

namespace {

using TypeResult = util::Result<NamedType>;
using EvalResult = util::Result<TensorValue>;
constexpr double kInf = std::numeric_limits<double>::infinity();

TypeResult typeFail(const std::string& m) { return TypeResult::failure("type", m); }
EvalResult evalFail(const std::string& m) { return EvalResult::failure("eval", m); }

std::vector<Expr> shapeOf(Expr e) { return {e.shape().begin(), e.shape().end()}; }

// ---- typing helpers ----
TypeResult tensorArg(std::span<const Expr> a, std::size_t i, std::size_t minRank = 1) {
    if (a[i].rank() < minRank)
        return typeFail("argument " + std::to_string(i) + " must be a tensor of rank >= " + std::to_string(minRank));
    return NamedType{a[i].dtype(), shapeOf(a[i])};
}

TypeResult sameAsFirst(Context&, std::span<const Expr> a) {
    auto t = tensorArg(a, 0);
    if (!t) return t;
    if (a.size() > 1 && a[1].op() == Op::Const && a[1].dtype() != DType::Bool &&
        normalizeDim(a[1].intValue(), a[0].rank()) < 0)
        return typeFail("dimension " + std::to_string(a[1].intValue()) + " out of range for rank " +
                        std::to_string(a[0].rank()));
    return t;
}

// (x, dim, keepdim) or (x, dim, correction, keepdim): reduces dim; keepdim is the last argument.
TypeResult reduceType(Context& ctx, std::span<const Expr> a, std::optional<DType> resultType) {
    auto t = tensorArg(a, 0);
    if (!t) return t;
    int d = normalizeDim(a[1].intValue(), a[0].rank());
    if (d < 0) return typeFail("dimension " + std::to_string(a[1].intValue()) + " out of range");
    bool keep = a.back().boolValue();
    std::vector<Expr> shape = shapeOf(a[0]);
    if (keep) shape[static_cast<std::size_t>(d)] = ctx.intConst(1, shape[static_cast<std::size_t>(d)].dtype());
    else shape.erase(shape.begin() + d);
    return NamedType{resultType.value_or(a[0].dtype()), std::move(shape)};
}

TypeResult elementwiseType(Context&, std::span<const Expr> a, const std::vector<NamedParam>& params) {
    std::vector<Expr> shape;
    std::optional<DType> t;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (params[i].kind != ParamKind::Tensor) continue;
        if (!isFloat(a[i].dtype())) return typeFail("argument '" + params[i].name + "' must be a float");
        if (t && *t != a[i].dtype()) return typeFail("argument types differ");
        t = a[i].dtype();
        auto b = broadcastShapes(shape, a[i].shape());
        if (!b) return typeFail(b.error().message);
        shape = std::move(*b);
    }
    return NamedType{t.value_or(DType::F32), std::move(shape)};
}

// ---- evaluation helpers ----
const TensorValue* tensorOf(std::span<const NamedArgValue> a, std::size_t i) {
    return std::get_if<TensorValue>(&a[i]);
}
double numberOf(std::span<const NamedArgValue> a, std::size_t i) {
    if (auto* d = std::get_if<double>(&a[i])) return *d;
    const TensorValue& t = std::get<TensorValue>(a[i]);
    return t.numel() == 1 ? t.atLinear(0) : std::numeric_limits<double>::quiet_NaN();
}

// Applies f to each "line" of x along dim: f(values) -> values of the same length (or 1).
template <class F>
TensorValue mapLines(const TensorValue& x, int dim, bool reduce, bool keepdim, F&& f) {
    std::vector<std::int64_t> outShape = x.shape;
    std::int64_t n = x.shape[static_cast<std::size_t>(dim)];
    if (reduce) {
        if (keepdim) outShape[static_cast<std::size_t>(dim)] = 1;
        else outShape.erase(outShape.begin() + dim);
    }
    TensorValue out = TensorValue::zeros(x.dtype, outShape);
    std::vector<std::int64_t> lineShape = x.shape;
    lineShape[static_cast<std::size_t>(dim)] = 1;
    TensorValue lines = TensorValue::zeros(x.dtype, lineShape);
    std::vector<double> buf(static_cast<std::size_t>(n));
    lines.forEachIndex([&](const std::vector<std::int64_t>& base) {
        std::vector<std::int64_t> idx = base;
        for (std::int64_t k = 0; k < n; ++k) {
            idx[static_cast<std::size_t>(dim)] = k;
            buf[static_cast<std::size_t>(k)] = x.at(idx);
        }
        std::vector<double> res = f(buf);
        if (reduce) {
            std::vector<std::int64_t> o = base;
            if (!keepdim) o.erase(o.begin() + dim);
            out.at(o) = res[0];
        } else {
            for (std::int64_t k = 0; k < n; ++k) {
                idx[static_cast<std::size_t>(dim)] = k;
                out.at(idx) = res[static_cast<std::size_t>(k)];
            }
        }
    });
    return out;
}

using LineFn = std::function<std::vector<double>(const std::vector<double>&)>;

std::function<EvalResult(std::span<const NamedArgValue>)> reduceEval(LineFn f, bool hasCorrection = false) {
    return [f, hasCorrection](std::span<const NamedArgValue> a) -> EvalResult {
        const TensorValue* x = tensorOf(a, 0);
        if (!x) return evalFail("expected a tensor");
        int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank());
        if (d < 0) return evalFail("dimension out of range");
        bool keep = numberOf(a, a.size() - 1) != 0.0;
        double corr = hasCorrection ? numberOf(a, 2) : 0.0;
        return mapLines(*x, d, true, keep, [&](const std::vector<double>& v) {
            std::vector<double> in = v;
            if (hasCorrection) in.push_back(corr); // the line function reads the correction last
            return f(in);
        });
    };
}

std::function<EvalResult(std::span<const NamedArgValue>)> lineEval(LineFn f) {
    return [f](std::span<const NamedArgValue> a) -> EvalResult {
        const TensorValue* x = tensorOf(a, 0);
        if (!x) return evalFail("expected a tensor");
        int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank());
        if (d < 0) return evalFail("dimension out of range");
        return mapLines(*x, d, false, false, f);
    };
}

double lineMax(const std::vector<double>& v) {
    double m = -kInf;
    for (double x : v) m = std::isnan(x) || std::isnan(m) ? std::numeric_limits<double>::quiet_NaN() : std::max(m, x);
    return m;
}
double lineSum(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
}
double lineLse(const std::vector<double>& v) {
    double m = lineMax(v);
    if (std::isinf(m)) return m;
    double s = 0;
    for (double x : v) s += std::exp(x - m);
    return m + std::log(s);
}
double variance(const std::vector<double>& v, std::size_t n, double correction) {
    double mean = 0;
    for (std::size_t i = 0; i < n; ++i) mean += v[i];
    mean /= static_cast<double>(n);
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += (v[i] - mean) * (v[i] - mean);
    return s / (static_cast<double>(n) - correction);
}

double geluErf(double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }
double geluTanh(double x) {
    const double c = std::sqrt(2.0 / M_PI);
    return 0.5 * x * (1.0 + std::tanh(c * (x + 0.044715 * x * x * x)));
}
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double silu(double x) { return x * sigmoid(x); }

// Last-dimension normalizations: layer_norm(x, w, b, eps), rms_norm(x, w, eps).
EvalResult normEval(std::span<const NamedArgValue> a, bool rms) {
    const TensorValue* x = tensorOf(a, 0);
    if (!x || x->rank() == 0) return evalFail("expected a tensor");
    const TensorValue* w = tensorOf(a, 1);
    const TensorValue* b = rms ? nullptr : tensorOf(a, 2);
    double eps = numberOf(a, rms ? 2 : 3);
    int d = static_cast<int>(x->rank()) - 1;
    std::int64_t n = x->shape.back();
    auto weightAt = [&](const TensorValue* t, std::int64_t k, double dflt) {
        if (!t) return dflt;
        return t->rank() == 0 ? t->atLinear(0) : t->atLinear(k % std::max<std::int64_t>(t->numel(), 1));
    };
    return mapLines(*x, d, false, false, [&](const std::vector<double>& v) {
        std::vector<double> out(v.size());
        double mean = rms ? 0.0 : lineSum(v) / static_cast<double>(n);
        double ss = 0;
        for (double e : v) ss += (e - mean) * (e - mean);
        double inv = 1.0 / std::sqrt(ss / static_cast<double>(n) + eps);
        for (std::size_t k = 0; k < v.size(); ++k)
            out[k] = (v[k] - mean) * inv * weightAt(w, static_cast<std::int64_t>(k), 1.0) +
                     weightAt(b, static_cast<std::int64_t>(k), 0.0);
        return out;
    });
}

EvalResult matmulEval(const TensorValue& A, const TensorValue& B, bool transposeB) {
    std::int64_t m = A.shape[0], k = A.shape[1];
    std::int64_t n = transposeB ? B.shape[0] : B.shape[1];
    std::int64_t kb = transposeB ? B.shape[1] : B.shape[0];
    if (k != kb) return evalFail("inner dimensions differ");
    TensorValue out = TensorValue::zeros(A.dtype, {m, n});
    for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < n; ++j) {
            double s = 0;
            for (std::int64_t p = 0; p < k; ++p)
                s += A.at({i, p}) * (transposeB ? B.at({j, p}) : B.at({p, j}));
            out.at({i, j}) = s;
        }
    return out;
}

struct Registry {
    std::vector<std::unique_ptr<NamedOpInfo>> ops;

    NamedOpInfo& add(std::string name, std::vector<NamedParam> params, std::string latex, std::string doc) {
        auto op = std::make_unique<NamedOpInfo>();
        op->index = static_cast<int>(ops.size());
        op->name = std::move(name);
        op->params = std::move(params);
        op->latex = std::move(latex);
        op->doc = std::move(doc);
        ops.push_back(std::move(op));
        return *ops.back();
    }

    void elementwise(std::string name, std::vector<NamedParam> params, std::string latex, std::string doc,
                     std::function<double(std::span<const double>)> f) {
        NamedOpInfo& op = add(std::move(name), params, std::move(latex), std::move(doc));
        op.elementwise = true;
        op.scalar = std::move(f);
        op.type = [params](Context& c, std::span<const Expr> a) { return elementwiseType(c, a, params); };
    }

    void reduction(std::string name, std::string latex, std::string doc, LineFn f,
                   std::optional<DType> resultType = std::nullopt) {
        NamedOpInfo& op = add(name, {{"x", ParamKind::Tensor, ""}, {"dim", ParamKind::Dim, ""},
                                     {"keepdim", ParamKind::Bool, "false"}},
                              std::move(latex), std::move(doc));
        op.type = [resultType](Context& c, std::span<const Expr> a) { return reduceType(c, a, resultType); };
        op.tensor = reduceEval(std::move(f));
    }

    Registry();
};

const NamedParam T(const char* n) { return {n, ParamKind::Tensor, ""}; }
const NamedParam S(const char* n, const char* d = "") { return {n, ParamKind::Scalar, d}; }
const NamedParam D(const char* n, const char* d = "") { return {n, ParamKind::Dim, d}; }

Registry::Registry() {
    // ---- elementwise activations ----
    elementwise("relu", {T("x")}, "\\operatorname{relu}\\left($0\\right)", "max(x, 0)",
                [](std::span<const double> v) { return std::max(v[0], 0.0); });
    elementwise("leaky_relu", {T("x"), S("slope", "0.01")}, "\\operatorname{leaky\\_relu}_{$1}\\left($0\\right)",
                "x if x >= 0 else slope * x",
                [](std::span<const double> v) { return v[0] >= 0 ? v[0] : v[1] * v[0]; });
    elementwise("gelu", {T("x")}, "\\operatorname{gelu}\\left($0\\right)", "x/2 (1 + erf(x / sqrt 2))",
                [](std::span<const double> v) { return geluErf(v[0]); });
    elementwise("gelu_tanh", {T("x")}, "\\operatorname{gelu}_{\\tanh}\\left($0\\right)",
                "x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))",
                [](std::span<const double> v) { return geluTanh(v[0]); });
    elementwise("silu", {T("x")}, "\\operatorname{silu}\\left($0\\right)", "x sigmoid(x)",
                [](std::span<const double> v) { return silu(v[0]); });
    elementwise("softplus", {T("x"), S("beta", "1.0"), S("threshold", "20.0")},
                "\\operatorname{softplus}\\left($0\\right)",
                "log(1 + exp(beta x)) / beta, or x where beta x > threshold", [](std::span<const double> v) {
                    double bx = v[1] * v[0];
                    return bx > v[2] ? v[0] : std::log1p(std::exp(bx)) / v[1];
                });
    elementwise("clamp", {T("x"), S("lo"), S("hi")}, "\\operatorname{clamp}\\left($0, $1, $2\\right)",
                "min(max(x, lo), hi)", [](std::span<const double> v) { return std::min(std::max(v[0], v[1]), v[2]); });
    elementwise("silu_and_mul", {T("a"), T("b")}, "\\operatorname{silu}\\left($0\\right) \\odot $1",
                "silu(a) * b (SwiGLU)", [](std::span<const double> v) { return silu(v[0]) * v[1]; });
    elementwise("gelu_and_mul", {T("a"), T("b")}, "\\operatorname{gelu}\\left($0\\right) \\odot $1",
                "gelu(a) * b (GeGLU, erf form)", [](std::span<const double> v) { return geluErf(v[0]) * v[1]; });
    elementwise("gelu_tanh_and_mul", {T("a"), T("b")}, "\\operatorname{gelu}_{\\tanh}\\left($0\\right) \\odot $1",
                "gelu_tanh(a) * b (GeGLU, tanh form)",
                [](std::span<const double> v) { return geluTanh(v[0]) * v[1]; });

    // ---- reductions (torch semantics, keepdim selectable) ----
    reduction("sum", "\\operatorname{sum}_{$1}\\left($0\\right)", "sum over dim", [](const std::vector<double>& v) {
        return std::vector<double>{lineSum(v)};
    });
    reduction("mean", "\\operatorname{mean}_{$1}\\left($0\\right)", "mean over dim",
              [](const std::vector<double>& v) { return std::vector<double>{lineSum(v) / static_cast<double>(v.size())}; });
    reduction("amax", "\\max_{$1}\\left($0\\right)", "maximum over dim",
              [](const std::vector<double>& v) { return std::vector<double>{lineMax(v)}; });
    reduction("amin", "\\min_{$1}\\left($0\\right)", "minimum over dim", [](const std::vector<double>& v) {
        double m = kInf;
        for (double x : v) m = std::min(m, x);
        return std::vector<double>{m};
    });
    reduction("prod", "\\operatorname{prod}_{$1}\\left($0\\right)", "product over dim",
              [](const std::vector<double>& v) {
                  double p = 1;
                  for (double x : v) p *= x;
                  return std::vector<double>{p};
              });
    reduction("logsumexp", "\\operatorname{logsumexp}_{$1}\\left($0\\right)", "log of the sum of exp over dim",
              [](const std::vector<double>& v) { return std::vector<double>{lineLse(v)}; });
    reduction("argmax", "\\operatorname{arg\\,max}_{$1}\\left($0\\right)", "index of the first maximum over dim",
              [](const std::vector<double>& v) {
                  std::size_t best = 0;
                  for (std::size_t i = 1; i < v.size(); ++i)
                      if (v[i] > v[best]) best = i;
                  return std::vector<double>{static_cast<double>(best)};
              },
              DType::I64);
    reduction("argmin", "\\operatorname{arg\\,min}_{$1}\\left($0\\right)", "index of the first minimum over dim",
              [](const std::vector<double>& v) {
                  std::size_t best = 0;
                  for (std::size_t i = 1; i < v.size(); ++i)
                      if (v[i] < v[best]) best = i;
                  return std::vector<double>{static_cast<double>(best)};
              },
              DType::I64);
    for (const char* name : {"var", "std"}) {
        bool isStd = std::string(name) == "std";
        NamedOpInfo& op = add(name,
                              {T("x"), D("dim"), {"correction", ParamKind::Scalar, "1.0"},
                               {"keepdim", ParamKind::Bool, "false"}},
                              isStd ? "\\operatorname{std}_{$1}\\left($0\\right)" : "\\operatorname{Var}_{$1}\\left($0\\right)",
                              isStd ? "standard deviation over dim" : "variance over dim (correction 1: unbiased)");
        op.type = [](Context& c, std::span<const Expr> a) { return reduceType(c, a, std::nullopt); };
        op.tensor = reduceEval(
            [isStd](const std::vector<double>& v) {
                double corr = v.back();
                double var = variance(v, v.size() - 1, corr);
                return std::vector<double>{isStd ? std::sqrt(var) : var};
            },
            true);
    }

    // ---- along-a-dimension operators ----
    auto addLine = [this](const char* name, std::string latex, std::string doc, LineFn f) {
        NamedOpInfo& op = add(name, {T("x"), D("dim")}, std::move(latex), std::move(doc));
        op.type = sameAsFirst;
        op.tensor = lineEval(std::move(f));
    };
    addLine("softmax", "\\operatorname{softmax}_{$1}\\left($0\\right)", "exp(x) / sum exp(x) along dim",
            [](const std::vector<double>& v) {
                double m = lineMax(v), s = 0;
                std::vector<double> out(v.size());
                for (std::size_t i = 0; i < v.size(); ++i) s += out[i] = std::exp(v[i] - m);
                for (double& o : out) o /= s;
                return out;
            });
    addLine("log_softmax", "\\operatorname{log\\_softmax}_{$1}\\left($0\\right)", "x - logsumexp(x) along dim",
            [](const std::vector<double>& v) {
                double l = lineLse(v);
                std::vector<double> out(v.size());
                for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i] - l;
                return out;
            });
    addLine("cumsum", "\\operatorname{cumsum}_{$1}\\left($0\\right)", "inclusive prefix sum along dim",
            [](const std::vector<double>& v) {
                std::vector<double> out(v.size());
                double s = 0;
                for (std::size_t i = 0; i < v.size(); ++i) out[i] = s += v[i];
                return out;
            });
    addLine("cumprod", "\\operatorname{cumprod}_{$1}\\left($0\\right)", "inclusive prefix product along dim",
            [](const std::vector<double>& v) {
                std::vector<double> out(v.size());
                double p = 1;
                for (std::size_t i = 0; i < v.size(); ++i) out[i] = p *= v[i];
                return out;
            });

    // ---- normalizations over the last dimension ----
    {
        NamedOpInfo& op = add("layer_norm", {T("x"), T("weight"), T("bias"), S("eps", "1e-05")},
                              "\\operatorname{LayerNorm}_{$3}\\left($0; $1, $2\\right)",
                              "(x - mean) / sqrt(var + eps) * weight + bias over the last dim (biased var)");
        op.type = [](Context& c, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() < 1) return typeFail("layer_norm needs a tensor");
            return sameAsFirst(c, a.subspan(0, 1));
        };
        op.tensor = [](std::span<const NamedArgValue> a) { return normEval(a, false); };
    }
    {
        NamedOpInfo& op = add("rms_norm", {T("x"), T("weight"), S("eps", "1e-06")},
                              "\\operatorname{RMSNorm}_{$2}\\left($0; $1\\right)",
                              "x / sqrt(mean(x^2) + eps) * weight over the last dim");
        op.type = [](Context& c, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() < 1) return typeFail("rms_norm needs a tensor");
            return sameAsFirst(c, a.subspan(0, 1));
        };
        op.tensor = [](std::span<const NamedArgValue> a) { return normEval(a, true); };
    }
    {
        NamedOpInfo& op = add("vector_norm", {T("x"), S("ord", "2.0"), D("dim"), {"keepdim", ParamKind::Bool, "false"}},
                              "\\left\\lVert $0 \\right\\rVert_{$1}", "(sum |x|^ord)^(1/ord) over dim");
        op.type = [](Context& c, std::span<const Expr> a) -> TypeResult {
            std::vector<Expr> b = {a[0], a[2], a[3]};
            return reduceType(c, b, std::nullopt);
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            double ord = numberOf(a, 1);
            std::vector<NamedArgValue> b = {a[0], a[2], a[3]};
            return reduceEval([ord](const std::vector<double>& v) {
                double s = 0;
                for (double x : v) s += std::pow(std::fabs(x), ord);
                return std::vector<double>{std::pow(s, 1.0 / ord)};
            })(b);
        };
    }
    {
        NamedOpInfo& op = add("normalize", {T("x"), S("p", "2.0"), D("dim"), S("eps", "1e-12")},
                              "\\frac{$0}{\\max(\\lVert $0 \\rVert_{$1}, $3)}", "x / max(||x||_p, eps) along dim");
        op.type = [](Context& c, std::span<const Expr> a) -> TypeResult {
            std::vector<Expr> b = {a[0], a[2]};
            return sameAsFirst(c, b);
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            double p = numberOf(a, 1), eps = numberOf(a, 3);
            std::vector<NamedArgValue> b = {a[0], a[2]};
            return lineEval([p, eps](const std::vector<double>& v) {
                double s = 0;
                for (double x : v) s += std::pow(std::fabs(x), p);
                double n = std::max(std::pow(s, 1.0 / p), eps);
                std::vector<double> out(v.size());
                for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i] / n;
                return out;
            })(b);
        };
    }
    {
        NamedOpInfo& op = add("cosine_similarity", {T("a"), T("b"), D("dim", "1"), S("eps", "1e-08")},
                              "\\cos_{$2}\\left($0, $1\\right)", "a.b / max(||a|| ||b||, eps) along dim");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].dtype() != a[1].dtype()) return typeFail("argument types differ");
            auto s = broadcastShapes(a[0].shape(), a[1].shape());
            if (!s) return typeFail(s.error().message);
            int d = normalizeDim(a[2].intValue(), s->size());
            if (d < 0) return typeFail("dimension out of range");
            std::vector<Expr> shape = std::move(*s);
            shape.erase(shape.begin() + d);
            return NamedType{a[0].dtype(), std::move(shape)};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* y = tensorOf(a, 1);
            if (!x || !y || x->shape != y->shape) return evalFail("cosine_similarity needs equal shapes");
            int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 2)), x->rank());
            double eps = numberOf(a, 3);
            std::vector<std::int64_t> outShape = x->shape;
            outShape.erase(outShape.begin() + d);
            TensorValue dot = TensorValue::zeros(x->dtype, outShape);
            std::int64_t n = x->shape[static_cast<std::size_t>(d)];
            std::vector<std::int64_t> lineShape = x->shape;
            lineShape[static_cast<std::size_t>(d)] = 1;
            TensorValue lines = TensorValue::zeros(x->dtype, lineShape);
            lines.forEachIndex([&](const std::vector<std::int64_t>& base) {
                std::vector<std::int64_t> idx = base;
                double sxy = 0, sxx = 0, syy = 0;
                for (std::int64_t k = 0; k < n; ++k) {
                    idx[static_cast<std::size_t>(d)] = k;
                    double u = x->at(idx), v = y->at(idx);
                    sxy += u * v;
                    sxx += u * u;
                    syy += v * v;
                }
                std::vector<std::int64_t> o = base;
                o.erase(o.begin() + d);
                dot.at(o) = sxy / std::max(std::sqrt(sxx) * std::sqrt(syy), eps);
            });
            return dot;
        };
    }
    {
        NamedOpInfo& op = add("cross_entropy", {T("logits"), T("target")},
                              "\\operatorname{CE}\\left($0, $1\\right)",
                              "per row: logsumexp(logits[i, :]) - logits[i, target[i]] (reduction='none')");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 2 || a[1].rank() != 1) return typeFail("cross_entropy needs logits [N, C] and target [N]");
            if (!isInteger(a[1].dtype())) return typeFail("target must be an integer tensor");
            if (a[0].shape()[0] != a[1].shape()[0]) return typeFail("logits and target disagree on N");
            return NamedType{a[0].dtype(), {a[1].shape()[0]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* t = tensorOf(a, 1);
            if (!x || !t) return evalFail("expected tensors");
            std::int64_t n = x->shape[0], c = x->shape[1];
            TensorValue out = TensorValue::zeros(x->dtype, {n});
            for (std::int64_t i = 0; i < n; ++i) {
                std::vector<double> row(static_cast<std::size_t>(c));
                for (std::int64_t j = 0; j < c; ++j) row[static_cast<std::size_t>(j)] = x->at({i, j});
                auto tgt = static_cast<std::int64_t>(t->at({i}));
                if (tgt < 0 || tgt >= c) return evalFail("target index out of range");
                out.at({i}) = lineLse(row) - row[static_cast<std::size_t>(tgt)];
            }
            return out;
        };
    }

    // ---- linear algebra ----
    {
        NamedOpInfo& op = add("matmul", {T("a"), T("b")}, "$0 \\, $1", "matrix product a @ b of [M, K] and [K, N]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 2 || a[1].rank() != 2) return typeFail("matmul needs two matrices");
            if (a[0].dtype() != a[1].dtype()) return typeFail("matmul operand types differ");
            if (a[0].shape()[1] != a[1].shape()[0])
                return typeFail("matmul inner dimensions differ: " + shapeText(a[0].shape()) + " @ " + shapeText(a[1].shape()));
            return NamedType{a[0].dtype(), {a[0].shape()[0], a[1].shape()[1]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* y = tensorOf(a, 1);
            if (!x || !y) return evalFail("expected tensors");
            return matmulEval(*x, *y, false);
        };
    }
    {
        NamedOpInfo& op = add("bmm", {T("a"), T("b")}, "$0 \\, $1", "batched matrix product of [B, M, K] and [B, K, N]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 3 || a[1].rank() != 3) return typeFail("bmm needs two 3-D tensors");
            if (a[0].dtype() != a[1].dtype()) return typeFail("bmm operand types differ");
            if (a[0].shape()[0] != a[1].shape()[0] || a[0].shape()[2] != a[1].shape()[1])
                return typeFail("bmm dimensions disagree");
            return NamedType{a[0].dtype(), {a[0].shape()[0], a[0].shape()[1], a[1].shape()[2]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* y = tensorOf(a, 1);
            if (!x || !y) return evalFail("expected tensors");
            std::int64_t B = x->shape[0], M = x->shape[1], K = x->shape[2], N = y->shape[2];
            TensorValue out = TensorValue::zeros(x->dtype, {B, M, N});
            for (std::int64_t b = 0; b < B; ++b)
                for (std::int64_t i = 0; i < M; ++i)
                    for (std::int64_t j = 0; j < N; ++j) {
                        double s = 0;
                        for (std::int64_t p = 0; p < K; ++p) s += x->at({b, i, p}) * y->at({b, p, j});
                        out.at({b, i, j}) = s;
                    }
            return out;
        };
    }
    {
        NamedOpInfo& op = add("mv", {T("a"), T("x")}, "$0 \\, $1", "matrix-vector product of [M, K] and [K]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 2 || a[1].rank() != 1) return typeFail("mv needs a matrix and a vector");
            if (a[0].dtype() != a[1].dtype()) return typeFail("mv operand types differ");
            if (a[0].shape()[1] != a[1].shape()[0]) return typeFail("mv dimensions disagree");
            return NamedType{a[0].dtype(), {a[0].shape()[0]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* m = tensorOf(a, 0);
            const TensorValue* v = tensorOf(a, 1);
            if (!m || !v) return evalFail("expected tensors");
            TensorValue out = TensorValue::zeros(m->dtype, {m->shape[0]});
            for (std::int64_t i = 0; i < m->shape[0]; ++i) {
                double s = 0;
                for (std::int64_t k = 0; k < m->shape[1]; ++k) s += m->at({i, k}) * v->at({k});
                out.at({i}) = s;
            }
            return out;
        };
    }
    {
        NamedOpInfo& op = add("outer", {T("a"), T("b")}, "$0 \\otimes $1", "outer product of [M] and [N]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 1 || a[1].rank() != 1) return typeFail("outer needs two vectors");
            if (a[0].dtype() != a[1].dtype()) return typeFail("outer operand types differ");
            return NamedType{a[0].dtype(), {a[0].shape()[0], a[1].shape()[0]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* y = tensorOf(a, 1);
            if (!x || !y) return evalFail("expected tensors");
            TensorValue out = TensorValue::zeros(x->dtype, {x->shape[0], y->shape[0]});
            for (std::int64_t i = 0; i < x->shape[0]; ++i)
                for (std::int64_t j = 0; j < y->shape[0]; ++j) out.at({i, j}) = x->at({i}) * y->at({j});
            return out;
        };
    }
    {
        NamedOpInfo& op = add("linear", {T("x"), T("weight"), T("bias")}, "$0 \\, $1^{\\top} + $2",
                              "x @ weight^T + bias, x [M, K], weight [N, K], bias [N]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 2 || a[1].rank() != 2) return typeFail("linear needs x [M, K] and weight [N, K]");
            if (a[0].dtype() != a[1].dtype() || a[0].dtype() != a[2].dtype()) return typeFail("linear operand types differ");
            if (a[0].shape()[1] != a[1].shape()[1]) return typeFail("linear inner dimensions differ");
            return NamedType{a[0].dtype(), {a[0].shape()[0], a[1].shape()[0]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* w = tensorOf(a, 1);
            const TensorValue* b = tensorOf(a, 2);
            if (!x || !w || !b) return evalFail("expected tensors");
            auto r = matmulEval(*x, *w, true);
            if (!r) return r;
            TensorValue out = std::move(*r);
            for (std::int64_t i = 0; i < out.shape[0]; ++i)
                for (std::int64_t j = 0; j < out.shape[1]; ++j)
                    out.at({i, j}) += b->rank() == 0 ? b->atLinear(0) : b->atLinear(j);
            return out;
        };
    }
    {
        NamedOpInfo& op = add("transpose", {T("x"), D("dim0", "0"), D("dim1", "1")}, "{$0}^{\\top}",
                              "swaps two dimensions");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            int d0 = normalizeDim(a[1].intValue(), a[0].rank()), d1 = normalizeDim(a[2].intValue(), a[0].rank());
            if (d0 < 0 || d1 < 0) return typeFail("transpose dimension out of range");
            std::vector<Expr> s = shapeOf(a[0]);
            std::swap(s[static_cast<std::size_t>(d0)], s[static_cast<std::size_t>(d1)]);
            return NamedType{a[0].dtype(), std::move(s)};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            if (!x) return evalFail("expected a tensor");
            int d0 = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank());
            int d1 = normalizeDim(static_cast<std::int64_t>(numberOf(a, 2)), x->rank());
            TensorValue v = *x;
            std::swap(v.shape[static_cast<std::size_t>(d0)], v.shape[static_cast<std::size_t>(d1)]);
            std::swap(v.strides[static_cast<std::size_t>(d0)], v.strides[static_cast<std::size_t>(d1)]);
            return v.contiguous();
        };
    }
    {
        NamedOpInfo& op = add("unsqueeze", {T("x"), D("dim")}, "\\operatorname{unsqueeze}_{$1}\\left($0\\right)",
                              "inserts a dimension of size 1 at dim (torch.unsqueeze; -1 appends)");
        op.type = [](Context& c, std::span<const Expr> a) -> TypeResult {
            int d = normalizeDim(a[1].intValue(), a[0].rank() + 1);
            if (d < 0) return typeFail("unsqueeze dimension out of range");
            std::vector<Expr> s = shapeOf(a[0]);
            DType dimType = s.empty() ? DType::I32 : s[0].dtype();
            s.insert(s.begin() + d, c.intConst(1, dimType));
            return NamedType{a[0].dtype(), std::move(s)};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            if (!x) return evalFail("expected a tensor");
            int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank() + 1);
            if (d < 0) return evalFail("dimension out of range");
            TensorValue v = x->contiguous();
            v.shape.insert(v.shape.begin() + d, 1);
            v.strides = TensorValue::rowMajorStrides(v.shape);
            return v;
        };
    }
    {
        NamedOpInfo& op = add("squeeze", {T("x"), D("dim")}, "\\operatorname{squeeze}_{$1}\\left($0\\right)",
                              "removes a dimension of size 1 (torch.squeeze with a dim)");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            int d = normalizeDim(a[1].intValue(), a[0].rank());
            if (d < 0) return typeFail("squeeze dimension out of range");
            std::vector<Expr> s = shapeOf(a[0]);
            if (!s[static_cast<std::size_t>(d)].isIntConst(1)) return typeFail("squeeze of a dimension that is not 1");
            s.erase(s.begin() + d);
            return NamedType{a[0].dtype(), std::move(s)};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            if (!x) return evalFail("expected a tensor");
            int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank());
            if (d < 0 || x->shape[static_cast<std::size_t>(d)] != 1) return evalFail("squeeze of a dimension that is not 1");
            TensorValue v = x->contiguous();
            v.shape.erase(v.shape.begin() + d);
            v.strides = TensorValue::rowMajorStrides(v.shape);
            return v;
        };
    }
    {
        NamedOpInfo& op = add("gather", {T("x"), D("dim"), T("index")}, "\\operatorname{gather}_{$1}\\left($0, $2\\right)",
                              "torch.gather: out[i][j] = x[i][index[i][j]] for dim 1 (index has x's rank)");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            int d = normalizeDim(a[1].intValue(), a[0].rank());
            if (d < 0) return typeFail("gather dimension out of range");
            if (a[2].rank() != a[0].rank()) return typeFail("gather index must have the rank of x");
            if (!isInteger(a[2].dtype())) return typeFail("gather index must be integers");
            return NamedType{a[0].dtype(), shapeOf(a[2])};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* x = tensorOf(a, 0);
            const TensorValue* idx = tensorOf(a, 2);
            if (!x || !idx || idx->rank() != x->rank()) return evalFail("gather needs x and an index of its rank");
            int d = normalizeDim(static_cast<std::int64_t>(numberOf(a, 1)), x->rank());
            if (d < 0) return evalFail("dimension out of range");
            TensorValue out = TensorValue::zeros(x->dtype, idx->shape);
            std::string error;
            out.forEachIndex([&](const std::vector<std::int64_t>& i) {
                std::vector<std::int64_t> src = i;
                src[static_cast<std::size_t>(d)] = static_cast<std::int64_t>(idx->at(i));
                if (!x->inBounds(src)) {
                    error = "gather index out of range";
                    return;
                }
                out.at(i) = x->at(src);
            });
            if (!error.empty()) return evalFail(error);
            return out;
        };
    }
    {
        NamedOpInfo& op = add("embedding", {T("weight"), T("indices")}, "$0_{$1}",
                              "rows of weight [V, D] gathered by indices [N]: out[i, :] = weight[indices[i], :]");
        op.type = [](Context&, std::span<const Expr> a) -> TypeResult {
            if (a[0].rank() != 2 || a[1].rank() != 1) return typeFail("embedding needs weight [V, D] and indices [N]");
            if (!isInteger(a[1].dtype())) return typeFail("indices must be integers");
            return NamedType{a[0].dtype(), {a[1].shape()[0], a[0].shape()[1]}};
        };
        op.tensor = [](std::span<const NamedArgValue> a) -> EvalResult {
            const TensorValue* w = tensorOf(a, 0);
            const TensorValue* idx = tensorOf(a, 1);
            if (!w || !idx) return evalFail("expected tensors");
            TensorValue out = TensorValue::zeros(w->dtype, {idx->shape[0], w->shape[1]});
            for (std::int64_t i = 0; i < idx->shape[0]; ++i) {
                auto r = static_cast<std::int64_t>(idx->at({i}));
                if (r < 0 || r >= w->shape[0]) return evalFail("embedding index out of range");
                for (std::int64_t j = 0; j < w->shape[1]; ++j) out.at({i, j}) = w->at({r, j});
            }
            return out;
        };
    }
}

const Registry& registry() {
    static const Registry r;
    return r;
}

} // namespace

const NamedOpInfo* findNamedOp(std::string_view name) {
    for (const auto& op : registry().ops)
        if (op->name == name) return op.get();
    return nullptr;
}

const NamedOpInfo& namedOp(int index) { return *registry().ops.at(static_cast<std::size_t>(index)); }
int namedOpCount() { return static_cast<int>(registry().ops.size()); }

} // namespace tlift::ir
