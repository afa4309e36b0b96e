#pragma once
// Polynomials over IR atoms with exact rational coefficients: the normal form of integer index
// arithmetic (`pid0 * BLOCK + l0 - pid0 * BLOCK` is `l0`), and the tool that delinearizes
// addresses into tensor coordinates. An atom is any subterm that is not +, -, *, a constant,
// or (for floats) a division by a constant.

#include "tlift/ir/context.h"

#include <map>
#include <optional>
#include <vector>

namespace tlift::ir {

struct Monomial {
    std::vector<Expr> atoms; // sorted by atomLess; repeated atoms are powers
    bool operator<(const Monomial& o) const;
    bool operator==(const Monomial& o) const { return atoms == o.atoms; }
    std::size_t degree() const { return atoms.size(); }
    bool contains(Expr atom) const;
    // This monomial without one occurrence of `atom` (which it must contain).
    Monomial without(Expr atom) const;
};

// The order of atoms in normal forms: named leaves by name, then other terms structurally.
bool atomLess(Expr a, Expr b);

class Poly {
public:
    Poly() = default;
    static Poly constant(Rational c);
    static Poly atom(Expr a);

    Poly operator+(const Poly& o) const;
    Poly operator-(const Poly& o) const;
    Poly operator*(const Poly& o) const;
    Poly scaled(Rational c) const;

    bool isConstant() const;
    Rational constantTerm() const;
    bool isZero() const { return m_terms.empty(); }
    const std::map<Monomial, Rational>& terms() const { return m_terms; }
    // The coefficient polynomial of `atom` (terms containing it once, divided by it) and the
    // rest: this = atom * coefficient + rest. Fails if the atom occurs with a power > 1.
    std::optional<std::pair<Poly, Poly>> splitBy(Expr atom) const;
    bool mentions(Expr atom) const;
    std::size_t size() const { return m_terms.size(); }
    bool operator==(const Poly& o) const { return m_terms == o.m_terms; }

private:
    void addTerm(const Monomial& m, Rational c);
    std::map<Monomial, Rational> m_terms; // no zero coefficients
};

// Reads e as a polynomial; nullopt when e is not numeric or a coefficient overflows.
std::optional<Poly> toPoly(Expr e);
// Builds the normal form: terms by descending degree, atoms ordered, constant last; with
// an integer dtype, every coefficient must be an integer (otherwise nullopt).
std::optional<Expr> fromPoly(Context& ctx, const Poly& p, DType t);

// Exact rational value of a float constant when it has one with small terms.
std::optional<Rational> exactRational(double v);

} // namespace tlift::ir
