#include "tlift/ir/poly.h"

#include "tlift/ir/subst.h"

#include <cmath>

namespace tlift::ir {

namespace {

// Rational arithmetic with overflow detection (throws to the caller of toPoly).
struct Overflow {};

std::int64_t checked(__int128 v) {
    if (v > INT64_MAX || v < INT64_MIN) throw Overflow{};
    return static_cast<std::int64_t>(v);
}

Rational radd(Rational a, Rational b) {
    __int128 num = static_cast<__int128>(a.num) * b.den + static_cast<__int128>(b.num) * a.den;
    __int128 den = static_cast<__int128>(a.den) * b.den;
    // Reduce in 128 bits before narrowing.
    __int128 x = num < 0 ? -num : num, y = den;
    while (y) {
        __int128 t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) {
        num /= x;
        den /= x;
    }
    return Rational{checked(num), checked(den)};
}

Rational rmul(Rational a, Rational b) {
    __int128 num = static_cast<__int128>(a.num) * b.num;
    __int128 den = static_cast<__int128>(a.den) * b.den;
    __int128 x = num < 0 ? -num : num, y = den;
    while (y) {
        __int128 t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) {
        num /= x;
        den /= x;
    }
    return Rational{checked(num), checked(den)};
}

int kindRank(Expr e) {
    switch (e.op()) {
    case Op::Var: return 0;
    case Op::Sym: return 1;
    case Op::Apply: return 2;
    case Op::Read: return 3;
    default: return 4;
    }
}

} // namespace

bool atomLess(Expr a, Expr b) {
    if (a == b) return false;
    bool na = a.op() == Op::Var || a.op() == Op::Sym, nb = b.op() == Op::Var || b.op() == Op::Sym;
    if (na && nb) {
        if (a.name() != b.name()) return a.name() < b.name();
        return a.op() < b.op() || (a.op() == b.op() && a.dtype() < b.dtype());
    }
    if (na != nb) return na;
    if (kindRank(a) != kindRank(b)) return kindRank(a) < kindRank(b);
    return stableLess(a, b);
}

bool Monomial::operator<(const Monomial& o) const {
    if (atoms.size() != o.atoms.size()) return atoms.size() > o.atoms.size(); // higher degree first
    for (std::size_t i = 0; i < atoms.size(); ++i)
        if (atoms[i] != o.atoms[i]) return atomLess(atoms[i], o.atoms[i]);
    return false;
}

bool Monomial::contains(Expr atom) const {
    for (const Expr& a : atoms)
        if (a == atom) return true;
    return false;
}

Monomial Monomial::without(Expr atom) const {
    Monomial m = *this;
    for (auto it = m.atoms.begin(); it != m.atoms.end(); ++it)
        if (*it == atom) {
            m.atoms.erase(it);
            break;
        }
    return m;
}

Poly Poly::constant(Rational c) {
    Poly p;
    p.addTerm(Monomial{}, c);
    return p;
}

Poly Poly::atom(Expr a) {
    Poly p;
    p.addTerm(Monomial{{a}}, Rational{1, 1});
    return p;
}

void Poly::addTerm(const Monomial& m, Rational c) {
    if (c.num == 0) return;
    auto it = m_terms.find(m);
    if (it == m_terms.end()) {
        m_terms.emplace(m, c);
        return;
    }
    it->second = radd(it->second, c);
    if (it->second.num == 0) m_terms.erase(it);
}

Poly Poly::operator+(const Poly& o) const {
    Poly r = *this;
    for (auto& [m, c] : o.m_terms) r.addTerm(m, c);
    return r;
}

Poly Poly::scaled(Rational k) const {
    Poly r;
    for (auto& [m, c] : m_terms) r.addTerm(m, rmul(c, k));
    return r;
}

Poly Poly::operator-(const Poly& o) const { return *this + o.scaled(Rational{-1, 1}); }

Poly Poly::operator*(const Poly& o) const {
    Poly r;
    for (auto& [ma, ca] : m_terms)
        for (auto& [mb, cb] : o.m_terms) {
            Monomial m;
            m.atoms = ma.atoms;
            m.atoms.insert(m.atoms.end(), mb.atoms.begin(), mb.atoms.end());
            std::sort(m.atoms.begin(), m.atoms.end(), atomLess);
            r.addTerm(m, rmul(ca, cb));
        }
    return r;
}

bool Poly::isConstant() const {
    return m_terms.empty() || (m_terms.size() == 1 && m_terms.begin()->first.atoms.empty());
}

Rational Poly::constantTerm() const {
    auto it = m_terms.find(Monomial{});
    return it == m_terms.end() ? Rational{0, 1} : it->second;
}

bool Poly::mentions(Expr atom) const {
    for (auto& [m, c] : m_terms)
        if (m.contains(atom)) return true;
    return false;
}

std::optional<std::pair<Poly, Poly>> Poly::splitBy(Expr atom) const {
    Poly coeff, rest;
    for (auto& [m, c] : m_terms) {
        int n = 0;
        for (const Expr& a : m.atoms) n += a == atom;
        if (n > 1) return std::nullopt;
        if (n == 1) coeff.addTerm(m.without(atom), c);
        else rest.addTerm(m, c);
    }
    return std::make_pair(coeff, rest);
}

std::optional<Rational> exactRational(double v) {
    if (!std::isfinite(v)) return std::nullopt;
    int e;
    double m = std::frexp(v, &e); // v = m * 2^e, 0.5 <= |m| < 1
    // m * 2^53 is an integer.
    auto mant = static_cast<std::int64_t>(std::ldexp(m, 53));
    int exp2 = e - 53;
    while (mant != 0 && mant % 2 == 0 && exp2 < 0) {
        mant /= 2;
        ++exp2;
    }
    if (exp2 >= 0) {
        if (exp2 > 10 || std::llabs(mant) > (INT64_MAX >> 11)) return std::nullopt;
        return Rational{mant << exp2, 1};
    }
    if (exp2 < -40) return std::nullopt; // keep denominators small
    return Rational::make(mant, std::int64_t(1) << -exp2);
}

namespace {

Poly build(Expr e) {
    switch (e.op()) {
    case Op::Const:
        switch (e.constKind()) {
        case ConstKind::Int: return Poly::constant(Rational{e.intValue(), 1});
        case ConstKind::Rational: return Poly::constant(e.rationalValue());
        case ConstKind::Float:
            if (auto r = exactRational(e.floatValue())) return Poly::constant(*r);
            return Poly::atom(e);
        case ConstKind::Bool: return Poly::atom(e);
        }
        break;
    case Op::Add: return build(e[0]) + build(e[1]);
    case Op::Sub: return build(e[0]) - build(e[1]);
    case Op::Neg: return build(e[0]).scaled(Rational{-1, 1});
    case Op::Mul: return build(e[0]) * build(e[1]);
    case Op::Div:
        if (isFloat(e.dtype())) {
            Poly d = build(e[1]);
            if (d.isConstant() && d.constantTerm().num != 0) {
                Rational c = d.constantTerm();
                return build(e[0]).scaled(Rational::make(c.den, c.num));
            }
        }
        break;
    default: break;
    }
    return Poly::atom(e);
}

} // namespace

std::optional<Poly> toPoly(Expr e) {
    if (!isNumeric(e.dtype()) || !e.isScalar()) return std::nullopt;
    try {
        return build(e);
    } catch (const Overflow&) {
        return std::nullopt;
    } catch (const IrError&) {
        return std::nullopt;
    }
}

std::optional<Expr> fromPoly(Context& ctx, const Poly& p, DType t) {
    auto constOf = [&](Rational r) -> std::optional<Expr> {
        if (isInteger(t)) {
            if (r.den != 1) return std::nullopt;
            return ctx.intConst(r.num, t);
        }
        if (r.den == 1) return ctx.floatConst(static_cast<double>(r.num), t);
        double d = r.toDouble();
        if (auto back = exactRational(d); back && *back == r) return ctx.floatConst(d, t);
        return ctx.rationalConst(r, t);
    };
    Expr acc;
    for (auto& [m, c] : p.terms()) {
        if (m.atoms.empty()) continue; // the constant goes last
        for (const Expr& a : m.atoms)
            if (a.dtype() != t) return std::nullopt;
        Expr term;
        for (const Expr& a : m.atoms) term = term ? ctx.mul(term, a) : a;
        Rational mag{c.num < 0 ? -c.num : c.num, c.den};
        if (!(mag.num == 1 && mag.den == 1)) {
            auto k = constOf(mag);
            if (!k) return std::nullopt;
            term = ctx.mul(term, *k);
        }
        if (!acc) acc = c.num < 0 ? ctx.neg(term) : term;
        else acc = c.num < 0 ? ctx.sub(acc, term) : ctx.add(acc, term);
    }
    Rational k = p.constantTerm();
    if (!acc) return constOf(k);
    if (k.num != 0) {
        auto kc = constOf(Rational{k.num < 0 ? -k.num : k.num, k.den});
        if (!kc) return std::nullopt;
        acc = k.num < 0 ? ctx.sub(acc, *kc) : ctx.add(acc, *kc);
    }
    return acc;
}

} // namespace tlift::ir
