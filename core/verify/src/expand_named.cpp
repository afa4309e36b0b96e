#include "tlift/verify/expand_named.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace tlift::verify {

using ir::DType;
using ir::Expr;
using ir::Op;
using ir::ReduceKind;

namespace {

using R = util::Result<Expr>;
R fail(const std::string& m) { return R::failure("expand", m); }

class Expander {
public:
    explicit Expander(ir::Context& ctx) : m_ctx(ctx) {}

    // ---- scalars: rewrite reads of tensor-level expressions and elementwise named operators ----
    R scalar(Expr e) {
        if (auto it = m_memo.find(e); it != m_memo.end()) return it->second;
        R r = scalarNode(e);
        if (r) m_memo.emplace(e, *r);
        return r;
    }

    // ---- the element of a tensor-valued expression ----
    R at(Expr t, const std::vector<Expr>& idx) {
        if (t.rank() != idx.size())
            return fail("expression of rank " + std::to_string(t.rank()) + " indexed with " + std::to_string(idx.size()) +
                        " indices: " + ir::toText(t));
        if (t.isScalar()) return scalar(t);
        switch (t.op()) {
        case Op::Tensor: return m_ctx.read(t, idx);
        case Op::Named: return t.namedInfo().elementwise ? elementwiseNamed(t, idx) : named(t, idx);
        default: break;
        }
        ir::OpClass cls = ir::opInfo(t.op()).cls;
        bool elementwise = cls == ir::OpClass::Arith || cls == ir::OpClass::Math || cls == ir::OpClass::Compare ||
                           cls == ir::OpClass::Logic || cls == ir::OpClass::Bitwise || t.op() == Op::Select ||
                           t.op() == Op::Cast;
        if (!elementwise) return fail("cannot index " + ir::toText(t));
        std::vector<Expr> kids;
        for (const Expr& k : t.children()) {
            auto x = broadcastAt(k, t, idx);
            if (!x) return x;
            kids.push_back(*x);
        }
        return m_ctx.withChildren(t, kids);
    }

private:
    R scalarNode(Expr e) {
        if (e.op() == Op::Read && e[0].op() != Op::Tensor) {
            std::vector<Expr> idx;
            for (std::size_t i = 1; i < e.arity(); ++i) {
                auto k = scalar(e[i]);
                if (!k) return k;
                idx.push_back(*k);
            }
            return at(e[0], idx);
        }
        if (e.op() == Op::Named) {
            if (!e.namedInfo().elementwise) return fail(e.namedInfo().name + " gives a tensor; index it");
            return elementwiseNamed(e, {});
        }
        if (e.arity() == 0) return e;
        std::vector<Expr> kids;
        bool changed = false;
        for (const Expr& k : e.children()) {
            auto x = scalar(k);
            if (!x) return x;
            changed |= *x != k;
            kids.push_back(*x);
        }
        if (!changed) return e;
        return m_ctx.withChildren(e, kids);
    }

    // The element of operand `k` of `whole` at the result's indices, with numpy broadcasting.
    R broadcastAt(Expr k, Expr whole, const std::vector<Expr>& idx) {
        if (k.isScalar()) return scalar(k);
        std::size_t off = whole.rank() - k.rank();
        std::vector<Expr> sub;
        for (std::size_t d = 0; d < k.rank(); ++d) {
            Expr dim = k.shape()[d];
            bool stretched = dim.isIntConst(1) && !whole.shape()[off + d].isIntConst(1);
            sub.push_back(stretched ? m_ctx.intConst(0, idx[off + d].dtype()) : idx[off + d]);
        }
        return at(k, sub);
    }

    Expr fconst(double v, DType t) { return m_ctx.floatConst(v, t); }
    Expr asType(Expr e, DType t) { return e.dtype() == t ? e : m_ctx.cast(e, t); }
    Expr var(Expr dim) { return m_ctx.freshVar("k", dim.dtype()); }
    Expr reduce(ReduceKind k, Expr v, Expr hi, Expr body) {
        return m_ctx.reduce(k, v, m_ctx.intConst(0, v.dtype()), hi, body);
    }
    static std::vector<Expr> with(std::vector<Expr> idx, std::size_t d, Expr k) {
        idx[d] = k;
        return idx;
    }
    static std::vector<Expr> inserted(std::vector<Expr> idx, std::size_t d, Expr k) {
        idx.insert(idx.begin() + static_cast<std::ptrdiff_t>(d), k);
        return idx;
    }

