#include "ext_term.h"

namespace tlift::verify::smt {

Term::Term(z3::expr value) : v(value), ninf(value.ctx().bool_val(false)), pinf(value.ctx().bool_val(false)) {}
Term::Term(z3::expr value, z3::expr negInf, z3::expr posInf) : v(value), ninf(negInf), pinf(posInf) {}

z3::expr Term::finite() const { return mkAnd(mkNot(ninf), mkNot(pinf)); }

z3::expr mkAnd(const z3::expr& a, const z3::expr& b) {
    if (a.is_false() || b.is_true()) return a;
    if (b.is_false() || a.is_true()) return b;
    return a && b;
}

z3::expr mkOr(const z3::expr& a, const z3::expr& b) {
    if (a.is_true() || b.is_false()) return a;
    if (b.is_true() || a.is_false()) return b;
    return a || b;
}

z3::expr mkNot(const z3::expr& a) {
    if (a.is_true()) return a.ctx().bool_val(false);
    if (a.is_false()) return a.ctx().bool_val(true);
    if (a.is_not()) return a.arg(0);
    return !a;
}

z3::expr mkIte(const z3::expr& c, const z3::expr& a, const z3::expr& b) {
    if (c.is_true() || z3::eq(a, b)) return a;
    if (c.is_false()) return b;
    if (a.is_bool()) {
        if (a.is_true() && b.is_false()) return c;
        if (a.is_false() && b.is_true()) return mkNot(c);
    }
    return z3::ite(c, a, b);
}

z3::expr mkImplies(const z3::expr& a, const z3::expr& b) {
    if (a.is_true()) return b;
    if (a.is_false() || b.is_true()) return a.ctx().bool_val(true);
    return z3::implies(a, b);
}

namespace {

z3::expr positive(const Term& x) {
    return mkOr(x.pinf, mkAnd(x.finite(), x.v > x.v.ctx().real_val(0)));
}
z3::expr negative(const Term& x) {
    return mkOr(x.ninf, mkAnd(x.finite(), x.v < x.v.ctx().real_val(0)));
}
z3::expr anyOf(std::initializer_list<z3::expr> xs) {
    z3::expr r = xs.begin()->ctx().bool_val(false);
    for (const z3::expr& x : xs) r = mkOr(r, x);
    return r;
}

} // namespace

Term extNeg(const Term& a) { return Term(-a.v, a.pinf, a.ninf); }

Term extAdd(const Term& a, const Term& b) {
    return Term(a.v + b.v, mkOr(mkAnd(a.ninf, mkNot(b.pinf)), mkAnd(b.ninf, mkNot(a.pinf))),
                mkOr(mkAnd(a.pinf, mkNot(b.ninf)), mkAnd(b.pinf, mkNot(a.ninf))));
}

Term extSub(const Term& a, const Term& b) { return extAdd(a, extNeg(b)); }

Term extMul(const Term& a, const Term& b) {
    if (!a.maybeInfinite() && !b.maybeInfinite()) return Term(a.v * b.v);
    z3::expr pinf = anyOf({mkAnd(a.pinf, positive(b)), mkAnd(a.ninf, negative(b)), mkAnd(b.pinf, positive(a)),
                           mkAnd(b.ninf, negative(a))});
    z3::expr ninf = anyOf({mkAnd(a.pinf, negative(b)), mkAnd(a.ninf, positive(b)), mkAnd(b.pinf, negative(a)),
                           mkAnd(b.ninf, positive(a))});
    return Term(a.v * b.v, ninf, pinf);
}

Term extDiv(const Term& a, const Term& b) {
    if (!a.maybeInfinite() && !b.maybeInfinite()) return Term(a.v / b.v);
    z3::expr zero = a.v.ctx().real_val(0);
    z3::expr bInf = mkOr(b.ninf, b.pinf);
    z3::expr v = mkIte(mkAnd(bInf, a.finite()), zero, a.v / b.v);
    z3::expr bPos = mkAnd(b.finite(), b.v > zero), bNeg = mkAnd(b.finite(), b.v < zero);
    z3::expr pinf = mkOr(mkAnd(a.pinf, bPos), mkAnd(a.ninf, bNeg));
    z3::expr ninf = mkOr(mkAnd(a.ninf, bPos), mkAnd(a.pinf, bNeg));
    return Term(v, ninf, pinf);
}

Term extMax(const Term& a, const Term& b) {
    z3::expr v = mkIte(a.ninf, b.v, mkIte(b.ninf, a.v, z3::max(a.v, b.v)));
    return Term(v, mkAnd(a.ninf, b.ninf), mkOr(a.pinf, b.pinf));
}

Term extMin(const Term& a, const Term& b) {
    z3::expr v = mkIte(a.pinf, b.v, mkIte(b.pinf, a.v, z3::min(a.v, b.v)));
    return Term(v, mkOr(a.ninf, b.ninf), mkAnd(a.pinf, b.pinf));
}

Term extAbs(const Term& a) {
    return Term(z3::abs(a.v), a.v.ctx().bool_val(false), mkOr(a.ninf, a.pinf));
}

Term extSelect(const z3::expr& c, const Term& a, const Term& b) {
    return Term(mkIte(c, a.v, b.v), mkIte(c, a.ninf, b.ninf), mkIte(c, a.pinf, b.pinf));
}

z3::expr extLt(const Term& a, const Term& b) {
    if (!a.maybeInfinite() && !b.maybeInfinite()) return a.v < b.v;
    return anyOf({mkAnd(a.ninf, mkNot(b.ninf)), mkAnd(mkNot(a.pinf), b.pinf),
                  mkAnd(mkAnd(a.finite(), b.finite()), a.v < b.v)});
}

z3::expr extLe(const Term& a, const Term& b) {
    if (!a.maybeInfinite() && !b.maybeInfinite()) return a.v <= b.v;
    return anyOf({a.ninf, b.pinf, mkAnd(mkAnd(a.finite(), b.finite()), a.v <= b.v)});
}

z3::expr extEq(const Term& a, const Term& b) {
    if (a.v.is_bool()) return a.v == b.v;
    if (!a.maybeInfinite() && !b.maybeInfinite()) return a.v == b.v;
    return anyOf({mkAnd(a.ninf, b.ninf), mkAnd(a.pinf, b.pinf), mkAnd(mkAnd(a.finite(), b.finite()), a.v == b.v)});
}

Term extUnary(const Term& a, const z3::expr& finiteValue, const Limits& lim) {
    if (!a.maybeInfinite()) return Term(finiteValue);
    z3::context& z = finiteValue.ctx();
    z3::expr v = finiteValue;
    if (lim.atPosInf) v = mkIte(a.pinf, z.real_val(lim.atPosInf), v);
    if (lim.atNegInf) v = mkIte(a.ninf, z.real_val(lim.atNegInf), v);
    z3::expr f = z.bool_val(false);
    z3::expr ninf = mkOr(lim.atNegInf || lim.negInfSign >= 0 ? f : a.ninf,
                         lim.atPosInf || lim.posInfSign >= 0 ? f : a.pinf);
    z3::expr pinf = mkOr(lim.atNegInf || lim.negInfSign <= 0 ? f : a.ninf,
                         lim.atPosInf || lim.posInfSign <= 0 ? f : a.pinf);
    return Term(v, ninf, pinf);
}

} // namespace tlift::verify::smt
