#pragma once
// Side conditions of rules. A condition reads facts about the values bound to pattern
// variables through a BindingView, so that the same check runs on e-classes (the runner) and on
// plain IR terms (the soundness tests, the verifier).

#include "tlift/egraph/matcher.h"

#include <functional>
#include <string>
#include <vector>

namespace tlift::egraph {

// What a side condition may ask about the value bound to a slot.
class BindingView {
public:
    virtual ~BindingView() = default;
    // A term of the value (its type is the value's type).
    virtual ir::Expr term(int slot) const = 0;
    // Its constant, when known.
    virtual ir::Expr constant(int slot) const = 0;
    // False only when the value certainly does not depend on the variable.
    virtual bool mayDependOn(int slot, ir::Expr var) const = 0;
    virtual std::uint8_t sign(int slot) const = 0;
    // True when the value certainly equals the value of `e` (for sizes: `N` and cast(N, f32)).
    virtual bool denotes(int slot, ir::Expr e) const = 0;
    // The index variable the slot is bound to (a reduction's binder), or null.
    virtual ir::Expr var(int slot) const = 0;
};

// Slots bound to e-classes.
class ClassBinding : public BindingView {
public:
    ClassBinding(const EGraph& g, const Subst& s) : m_g(g), m_s(s) {}
    ir::Expr term(int slot) const override;
    ir::Expr constant(int slot) const override;
    bool mayDependOn(int slot, ir::Expr var) const override;
    std::uint8_t sign(int slot) const override;
    bool denotes(int slot, ir::Expr e) const override;
    ir::Expr var(int slot) const override;

private:
    ClassId cls(int slot) const { return m_s[static_cast<std::size_t>(slot)]; }
    const EGraph& m_g;
    const Subst& m_s;
};

// Slots bound to IR terms.
class TermBinding : public BindingView {
public:
    explicit TermBinding(std::vector<ir::Expr> terms) : m_terms(std::move(terms)) {}
    ir::Expr term(int slot) const override { return m_terms[static_cast<std::size_t>(slot)]; }
    ir::Expr constant(int slot) const override;
    bool mayDependOn(int slot, ir::Expr var) const override;
    std::uint8_t sign(int slot) const override;
    bool denotes(int slot, ir::Expr e) const override;
    ir::Expr var(int slot) const override;

private:
    std::vector<ir::Expr> m_terms;
};

struct ConditionArg {
    int slot = -1; // a pattern variable, or -1 for a literal
    Literal lit;
};

struct Condition {
    std::string name;
    std::vector<ConditionArg> args;
    std::string text(const std::vector<std::string>& vars) const;
};

struct ConditionInfo {
    std::string name;
    std::vector<bool> literalArgs; // one per argument: a literal (true) or a ?variable
    std::string doc;
    bool approximate = false;      // true when it accepts a rounded constant
    std::function<bool(const Condition&, const BindingView&)> check;
    std::size_t arity() const { return literalArgs.size(); }
};
const std::vector<ConditionInfo>& conditionCatalog();
const ConditionInfo* findCondition(std::string_view name);
bool checkCondition(const Condition& c, const BindingView& b);
// The condition as an IR formula over the bound terms where it is one (`nonzero ?x` is
// `x != 0`, `positive ?x` is `x > 0`); null for structural conditions (types, shapes, free
// variables), which hold or not of the binding itself.
ir::Expr conditionFormula(ir::Context& ctx, const Condition& c, const BindingView& b);

} // namespace tlift::egraph