    // ---- elementwise named operators ----
    R elementwiseNamed(Expr t, const std::vector<Expr>& idx) {
        const ir::NamedOpInfo& info = t.namedInfo();
        std::vector<Expr> a;
        for (std::size_t i = 0; i < t.arity(); ++i) {
            auto x = info.params[i].kind == ir::ParamKind::Tensor ? broadcastAt(t[i], t, idx) : scalar(t[i]);
            if (!x) return x;
            a.push_back(*x);
        }
        DType ty = a[0].dtype();
        for (std::size_t i = 1; i < a.size(); ++i)
            if (ir::isNumeric(a[i].dtype())) a[i] = asType(a[i], ty);
        auto c = [&](double v) { return fconst(v, ty); };
        Expr x = a[0];
        const std::string& n = info.name;
        auto gelu = [&](Expr u) {
            return m_ctx.mul(m_ctx.mul(c(0.5), u), m_ctx.add(c(1.0), m_ctx.unary(Op::Erf, m_ctx.div(u, m_ctx.unary(Op::Sqrt, c(2.0))))));
        };
        auto geluTanh = [&](Expr u) {
            Expr k = m_ctx.unary(Op::Sqrt, m_ctx.div(c(2.0), c(M_PI)));
            Expr cube = m_ctx.mul(m_ctx.mul(u, u), u);
            Expr inner = m_ctx.mul(k, m_ctx.add(u, m_ctx.mul(c(0.044715), cube)));
            return m_ctx.mul(m_ctx.mul(c(0.5), u), m_ctx.add(c(1.0), m_ctx.unary(Op::Tanh, inner)));
        };
        auto silu = [&](Expr u) { return m_ctx.mul(u, m_ctx.unary(Op::Sigmoid, u)); };
        if (n == "relu") return m_ctx.max(x, c(0.0));
        if (n == "leaky_relu") return m_ctx.select(m_ctx.binary(Op::Ge, x, c(0.0)), x, m_ctx.mul(a[1], x));
        if (n == "gelu") return gelu(x);
        if (n == "gelu_tanh") return geluTanh(x);
        if (n == "silu") return silu(x);
        if (n == "softplus") {
            Expr bx = m_ctx.mul(a[1], x);
            Expr soft = m_ctx.div(m_ctx.unary(Op::Log1p, m_ctx.exp(bx)), a[1]);
            return m_ctx.select(m_ctx.binary(Op::Gt, bx, a[2]), x, soft);
        }
        if (n == "clamp") return m_ctx.min(m_ctx.max(x, a[1]), a[2]);
        if (n == "silu_and_mul") return m_ctx.mul(silu(x), a[1]);
        if (n == "gelu_and_mul") return m_ctx.mul(gelu(x), a[1]);
        if (n == "gelu_tanh_and_mul") return m_ctx.mul(geluTanh(x), a[1]);
        return fail("no index-level definition of elementwise operator " + n);
    }

    // ---- tensor operators ----
    R named(Expr t, const std::vector<Expr>& idx) {
        const std::string& n = t.namedInfo().name;
        static const std::map<std::string, int> reductions = {{"sum", 0},       {"mean", 1},   {"amax", 2},
                                                              {"amin", 3},      {"prod", 4},   {"logsumexp", 5},
                                                              {"argmax", 6},    {"argmin", 7}, {"var", 8},
                                                              {"std", 9}};
        if (auto it = reductions.find(n); it != reductions.end()) return reduction(t, idx, it->second);
        if (n == "softmax" || n == "log_softmax" || n == "cumsum" || n == "cumprod") return alongDim(t, idx, n);
        if (n == "layer_norm" || n == "rms_norm") return norm(t, idx, n == "rms_norm");
        if (n == "vector_norm" || n == "normalize") return vectorNorm(t, idx, n == "normalize");
        if (n == "cosine_similarity") return cosine(t, idx);
        if (n == "cross_entropy") return crossEntropy(t, idx);
        if (n == "matmul" || n == "bmm" || n == "mv" || n == "outer" || n == "linear") return linalg(t, idx, n);
        if (n == "transpose") {
            int d0 = ir::normalizeDim(t[1].intValue(), t[0].rank()), d1 = ir::normalizeDim(t[2].intValue(), t[0].rank());
            std::vector<Expr> s = idx;
            std::swap(s[static_cast<std::size_t>(d0)], s[static_cast<std::size_t>(d1)]);
            return at(t[0], s);
        }
        if (n == "unsqueeze") {
            auto d = static_cast<std::size_t>(ir::normalizeDim(t[1].intValue(), t[0].rank() + 1));
            std::vector<Expr> sub = idx;
            sub.erase(sub.begin() + static_cast<std::ptrdiff_t>(d));
            return at(t[0], sub);
        }
        if (n == "squeeze") {
            auto d = static_cast<std::size_t>(ir::normalizeDim(t[1].intValue(), t[0].rank()));
            return at(t[0], inserted(idx, d, m_ctx.intConst(0, t[0].shape()[d].dtype())));
        }
        if (n == "gather") {
            auto d = static_cast<std::size_t>(ir::normalizeDim(t[1].intValue(), t[0].rank()));
            auto picked = at(t[2], idx);
            if (!picked) return picked;
            return at(t[0], with(idx, d, *picked));
        }
        if (n == "embedding") {
            auto row = at(t[1], {idx[0]});
            if (!row) return row;
            return at(t[0], {*row, idx[1]});
        }
        return fail("no index-level definition of operator " + n);
    }

