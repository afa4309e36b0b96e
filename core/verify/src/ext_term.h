#pragma once
// The SMT value of one scalar IR expression. Floats are reals extended with -inf and +inf:
// `v` is the real value, and the Bool flags `ninf` / `pinf` say that the value is -inf / +inf
// (then `v` is meaningless). Most terms are finite, and their flags are the literal `false`,
// so arithmetic on them stays plain real arithmetic; the flags only grow where an infinity
// can actually occur (an inf constant, a max over a possibly empty range).
//
// Where IEEE arithmetic would give NaN (inf - inf, 0 * inf, inf / inf), the result here is a
// finite but unspecified real: the verdicts make no claim about inputs that reach such an
// operation (docs/verify.md, "Domain").

#include <z3++.h>

namespace tlift::verify::smt {

struct Term {
    z3::expr v;
    z3::expr ninf;
    z3::expr pinf;

    explicit Term(z3::expr value);
    Term(z3::expr value, z3::expr negInf, z3::expr posInf);
    bool maybeInfinite() const { return !ninf.is_false() || !pinf.is_false(); }
    z3::expr finite() const;
};

// Boolean connectives that fold literal true/false, so that finite terms keep small formulas.
z3::expr mkAnd(const z3::expr& a, const z3::expr& b);
z3::expr mkOr(const z3::expr& a, const z3::expr& b);
z3::expr mkNot(const z3::expr& a);
z3::expr mkIte(const z3::expr& c, const z3::expr& a, const z3::expr& b);
z3::expr mkImplies(const z3::expr& a, const z3::expr& b);

// Extended-real arithmetic (operands are Real terms).
Term extNeg(const Term& a);
Term extAdd(const Term& a, const Term& b);
Term extSub(const Term& a, const Term& b);
Term extMul(const Term& a, const Term& b);
Term extDiv(const Term& a, const Term& b);
Term extMin(const Term& a, const Term& b);
Term extMax(const Term& a, const Term& b);
Term extAbs(const Term& a);
Term extSelect(const z3::expr& c, const Term& a, const Term& b);
// Comparisons and equality in the extended order.
z3::expr extLt(const Term& a, const Term& b);
z3::expr extLe(const Term& a, const Term& b);
z3::expr extEq(const Term& a, const Term& b);
// A function whose limits at -inf and +inf are the given finite values (or infinite when the
// limit value is null): exp(-inf) = 0, tanh(+inf) = 1, log(+inf) = +inf, ...
struct Limits {
    const char* atNegInf; // decimal, or nullptr when the limit is -inf/+inf/undefined
    int negInfSign;       // when atNegInf is null: -1 (-inf), +1 (+inf), 0 (undefined)
    const char* atPosInf;
    int posInfSign;
};
Term extUnary(const Term& a, const z3::expr& finiteValue, const Limits& limits);

} // namespace tlift::verify::smt
