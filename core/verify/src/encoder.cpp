#include "encoder.h"

#include "numerals.h"

#include "tlift/ir/named_ops.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

#include <cmath>
#include <limits>

namespace tlift::verify::smt {

using ir::Expr;
using ir::Op;

// ---- ReductionTable ----
int ReductionTable::find(ir::ReduceKind kind, Expr var, Expr guard, Expr body) const {
    auto it = m_index.find({static_cast<int>(kind), var.node(), guard.node(), body.node()});
    return it == m_index.end() ? -1 : it->second;
}

int ReductionTable::add(ReductionFn fn) {
    int i = static_cast<int>(m_fns.size());
    m_index[{static_cast<int>(fn.kind), fn.var.node(), fn.guard.node(), fn.body.node()}] = i;
    m_fns.push_back(std::move(fn));
    return i;
}

namespace {

bool near(double v, double target) { return std::fabs(v - target) <= 1e-7 * std::fabs(target); }

// Can the value of e be infinite in the encoding? Only inf constants and maxima/minima (over a
// possibly empty range) introduce infinities; everything else propagates them.
bool mayBeInfinite(Expr e) {
    bool found = false;
    ir::visitPostOrder(e, [&](Expr n) {
        if (n.op() == Op::Const && n.constKind() == ir::ConstKind::Float && std::isinf(n.floatValue())) found = true;
        if (n.op() == Op::Reduce && ir::isFloat(n.dtype()) &&
            (n.reduceKind() == ir::ReduceKind::Max || n.reduceKind() == ir::ReduceKind::Min))
            found = true;
    });
    return found;
}

z3::expr toReal(const z3::expr& e) { return z3::expr(e.ctx(), Z3_mk_int2real(e.ctx(), e)); }
z3::expr toInt(const z3::expr& e) { return z3::expr(e.ctx(), Z3_mk_real2int(e.ctx(), e)); } // floor

// Python floor division and modulo from Z3's Euclidean div/mod.
z3::expr floorDivInt(const z3::expr& a, const z3::expr& b) {
    std::int64_t c;
    if (b.is_numeral_i64(c) && c > 0) return a / b;
    return z3::ite(b >= 0, a / b, (-a) / (-b));
}
z3::expr truncDivInt(const z3::expr& a, const z3::expr& b) {
    std::int64_t c;
    if (b.is_numeral_i64(c) && c > 0) return z3::ite(a >= 0, a / b, -((-a) / b));
    z3::expr q = z3::abs(a) / z3::abs(b);
    return z3::ite((a >= 0) == (b >= 0), q, -q);
}
z3::expr truncReal(const z3::expr& x) { return z3::ite(x >= 0, toInt(x), -toInt(-x)); }

// The value of an integer cast to type t, wrapping like the evaluator (roundToDType).
z3::expr wrapTo(const z3::expr& x, ir::DType from, ir::DType to) {
    if (to == ir::DType::I64 || to == ir::DType::U64) return x;
    int bits = ir::bitWidth(to);
    auto rangeOf = [](ir::DType t) -> std::pair<__int128, __int128> {
        if (t == ir::DType::Bool) return {0, 1};
        int b = ir::bitWidth(t);
        if (ir::isSigned(t)) return {-(__int128(1) << (b - 1)), (__int128(1) << (b - 1)) - 1};
        return {0, (__int128(1) << b) - 1};
    };
    if (ir::isInteger(from) || from == ir::DType::Bool) {
        auto [flo, fhi] = rangeOf(from);
        auto [tlo, thi] = rangeOf(to);
        if (from != ir::DType::I64 && from != ir::DType::U64 && flo >= tlo && fhi <= thi) return x;
    }
    z3::context& z = x.ctx();
    z3::expr m = z.int_val(static_cast<std::int64_t>(std::int64_t(1) << bits));
    if (!ir::isSigned(to)) return z3::mod(x, m);
    z3::expr half = z.int_val(static_cast<std::int64_t>(std::int64_t(1) << (bits - 1)));
    return z3::mod(x + half, m) - half;
}

const Limits kExpLimits{"0", 0, nullptr, 1};
const Limits kLogLimits{nullptr, 0, nullptr, 1};
const Limits kSqrtLimits{nullptr, 0, nullptr, 1};
const Limits kTanhLimits{"-1", 0, "1", 0};
const Limits kUndefinedLimits{nullptr, 0, nullptr, 0};

} // namespace

Encoder::Encoder(ir::Context& ctx, Vocabulary& vocab, ReductionTable& reductions, EncodeOptions options)
    : m_ctx(ctx), m_vocab(vocab), m_z(vocab.z3ctx()), m_table(reductions), m_opts(options) {}

util::Diagnostic Encoder::unsupported(const std::string& what) const {
    return util::Diagnostic::error("unsupported", what);
}

void Encoder::bind(Expr var, const z3::expr& value, std::optional<Interval> range) {
    m_bound[var.node()].push_back(Bound{value, range});
}

void Encoder::unbind(Expr var) {
    auto it = m_bound.find(var.node());
    if (it == m_bound.end()) return;
    it->second.pop_back();
    if (it->second.empty()) m_bound.erase(it);
}

void Encoder::setRange(Expr var, Interval range) { m_ranges[var.node()] = range; }

std::optional<Interval> Encoder::rangeOf(Expr var) const {
    auto it = m_bound.find(var.node());
    if (it != m_bound.end()) return it->second.back().range;
    auto r = m_ranges.find(var.node());
    if (r != m_ranges.end()) return r->second;
    return std::nullopt;
}

const std::vector<const ir::Node*>& Encoder::freeVarsOf(Expr e) {
    auto it = m_free.find(e.node());
    if (it != m_free.end()) return it->second;
    std::vector<const ir::Node*> out;
    auto merge = [&](const std::vector<const ir::Node*>& v, const ir::Node* except) {
        for (const ir::Node* n : v)
            if (n != except) out.push_back(n);
    };
    if (e.varMask() != 0) {
        if (e.op() == Op::Var) {
            out.push_back(e.node());
        } else if (e.op() == Op::Reduce) {
            merge(freeVarsOf(e.lo()), nullptr);
            merge(freeVarsOf(e.hi()), nullptr);
            merge(freeVarsOf(e.guard()), e.var().node());
            merge(freeVarsOf(e.body()), e.var().node());
        } else {
            for (const Expr& k : e.children()) merge(freeVarsOf(k), nullptr);
            for (const Expr& d : e.shape()) merge(freeVarsOf(d), nullptr);
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return m_free.emplace(e.node(), std::move(out)).first->second;
}

std::vector<unsigned> Encoder::memoKey(Expr e) {
    std::vector<unsigned> key;
    for (const ir::Node* v : freeVarsOf(e)) {
        auto it = m_bound.find(v);
        key.push_back(it == m_bound.end() ? 0u : it->second.back().value.id() + 1);
    }
    return key;
}

z3::expr Encoder::fresh(const std::string& base, const z3::sort& s) {
    return m_z.constant(m_vocab.freshName(base).c_str(), s);
}

util::Result<z3::expr> Encoder::encodeBool(Expr e) {
    if (e.dtype() != ir::DType::Bool) return unsupported("expected an i1 expression: " + ir::toText(e));
    auto t = encode(e);
    if (!t) return std::move(t).takeError();
    return t->v;
}

util::Result<Term> Encoder::encode(Expr e) {
    if (!e.isScalar()) return unsupported("tensor-valued expression where a scalar is needed: " + ir::toText(e));
    auto key = std::make_pair(e.node(), memoKey(e));
    if (auto it = m_memo.find(key); it != m_memo.end()) return it->second;
    auto r = encodeNode(e);
    if (r) m_memo.emplace(std::move(key), *r);
    return r;
}

z3::expr Encoder::math(Op op, const z3::expr& a) {
    z3::expr app = m_vocab.mathFn(op)(a);
    if (m_mathSeen.insert(app.id()).second) m_math.push_back(MathApp{op, {a}, app, m_round});
    return app;
}

z3::expr Encoder::math(Op op, const z3::expr& a, const z3::expr& b) {
    z3::expr app = m_vocab.mathFn(op)(a, b);
    if (m_mathSeen.insert(app.id()).second) m_math.push_back(MathApp{op, {a, b}, app, m_round});
    return app;
}

util::Result<Term> Encoder::encodeNode(Expr e) {
    switch (ir::opInfo(e.op()).cls) {
    case ir::OpClass::Leaf: return leaf(e);
    case ir::OpClass::Access: {
        Expr t = e[0];
        if (t.op() != Op::Tensor)
            return unsupported("read of a tensor-level expression (expand named operators first): " + ir::toText(e));
        z3::expr_vector idx(m_z);
        for (std::size_t i = 1; i < e.arity(); ++i) {
            auto k = encode(e[i]);
            if (!k) return k;
            idx.push_back(k->v);
        }
        return Term(m_vocab.tensorFn(t)(idx));
    }
    case ir::OpClass::Arith: return arith(e);
    case ir::OpClass::Math: return mathFn(e);
    case ir::OpClass::Compare: return compare(e);
    case ir::OpClass::Logic: {
        std::vector<z3::expr> a;
        for (const Expr& k : e.children()) {
            auto b = encodeBool(k);
            if (!b) return std::move(b).takeError();
            a.push_back(*b);
        }
        switch (e.op()) {
        case Op::And: return Term(mkAnd(a[0], a[1]));
        case Op::Or: return Term(mkOr(a[0], a[1]));
        case Op::Xor: return Term(a[0] != a[1]);
        default: return Term(mkNot(a[0]));
        }
    }
    case ir::OpClass::Bitwise: return bitwise(e);
    case ir::OpClass::Structure: break;
    }
    switch (e.op()) {
    case Op::Select: {
        auto c = encodeBool(e[0]);
        if (!c) return std::move(c).takeError();
        auto a = encode(e[1]);
        if (!a) return a;
        auto b = encode(e[2]);
        if (!b) return b;
        if (!ir::isFloat(e.dtype())) return Term(mkIte(*c, a->v, b->v));
        return extSelect(*c, *a, *b);
    }
    case Op::Cast: return cast(e);
    case Op::Reduce: return reduce(e);
    case Op::Apply: {
        z3::expr_vector args(m_z);
        for (const Expr& k : e.children()) {
            auto a = encode(k);
            if (!a) return a;
            args.push_back(a->v);
        }
        return Term(m_vocab.applyFn(e)(args));
    }
    case Op::Named:
        return unsupported("named operator '" + e.namedInfo().name + "' (expand named operators first)");
    default: return unsupported("operator " + std::string(ir::opName(e.op())));
    }
}

util::Result<Term> Encoder::leaf(Expr e) {
    switch (e.op()) {
    case Op::Const:
        switch (e.constKind()) {
        case ir::ConstKind::Bool: return Term(m_z.bool_val(e.boolValue()));
        case ir::ConstKind::Int:
            if (ir::isFloat(e.dtype())) return Term(m_z.real_val(static_cast<std::int64_t>(e.intValue())));
            return Term(m_z.int_val(static_cast<std::int64_t>(e.intValue())));
        case ir::ConstKind::Rational: {
            ir::Rational r = e.rationalValue();
            std::string text = std::to_string(r.num) + "/" + std::to_string(r.den);
            if (!ir::isFloat(e.dtype())) return Term(m_z.int_val(static_cast<std::int64_t>(r.num)));
            return Term(m_z.real_val(text.c_str()));
        }
        case ir::ConstKind::Float: return floatConst(e);
        }
        break;
    case Op::Sym: return Term(m_vocab.symConst(e));
    case Op::Var: {
        auto it = m_bound.find(e.node());
        if (it != m_bound.end()) return Term(it->second.back().value);
        return Term(m_vocab.varConst(e));
    }
    case Op::Undef:
        m_usedUndef = true;
        return Term(m_vocab.undefConst(e));
    case Op::Tensor:
        return unsupported("tensor '" + std::string(e.name()) + "' used as a scalar");
    default: break;
    }
    return unsupported("leaf " + std::string(ir::opName(e.op())));
}

util::Result<Term> Encoder::floatConst(Expr e) {
    double v = e.floatValue();
    if (std::isnan(v)) return unsupported("NaN constant (the reals have no NaN)");
    if (std::isinf(v)) {
        z3::expr t = m_z.bool_val(true), f = m_z.bool_val(false);
        return v < 0 ? Term(m_z.real_val(0), t, f) : Term(m_z.real_val(0), f, t);
    }
    if (m_opts.exactLogConstants) {
        const double ln2 = 0.69314718055994530942, log2e = 1.44269504088896340736;
        for (int sign : {1, -1}) {
            if (near(v, sign * ln2) || near(v, sign * log2e)) {
                m_notes.insert(kExactLogNote);
                m_sideFacts.push_back(m_vocab.ln2Bounds());
                z3::expr c = near(v, sign * ln2) ? m_vocab.ln2() : m_z.real_val(1) / m_vocab.ln2();
                return Term(sign > 0 ? c : -c);
            }
        }
    }
    return Term(m_z.real_val(rationalOf(v).c_str()));
}

util::Result<Term> Encoder::arith(Expr e) {
    auto a = encode(e[0]);
    if (!a) return a;
    if (e.op() == Op::Neg) return ir::isFloat(e.dtype()) ? extNeg(*a) : Term(-a->v);
    if (e.op() == Op::Pow && ir::isFloat(e.dtype())) return power(e, *a);
    auto b = encode(e[1]);
    if (!b) return b;
    if (ir::isFloat(e.dtype())) return floatArith(e, *a, *b);
    return intArith(e, a->v, b->v);
}

util::Result<Term> Encoder::intArith(Expr e, const z3::expr& a, const z3::expr& b) {
    switch (e.op()) {
    case Op::Add: return Term(a + b);
    case Op::Sub: return Term(a - b);
    case Op::Mul: return Term(a * b);
    case Op::FloorDiv: return Term(floorDivInt(a, b));
    case Op::Mod: return Term(a - b * floorDivInt(a, b));
    case Op::TDiv: return Term(truncDivInt(a, b));
    case Op::TRem: return Term(a - b * truncDivInt(a, b));
    case Op::Min: return Term(z3::min(a, b));
    case Op::Max: return Term(z3::max(a, b));
    case Op::Pow: {
        std::int64_t n;
        if (b.is_numeral_i64(n) && n >= 0 && n <= 16) {
            z3::expr r = m_z.int_val(1);
            for (std::int64_t i = 0; i < n; ++i) r = i == 0 ? a : r * a;
            return Term(r);
        }
        return Term(m_vocab.intFn(Op::Pow)(a, b));
    }
    default: return unsupported("integer operator " + std::string(ir::opName(e.op())));
    }
}

util::Result<Term> Encoder::floatArith(Expr e, const Term& a, const Term& b) {
    switch (e.op()) {
    case Op::Add: return extAdd(a, b);
    case Op::Sub: return extSub(a, b);
    case Op::Mul: return extMul(a, b);
    case Op::Div: return extDiv(a, b);
    case Op::Min: return extMin(a, b);
    case Op::Max: return extMax(a, b);
    default: break;
    }
    // floor(a / b) and friends: exact on finite values; unspecified on infinities.
    z3::expr q = a.v / b.v;
    switch (e.op()) {
    case Op::FloorDiv: return Term(toReal(toInt(q)));
    case Op::Mod: return Term(a.v - b.v * toReal(toInt(q)));
    case Op::TDiv: return Term(toReal(truncReal(q)));
    case Op::TRem: return Term(a.v - b.v * toReal(truncReal(q)));
    default: return unsupported("float operator " + std::string(ir::opName(e.op())));
    }
}

util::Result<Term> Encoder::power(Expr e, const Term& base) {
    Expr ex = e[1];
    if (ex.op() == Op::Const && ex.constKind() != ir::ConstKind::Bool) {
        double n = ex.numericValue();
        if (n == std::floor(n) && std::fabs(n) <= 16) {
            Term r(m_z.real_val(1));
            for (int i = 0; i < static_cast<int>(std::fabs(n)); ++i) r = i == 0 ? base : extMul(r, base);
            if (n < 0) r = extDiv(Term(m_z.real_val(1)), r);
            return r;
        }
        if (n == 0.5) return extUnary(base, math(Op::Sqrt, base.v), kSqrtLimits);
    }
    auto b = encode(ex);
    if (!b) return b;
    if (base.maybeInfinite() || b->maybeInfinite())
        return unsupported("pow with a possibly infinite operand: " + ir::toText(e));
    return Term(math(Op::Pow, base.v, b->v));
}

util::Result<Term> Encoder::mathFn(Expr e) {
    auto a = encode(e[0]);
    if (!a) return a;
    const z3::expr& x = a->v;
    z3::expr one = m_z.real_val(1);
    switch (e.op()) {
    case Op::Abs:
        if (!ir::isFloat(e.dtype())) return Term(z3::abs(x));
        return extAbs(*a);
    case Op::Exp: return extUnary(*a, math(Op::Exp, x), kExpLimits);
    case Op::Exp2:
        m_sideFacts.push_back(m_vocab.ln2Bounds());
        return extUnary(*a, math(Op::Exp, x * m_vocab.ln2()), kExpLimits);
    case Op::Expm1: return extUnary(*a, math(Op::Exp, x) - one, Limits{"-1", 0, nullptr, 1});
    case Op::Log: return extUnary(*a, math(Op::Log, x), kLogLimits);
    case Op::Log2:
        m_sideFacts.push_back(m_vocab.ln2Bounds());
        return extUnary(*a, math(Op::Log, x) / m_vocab.ln2(), kLogLimits);
    case Op::Log1p: return extUnary(*a, math(Op::Log, one + x), kLogLimits);
    case Op::Sqrt: return extUnary(*a, math(Op::Sqrt, x), kSqrtLimits);
    case Op::Rsqrt: return extUnary(*a, one / math(Op::Sqrt, x), Limits{nullptr, 0, "0", 0});
    case Op::Erf: return extUnary(*a, math(Op::Erf, x), kTanhLimits);
    case Op::Tanh: return extUnary(*a, math(Op::Tanh, x), kTanhLimits);
    case Op::Sigmoid: return extUnary(*a, one / (one + math(Op::Exp, -x)), Limits{"0", 0, "1", 0});
    case Op::Sin:
    case Op::Cos: return extUnary(*a, math(e.op(), x), kUndefinedLimits);
    case Op::Floor: {
        Term r = extUnary(*a, toReal(toInt(x)), kUndefinedLimits);
        return Term(r.v, a->ninf, a->pinf);
    }
    case Op::Ceil: {
        Term r = extUnary(*a, -toReal(toInt(-x)), kUndefinedLimits);
        return Term(r.v, a->ninf, a->pinf);
    }
    default: return unsupported("math function " + std::string(ir::opName(e.op())));
    }
}

util::Result<Term> Encoder::compare(Expr e) {
    auto a = encode(e[0]);
    if (!a) return a;
    auto b = encode(e[1]);
    if (!b) return b;
    ir::DType t = e[0].dtype();
    Term x = *a, y = *b;
    if (t == ir::DType::Bool) {
        if (e.op() == Op::Eq) return Term(x.v == y.v);
        if (e.op() == Op::Ne) return Term(x.v != y.v);
        x = Term(z3::ite(x.v, m_z.int_val(1), m_z.int_val(0)));
        y = Term(z3::ite(y.v, m_z.int_val(1), m_z.int_val(0)));
    }
    switch (e.op()) {
    case Op::Lt: return Term(extLt(x, y));
    case Op::Le: return Term(extLe(x, y));
    case Op::Gt: return Term(extLt(y, x));
    case Op::Ge: return Term(extLe(y, x));
    case Op::Eq: return Term(extEq(x, y));
    case Op::Ne: return Term(mkNot(extEq(x, y)));
    default: return unsupported("comparison " + std::string(ir::opName(e.op())));
    }
}

util::Result<Term> Encoder::bitwise(Expr e) {
    auto a = encode(e[0]);
    if (!a) return a;
    const z3::expr x = a->v;
    if (e.op() == Op::BitNot) return Term(-x - 1); // two's complement, exact on integers
    auto b = encode(e[1]);
    if (!b) return b;
    const z3::expr y = b->v;
    std::int64_t cx, cy;
    bool kx = x.is_numeral_i64(cx), ky = y.is_numeral_i64(cy);
    if (kx && ky) {
        switch (e.op()) {
        case Op::BitAnd: return Term(m_z.int_val(static_cast<std::int64_t>(cx & cy)));
        case Op::BitOr: return Term(m_z.int_val(static_cast<std::int64_t>(cx | cy)));
        case Op::BitXor: return Term(m_z.int_val(static_cast<std::int64_t>(cx ^ cy)));
        default: break;
        }
    }
    auto pow2 = [&](std::int64_t n) { return m_z.int_val(static_cast<std::int64_t>(std::int64_t(1) << n)); };
    switch (e.op()) {
    case Op::Shl:
        if (ky && cy >= 0 && cy < 62) return Term(x * pow2(cy));
        break;
    case Op::Shr:
        if (ky && cy >= 0 && cy < 62) return Term(x / pow2(cy)); // arithmetic shift = floor division
        break;
    case Op::BitAnd: {
        // x & (2^n - 1) = x mod 2^n in two's complement.
        std::int64_t mask = ky ? cy : cx;
        const z3::expr& other = ky ? x : y;
        if ((kx || ky) && mask > 0 && (mask & (mask + 1)) == 0) return Term(z3::mod(other, mask + 1));
        break;
    }
    default: break;
    }
    return Term(m_vocab.intFn(e.op())(x, y));
}

util::Result<Term> Encoder::cast(Expr e) {
    auto a = encode(e[0]);
    if (!a) return a;
    ir::DType from = e[0].dtype(), to = e.dtype();
    const z3::expr& x = a->v;
    if (from == to) return a;
    if (to == ir::DType::Bool) {
        if (ir::isInteger(from)) return Term(x != 0);
        return Term(mkOr(mkOr(a->ninf, a->pinf), x != m_z.real_val(0)));
    }
    if (ir::isFloat(to)) {
        if (from == ir::DType::Bool) return Term(z3::ite(x, m_z.real_val(1), m_z.real_val(0)));
        if (ir::isInteger(from)) return Term(toReal(x));
        return a; // float to float: the same real
    }
    if (from == ir::DType::Bool) return Term(z3::ite(x, m_z.int_val(1), m_z.int_val(0)));
    if (ir::isInteger(from)) return Term(wrapTo(x, from, to));
    return Term(wrapTo(truncReal(x), ir::DType::I64, to)); // float to integer: C truncation
}

util::Result<Term> Encoder::reduce(Expr e) {
    auto lo = encode(e.lo());
    if (!lo) return lo;
    auto hi = encode(e.hi());
    if (!hi) return hi;
    if (auto closed = closedForm(e, lo->v, hi->v)) return *closed;
    if (m_opts.unroll) {
        z3::expr l = lo->v.simplify(), h = hi->v.simplify();
        std::int64_t from, to;
        if (l.is_numeral_i64(from) && h.is_numeral_i64(to)) {
            std::int64_t n = std::max<std::int64_t>(0, to - from);
            if (m_unrolled + n <= m_opts.maxUnroll) return unrolled(e, from, std::max(from, to), false, l, h);
        } else {
            VarRange vr = [this](Expr v) { return rangeOf(v); };
            auto il = intervalOf(e.lo(), vr), ih = intervalOf(e.hi(), vr);
            if (il && ih) {
                std::int64_t n = std::max<std::int64_t>(0, ih->hi - il->lo);
                if (m_unrolled + n <= m_opts.maxUnroll) return unrolled(e, il->lo, il->lo + n, true, lo->v, hi->v);
            }
        }
    }
    if (m_opts.symbolicReductions) return symbolic(e, lo->v, hi->v);
    return unsupported("reduction with a range that is neither concrete nor bounded: " + ir::toText(e));
}

// A reduction of a body that does not depend on the bound variable, with the guard `true`:
// c summed n times is n c; the max of c over a non-empty range is c.
std::optional<util::Result<Term>> Encoder::closedForm(Expr e, const z3::expr& lo, const z3::expr& hi) {
    const auto& fv = freeVarsOf(e.body());
    bool invariant = std::find(fv.begin(), fv.end(), e.var().node()) == fv.end();
    bool trueGuard = e.guard().op() == Op::Const && e.guard().boolValue();
    if (!invariant || !trueGuard) return std::nullopt;
    const ir::ReduceKind kind = e.reduceKind();
    if (kind == ir::ReduceKind::Prod) return std::nullopt;
    auto b = encode(e.body());
    if (!b) return util::Result<Term>(std::move(b).takeError());
    z3::expr count = z3::max(hi - lo, m_z.int_val(0));
    z3::expr nonempty = lo < hi;
    const bool real = ir::isFloat(e.body().dtype());
    switch (kind) {
    case ir::ReduceKind::Sum:
        if (!real) return util::Result<Term>(Term(b->v * count));
        return util::Result<Term>(extSelect(nonempty, extMul(*b, Term(toReal(count))), Term(m_z.real_val(0))));
    case ir::ReduceKind::ArgMax:
    case ir::ReduceKind::ArgMin: return std::nullopt; // the first index, but undefined when empty
    default: {
        z3::expr t = m_z.bool_val(true), f = m_z.bool_val(false);
        if (!real) return std::nullopt;
        Term empty = kind == ir::ReduceKind::Max ? Term(m_z.real_val(0), t, f) : Term(m_z.real_val(0), f, t);
        return util::Result<Term>(extSelect(nonempty, *b, empty));
    }
    }
}

util::Result<Term> Encoder::unrolled(Expr e, std::int64_t from, std::int64_t to, bool guardRange, const z3::expr& lo,
                                     const z3::expr& hi) {
    m_unrolled += static_cast<int>(to - from);
    const ir::ReduceKind kind = e.reduceKind();
    const bool isArg = kind == ir::ReduceKind::ArgMax || kind == ir::ReduceKind::ArgMin;
    const bool real = ir::isFloat(e.body().dtype());
    auto num = [&](int v) { return real ? m_z.real_val(v) : m_z.int_val(v); };
    z3::expr f = m_z.bool_val(false), t = m_z.bool_val(true);
    Term acc(num(kind == ir::ReduceKind::Prod ? 1 : 0));
    if (kind == ir::ReduceKind::Max && real) acc = Term(num(0), t, f);
    if (kind == ir::ReduceKind::Min && real) acc = Term(num(0), f, t);
    z3::expr any = f;
    z3::expr idx = m_z.int_val(0);
    for (std::int64_t k = from; k < to; ++k) {
        z3::expr kv = m_z.int_val(static_cast<std::int64_t>(k));
        bind(e.var(), kv, Interval::point(k));
        auto g = encodeBool(e.guard());
        util::Result<Term> b = Term(num(0));
        if (g && !g->is_false()) b = encode(e.body());
        unbind(e.var());
        if (!g) return std::move(g).takeError();
        if (!b) return b;
        z3::expr inc = *g;
        if (guardRange) inc = mkAnd(mkAnd(lo <= kv, kv < hi), inc);
        if (inc.is_false()) continue;
        const Term& x = *b;
        if (isArg) {
            z3::expr better = kind == ir::ReduceKind::ArgMax ? extLt(acc, x) : extLt(x, acc);
            z3::expr take = mkAnd(inc, mkOr(mkNot(any), better));
            acc = real ? extSelect(take, x, acc) : Term(mkIte(take, x.v, acc.v));
            idx = mkIte(take, kv, idx);
            any = mkOr(any, inc);
            continue;
        }
        switch (kind) {
        case ir::ReduceKind::Sum: acc = real ? extSelect(inc, extAdd(acc, x), acc) : Term(mkIte(inc, acc.v + x.v, acc.v)); break;
        case ir::ReduceKind::Prod: acc = real ? extSelect(inc, extMul(acc, x), acc) : Term(mkIte(inc, acc.v * x.v, acc.v)); break;
        case ir::ReduceKind::Max:
            if (real) acc = extSelect(inc, extMax(acc, x), acc);
            else acc = Term(mkIte(inc, mkIte(any, z3::max(acc.v, x.v), x.v), acc.v));
            break;
        default:
            if (real) acc = extSelect(inc, extMin(acc, x), acc);
            else acc = Term(mkIte(inc, mkIte(any, z3::min(acc.v, x.v), x.v), acc.v));
            break;
        }
        any = mkOr(any, inc);
    }
    auto unspecified = [&](const z3::sort& s) {
        auto key = std::make_pair(e.node(), memoKey(e));
        auto it = m_freshByKey.find(key);
        if (it != m_freshByKey.end()) return it->second;
        z3::expr c = fresh("empty_" + std::string(ir::reduceKindName(kind)), s);
        m_freshByKey.emplace(key, c);
        return c;
    };
    // An empty argmax is undefined; an empty integer max has no value either.
    if (isArg) return Term(any.is_true() ? idx : mkIte(any, idx, unspecified(m_z.int_sort())));
    if (!real && (kind == ir::ReduceKind::Max || kind == ir::ReduceKind::Min) && !any.is_true())
        return Term(mkIte(any, acc.v, unspecified(m_z.int_sort())));
    return acc;
}

int Encoder::reductionFn(Expr e) {
    int found = m_table.find(e.reduceKind(), e.var(), e.guard(), e.body());
    if (found >= 0) return found;
    const ir::ReduceKind kind = e.reduceKind();
    std::vector<Expr> params;
    for (Expr part : {e.guard(), e.body()})
        for (const Expr& v : ir::freeVars(part))
            if (v != e.var() && std::find(params.begin(), params.end(), v) == params.end()) params.push_back(v);
    std::sort(params.begin(), params.end(), [](Expr a, Expr b) { return a.name() < b.name(); });
    z3::sort_vector dom(m_z);
    for (std::size_t i = 0; i < params.size() + 2; ++i) dom.push_back(m_z.int_sort());
    const bool isArg = kind == ir::ReduceKind::ArgMax || kind == ir::ReduceKind::ArgMin;
    std::string base = std::string(ir::reduceKindName(kind));
    z3::sort range = isArg ? m_z.int_sort() : m_vocab.sortOf(e.body().dtype());
    ReductionFn fn{kind, e.var(), e.guard(), e.body(), params,
                   m_z.function(m_vocab.freshName(base).c_str(), dom, range), std::nullopt,
                   ir::isFloat(e.body().dtype()) && mayBeInfinite(e.body()), -1};
    bool extremal = kind == ir::ReduceKind::Max || kind == ir::ReduceKind::Min;
    bool trivialGuard = e.guard().op() == Op::Const && e.guard().boolValue();
    if (extremal && (!trivialGuard || fn.bodyMayBeInfinite))
        fn.nonempty = m_z.function(m_vocab.freshName(base + "_nonempty").c_str(), dom, m_z.bool_sort());
    if (isArg) {
        auto mk = kind == ir::ReduceKind::ArgMax ? ir::ReduceKind::Max : ir::ReduceKind::Min;
        Expr companion = m_ctx.reduce(mk, e.var(), e.lo(), e.hi(), e.guard(), e.body());
        fn.companionMax = reductionFn(companion);
    }
    return m_table.add(std::move(fn));
}

ReductionApp& Encoder::apply(int fn, const std::vector<z3::expr>& params, const z3::expr& lo, const z3::expr& hi) {
    z3::expr_vector args(m_z);
    for (const z3::expr& p : params) args.push_back(p);
    args.push_back(lo);
    args.push_back(hi);
    z3::expr value = m_table.at(fn).value(args);
    auto [it, added] = m_redIndex.emplace(value.id(), m_reds.size());
    if (added) m_reds.push_back(ReductionApp{fn, params, lo, hi, value, m_round});
    return m_reds[it->second];
}

z3::expr Encoder::nonempty(int fn, const std::vector<z3::expr>& params, const z3::expr& lo, const z3::expr& hi) {
    const ReductionFn& f = m_table.at(fn);
    if (f.companionMax >= 0) return nonempty(f.companionMax, params, lo, hi);
    if (!f.nonempty) return lo < hi;
    z3::expr_vector args(m_z);
    for (const z3::expr& p : params) args.push_back(p);
    args.push_back(lo);
    args.push_back(hi);
    return (*f.nonempty)(args);
}

util::Result<Term> Encoder::symbolic(Expr e, const z3::expr& lo, const z3::expr& hi) {
    int fn = reductionFn(e);
    std::vector<z3::expr> params;
    for (const Expr& p : m_table.at(fn).params) {
        auto v = encode(p);
        if (!v) return v;
        params.push_back(v->v);
    }
    const ReductionApp& app = apply(fn, params, lo, hi);
    z3::expr value = app.value;
    z3::expr f = m_z.bool_val(false);
    switch (e.reduceKind()) {
    case ir::ReduceKind::Max:
        if (!ir::isFloat(e.dtype())) return Term(value);
        return Term(value, mkNot(nonempty(fn, params, lo, hi)), f);
    case ir::ReduceKind::Min:
        if (!ir::isFloat(e.dtype())) return Term(value);
        return Term(value, f, mkNot(nonempty(fn, params, lo, hi)));
    default: return Term(value);
    }
}

util::Result<std::pair<z3::expr, Term>> Encoder::element(int fn, const std::vector<z3::expr>& params, const z3::expr& k) {
    using R = util::Result<std::pair<z3::expr, Term>>;
    const ReductionFn f = m_table.at(fn);
    for (std::size_t i = 0; i < f.params.size(); ++i) bind(f.params[i], params[i]);
    bind(f.var, k);
    auto g = encodeBool(f.guard);
    auto b = encode(f.body);
    unbind(f.var);
    for (std::size_t i = f.params.size(); i-- > 0;) unbind(f.params[i]);
    if (!g) return std::move(g).takeError();
    if (!b) return std::move(b).takeError();
    z3::expr inc = *g;
    switch (f.kind) {
    case ir::ReduceKind::Sum:
    case ir::ReduceKind::Prod: inc = mkAnd(inc, b->finite()); break;
    case ir::ReduceKind::Max:
    case ir::ReduceKind::ArgMax: inc = mkAnd(inc, mkNot(b->ninf)); break;
    default: inc = mkAnd(inc, mkNot(b->pinf)); break;
    }
    return R(std::make_pair(inc, *b));
}

} // namespace tlift::verify::smt