    // Sum of f(k) over dimension d of x (the index vector `base` has x's rank; base[d] is replaced).
    R sumAlong(Expr x, std::vector<Expr> base, std::size_t d, const std::function<R(Expr)>& f,
               ReduceKind kind = ReduceKind::Sum) {
        Expr dim = x.shape()[d];
        Expr k = var(dim);
        auto el = at(x, with(std::move(base), d, k));
        if (!el) return el;
        auto body = f(*el);
        if (!body) return body;
        return reduce(kind, k, dim, *body);
    }

    R reduction(Expr t, const std::vector<Expr>& idx, int which) {
        Expr x = t[0];
        auto d = static_cast<std::size_t>(ir::normalizeDim(t[1].intValue(), x.rank()));
        bool keep = t[t.arity() - 1].boolValue();
        std::vector<Expr> base = idx;
        if (!keep) base = inserted(base, d, m_ctx.intConst(0, x.shape()[d].dtype()));
        DType ty = x.dtype();
        Expr n = x.shape()[d];
        auto id = [](Expr e) { return R(e); };
        auto sum = [&](const std::function<R(Expr)>& f) { return sumAlong(x, base, d, f); };
        switch (which) {
        case 0: return sum(id);
        case 1: {
            auto s = sum(id);
            if (!s) return s;
            return m_ctx.div(*s, asType(n, ty));
        }
        case 2: return sumAlong(x, base, d, id, ReduceKind::Max);
        case 3: return sumAlong(x, base, d, id, ReduceKind::Min);
        case 4: return sumAlong(x, base, d, id, ReduceKind::Prod);
        case 5: {
            auto s = sum([&](Expr e) { return R(m_ctx.exp(e)); });
            if (!s) return s;
            return m_ctx.unary(Op::Log, *s);
        }
        case 6:
        case 7: {
            auto r = sumAlong(x, base, d, id, which == 6 ? ReduceKind::ArgMax : ReduceKind::ArgMin);
            if (!r) return r;
            return asType(*r, t.dtype());
        }
        default: {
            auto s = sum(id);
            if (!s) return s;
            Expr nf = asType(n, ty);
            Expr mean = m_ctx.div(*s, nf);
            auto ss = sum([&](Expr e) {
                Expr dlt = m_ctx.sub(e, mean);
                return R(m_ctx.mul(dlt, dlt));
            });
            if (!ss) return ss;
            Expr corr = asType(t[2], ty);
            Expr variance = m_ctx.div(*ss, m_ctx.sub(nf, corr));
            return which == 8 ? variance : m_ctx.unary(Op::Sqrt, variance);
        }
        }
    }

    R alongDim(Expr t, const std::vector<Expr>& idx, const std::string& n) {
        Expr x = t[0];
        auto d = static_cast<std::size_t>(ir::normalizeDim(t[1].intValue(), x.rank()));
        auto here = at(x, idx);
        if (!here) return here;
        if (n == "cumsum" || n == "cumprod") {
            Expr dim = x.shape()[d];
            Expr k = var(dim);
            auto el = at(x, with(idx, d, k));
            if (!el) return el;
            Expr hi = m_ctx.add(asType(idx[d], dim.dtype()), m_ctx.intConst(1, dim.dtype()));
            return m_ctx.reduce(n == "cumsum" ? ReduceKind::Sum : ReduceKind::Prod, k, m_ctx.intConst(0, dim.dtype()), hi, *el);
        }
        auto s = sumAlong(x, idx, d, [&](Expr e) { return R(m_ctx.exp(e)); });
        if (!s) return s;
        if (n == "softmax") return m_ctx.div(m_ctx.exp(*here), *s);
        return m_ctx.sub(*here, m_ctx.unary(Op::Log, *s));
    }

