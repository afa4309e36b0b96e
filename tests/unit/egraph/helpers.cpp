#include "helpers.h"

#include <cmath>

namespace tlift::egraph::testing {

using ir::DType;
using ir::Expr;

Fixture::Fixture() {
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32), K = c.sym("K", DType::I32);
    Expr B = c.sym("B", DType::I32), H = c.sym("H", DType::I32);
    for (Expr e : {M, N, K, B, H}) s.declare(e);
    for (const char* n : {"eps", "scale", "slope", "alpha", "beta", "threshold", "lo", "hi", "p", "q"})
        s.declare(c.sym(n, DType::F32));
    for (const char* n : {"x", "y", "r"}) s.declare(c.tensor(n, DType::F32, {M, N}));
    for (const char* n : {"w", "b", "u"}) s.declare(c.tensor(n, DType::F32, {N}));
    for (const char* n : {"v", "sv"}) s.declare(c.tensor(n, DType::F32, {M}));
    s.declare(c.tensor("a", DType::F32, {M, K}));
    s.declare(c.tensor("bm", DType::F32, {K, N}));
    s.declare(c.tensor("wt", DType::F32, {N, K}));
    s.declare(c.tensor("xk", DType::F32, {K}));
    s.declare(c.tensor("t3", DType::F32, {B, M, K}));
    s.declare(c.tensor("u3", DType::F32, {B, K, N}));
    s.declare(c.tensor("x3", DType::F32, {B, M, N}));
    s.declare(c.tensor("h16", DType::F16, {M, K}));
    s.declare(c.tensor("g16", DType::F16, {K, N}));
    s.declare(c.tensor("emb", DType::F32, {K, N}));
    s.declare(c.tensor("ids", DType::I32, {M}));
    s.declare(c.tensor("xt", DType::F32, {N, M}));
    s.declare(c.tensor("tgt", DType::I64, {M}));
    for (const char* n : {"i", "j", "k", "l", "m"}) s.declare(c.var(n));
}

Expr Fixture::parse(const std::string& text) {
    auto r = ir::parseExpr(c, text, s);
    if (!r) throw std::runtime_error("parse error in test: " + text + ": " + r.error().message);
    return *r;
}

ir::Equation Fixture::equation(const std::string& text) {
    ir::Scope scope = s;
    Expr M = c.sym("M", DType::I32), N = c.sym("N", DType::I32), B = c.sym("B", DType::I32);
    scope.declare(c.tensor("out", DType::F32, {M, N}));
    scope.declare(c.tensor("out1", DType::F32, {M}));
    scope.declare(c.tensor("outn", DType::F32, {N}));
    scope.declare(c.tensor("outi", DType::I32, {M}));
    scope.declare(c.tensor("out3", DType::F32, {B, M, N}));
    scope.declare(c.tensor("outx", DType::F32, {c.sym("K", DType::I32)}));
    auto r = ir::parseEquation(c, text, scope);
    if (!r) throw std::runtime_error("parse error in test: " + text + ": " + r.error().message);
    return *r;
}

ir::Env randomEnv(const Fixture& f, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(-2.0, 2.0);
    ir::Env env;
    std::map<std::string, std::int64_t> sizes{{"M", 3}, {"N", 4}, {"K", 5}, {"B", 2}, {"H", 3}};
    for (const auto& [name, e] : f.s.names) {
        if (e.op() == ir::Op::Sym) {
            if (ir::isInteger(e.dtype())) env.setSym(name, static_cast<double>(sizes.count(name) ? sizes[name] : 3));
            else if (name == "eps") env.setSym(name, std::uniform_real_distribution<double>(0.01, 0.5)(rng));
            else if (name == "beta" || name == "p") env.setSym(name, std::uniform_real_distribution<double>(0.5, 2.0)(rng));
            else env.setSym(name, uni(rng));
        } else if (e.op() == ir::Op::Tensor) {
            std::vector<std::int64_t> shape;
            for (const Expr& d : e.shape()) shape.push_back(sizes.at(std::string(d.name())));
            ir::TensorValue t = ir::TensorValue::zeros(e.dtype(), shape);
            for (double& x : *t.storage)
                x = ir::isInteger(e.dtype()) ? std::floor(std::uniform_real_distribution<double>(0, name == "tgt" ? 4 : 5)(rng))
                                             : ir::roundToDType(uni(rng), e.dtype());
            env.setTensor(name, t);
        }
    }
    return env;
}

double maxDifference(Expr a, Expr b, const ir::Env& env, std::string* why) {
    ir::Evaluator ea(env), eb(env);
    auto ta = ea.tensor(a);
    auto tb = eb.tensor(b);
    if (!ta || !tb) {
        if (why) *why = !ta ? ta.error().message : tb.error().message;
        return std::nan("");
    }
    if (ta->shape != tb->shape) {
        if (why) *why = "shapes differ";
        return std::nan("");
    }
    double worst = 0;
    for (std::int64_t n = 0; n < ta->numel(); ++n) {
        double x = ta->atLinear(n), y = tb->atLinear(n);
        if (std::isnan(x) && std::isnan(y)) continue;
        if (std::isinf(x) && x == y) continue;
        double d = std::fabs(x - y) / std::max({1.0, std::fabs(x), std::fabs(y)});
        if (std::isnan(d)) d = INFINITY;
        worst = std::max(worst, d);
    }
    return worst;
}

util::Result<ir::TensorValue> evalSummary(Expr lhs, Expr rhs, const ir::Env& env) {
    using Res = util::Result<ir::TensorValue>;
    if (lhs.op() != ir::Op::Read) {
        ir::Evaluator ev(env);
        return ev.tensor(rhs);
    }
    Expr out = lhs[0];
    std::vector<std::int64_t> shape;
    ir::Evaluator sizes(env);
    for (const Expr& d : out.shape()) {
        auto v = sizes.scalar(d);
        if (!v) return std::move(v).takeError();
        shape.push_back(static_cast<std::int64_t>(v->v));
    }
    ir::TensorValue t = ir::TensorValue::zeros(rhs.dtype(), shape);
    ir::Env local = env;
    std::string error;
    t.forEachIndex([&](const std::vector<std::int64_t>& idx) {
        if (!error.empty()) return;
        for (std::size_t a = 0; a < idx.size(); ++a) local.setVar(lhs[a + 1], idx[a]);
        ir::Evaluator ev(local);
        auto v = ev.scalar(rhs);
        if (!v) error = v.error().message;
        else t.at(idx) = v->undef ? std::nan("") : v->v;
    });
    if (!error.empty()) return Res::failure("eval", error);
    return t;
}

} // namespace tlift::egraph::testing