    R norm(Expr t, const std::vector<Expr>& idx, bool rms) {
        Expr x = t[0];
        std::size_t d = x.rank() - 1;
        DType ty = x.dtype();
        Expr nf = asType(x.shape()[d], ty);
        auto here = at(x, idx);
        if (!here) return here;
        Expr centered = *here, spread;
        if (rms) {
            auto ss = sumAlong(x, idx, d, [&](Expr e) { return R(m_ctx.mul(e, e)); });
            if (!ss) return ss;
            spread = m_ctx.div(*ss, nf);
        } else {
            auto s = sumAlong(x, idx, d, [](Expr e) { return R(e); });
            if (!s) return s;
            Expr mean = m_ctx.div(*s, nf);
            auto ss = sumAlong(x, idx, d, [&](Expr e) {
                Expr dlt = m_ctx.sub(e, mean);
                return R(m_ctx.mul(dlt, dlt));
            });
            if (!ss) return ss;
            spread = m_ctx.div(*ss, nf);
            centered = m_ctx.sub(*here, mean);
        }
        Expr eps = asType(t[rms ? 2 : 3], ty);
        Expr y = m_ctx.mul(centered, m_ctx.unary(Op::Rsqrt, m_ctx.add(spread, eps)));
        auto w = affine(t[1], x, idx);
        if (!w) return w;
        y = m_ctx.mul(y, *w);
        if (rms) return y;
        auto b = affine(t[2], x, idx);
        if (!b) return b;
        return m_ctx.add(y, *b);
    }

    // A weight or bias of a normalization, broadcast against x.
    R affine(Expr w, Expr x, const std::vector<Expr>& idx) {
        if (w.isScalar()) return scalar(w);
        if (w.rank() > x.rank()) return fail("weight of higher rank than its input: " + ir::toText(w));
        return broadcastAt(w, x, idx);
    }

    R vectorNorm(Expr t, const std::vector<Expr>& idx, bool normalize) {
        Expr x = t[0];
        DType ty = x.dtype();
        Expr ord = asType(t[1], ty);
        auto d = static_cast<std::size_t>(ir::normalizeDim(t[2].intValue(), x.rank()));
        std::vector<Expr> base = idx;
        if (!normalize && !t[3].boolValue()) base = inserted(base, d, m_ctx.intConst(0, x.shape()[d].dtype()));
        Expr normValue;
        bool two = ord.op() == Op::Const && ord.numericValue() == 2.0;
        bool one = ord.op() == Op::Const && ord.numericValue() == 1.0;
        auto s = sumAlong(x, base, d, [&](Expr e) {
            if (two) return R(m_ctx.mul(e, e));
            Expr a = m_ctx.unary(Op::Abs, e);
            return R(one ? a : m_ctx.binary(Op::Pow, a, ord));
        });
        if (!s) return s;
        if (two) normValue = m_ctx.unary(Op::Sqrt, *s);
        else if (one) normValue = *s;
        else normValue = m_ctx.binary(Op::Pow, *s, m_ctx.div(fconst(1.0, ty), ord));
        if (!normalize) return normValue;
        auto here = at(x, idx);
        if (!here) return here;
        return m_ctx.div(*here, m_ctx.max(normValue, asType(t[3], ty)));
    }

    R cosine(Expr t, const std::vector<Expr>& idx) {
        Expr a = t[0], b = t[1];
        if (a.rank() != b.rank()) return fail("cosine_similarity of tensors of different ranks");
        auto d = static_cast<std::size_t>(ir::normalizeDim(t[2].intValue(), a.rank()));
        std::vector<Expr> base = inserted(idx, d, m_ctx.intConst(0, a.shape()[d].dtype()));
        Expr dim = a.shape()[d];
        auto dot = [&](Expr u, Expr v) -> R {
            Expr k = var(dim);
            auto x = at(u, with(base, d, k));
            if (!x) return x;
            auto y = at(v, with(base, d, k));
            if (!y) return y;
            return reduce(ReduceKind::Sum, k, dim, m_ctx.mul(*x, *y));
        };
        auto ab = dot(a, b), aa = dot(a, a), bb = dot(b, b);
        if (!ab) return ab;
        if (!aa) return aa;
        if (!bb) return bb;
        Expr den = m_ctx.mul(m_ctx.unary(Op::Sqrt, *aa), m_ctx.unary(Op::Sqrt, *bb));
        return m_ctx.div(*ab, m_ctx.max(den, asType(t[3], a.dtype())));
    }

    R crossEntropy(Expr t, const std::vector<Expr>& idx) {
        Expr logits = t[0];
        auto target = at(t[1], {idx[0]});
        if (!target) return target;
        auto s = sumAlong(logits, {idx[0], m_ctx.intConst(0, logits.shape()[1].dtype())}, 1,
                          [&](Expr e) { return R(m_ctx.exp(e)); });
        if (!s) return s;
        auto picked = at(logits, {idx[0], *target});
        if (!picked) return picked;
        return m_ctx.sub(m_ctx.unary(Op::Log, *s), *picked);
    }

    R linalg(Expr t, const std::vector<Expr>& idx, const std::string& n) {
        Expr a = t[0], b = t[1];
        if (n == "outer") {
            auto x = at(a, {idx[0]});
            if (!x) return x;
            auto y = at(b, {idx[1]});
            if (!y) return y;
            return m_ctx.mul(*x, *y);
        }
        Expr dim = n == "bmm" ? a.shape()[2] : a.shape()[1];
        Expr k = var(dim);
        std::vector<Expr> ai, bi;
        if (n == "matmul") ai = {idx[0], k}, bi = {k, idx[1]};
        else if (n == "bmm") ai = {idx[0], idx[1], k}, bi = {idx[0], k, idx[2]};
        else if (n == "mv") ai = {idx[0], k}, bi = {k};
        else ai = {idx[0], k}, bi = {idx[1], k}; // linear: x @ weight^T
        auto x = at(a, ai);
        if (!x) return x;
        auto y = at(b, bi);
        if (!y) return y;
        Expr s = reduce(ReduceKind::Sum, k, dim, m_ctx.mul(*x, *y));
        if (n != "linear") return s;
        Expr bias = t[2];
        auto bv = bias.isScalar() ? scalar(bias) : at(bias, {idx[1]});
        if (!bv) return bv;
        return m_ctx.add(s, *bv);
    }

    ir::Context& m_ctx;
    std::unordered_map<Expr, Expr> m_memo;
};

} // namespace

util::Result<Expr> expandNamed(ir::Context& ctx, Expr e) {
    try {
        return Expander(ctx).scalar(e);
    } catch (const ir::IrError& err) {
        return fail(std::string("ill-typed expansion: ") + err.what());
    }
}

util::Result<Expr> expandAt(ir::Context& ctx, Expr t, std::span<const Expr> indices) {
    try {
        return Expander(ctx).at(t, std::vector<Expr>(indices.begin(), indices.end()));
    } catch (const ir::IrError& err) {
        return fail(std::string("ill-typed expansion: ") + err.what());
    }
}

util::Result<EquivalenceQuery> tensorEquivalence(ir::Context& ctx, Expr lhs, Expr rhs, std::string name) {
    using QR = util::Result<EquivalenceQuery>;
    if (lhs.rank() != rhs.rank()) return QR::failure("shape", "the two sides have different ranks");
    EquivalenceQuery q;
    q.name = std::move(name);
    std::vector<Expr> idx;
    for (std::size_t d = 0; d < lhs.rank(); ++d) {
        Expr a = lhs.shape()[d], b = rhs.shape()[d];
        if (a != b) return QR::failure("shape", "dimension " + std::to_string(d) + " differs: " + ir::toText(a) + " and " + ir::toText(b));
        Expr i = ctx.freshVar("i" + std::to_string(d), a.dtype());
        idx.push_back(i);
        q.ranges.push_back(Range::between(i, ctx.intConst(0, a.dtype()), a));
    }
    auto l = expandAt(ctx, lhs, idx);
    if (!l) return std::move(l).takeError();
    auto r = expandAt(ctx, rhs, idx);
    if (!r) return std::move(r).takeError();
    q.lhs = *l;
    q.rhs = *r;
    return q;
}

} // namespace tlift::verify
