#pragma once
// Rewrite rules: a left pattern, a right pattern and side conditions, read from the rule files
// (rule_set.h); and dynamic rules written in C++ for rewrites a pattern cannot say.
//
// Side conditions read facts about the values bound to pattern variables through a
// BindingView, so that the same check runs on e-classes (the runner) and on plain IR terms
// (the soundness tests; later the verifier, which also turns a rule into IR formulas with
// Rule::instantiate and conditionFormula).

#include "tlift/egraph/pattern.h"

#include <memory>
#include <span>
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
    std::size_t arity;
    std::vector<bool> literalArgs; // which arguments are literals (not variables)
    std::string doc;
    bool approximate = false;      // true when it accepts a rounded constant
};
const std::vector<ConditionInfo>& conditionCatalog();
const ConditionInfo* findCondition(std::string_view name);
bool checkCondition(const Condition& c, const BindingView& b);
// The condition as an IR formula over the bound terms where it is one (`nonzero ?x` is
// `x != 0`, `positive ?x` is `x > 0`); null for structural conditions (types, shapes, free
// variables), which hold or not of the binding itself.
ir::Expr conditionFormula(ir::Context& ctx, const Condition& c, const BindingView& b);

class Rule {
public:
    std::string name;
    std::string family;
    std::string source; // "file:line"
    std::vector<std::string> vars;
    Pattern lhs, rhs;
    std::vector<Condition> conditions;
    int slots = 0;              // variables plus the hidden slots of the left side's literals
    bool approximate = false;   // holds up to the rounding of a recognized constant

    std::string text() const;
    bool conditionsHold(const BindingView& b) const;
    // Both sides as IR terms for a binding of the variables (vars.size() terms).
    util::Result<std::pair<ir::Expr, ir::Expr>> instantiate(ir::Context& ctx, std::span<const ir::Expr> values) const;
};

// A rewrite whose left side is found by C++ code. search() appends (lhs, rhs) term pairs for
// class c: lhs must be a term of class c made of terms known to the graph (typically an
// e-node's term with children replaced by other terms of the same classes), rhs any term of the
// same type. Dynamic rules must be exact (sound over the reals).
class DynamicRule {
public:
    virtual ~DynamicRule() = default;
    virtual std::string name() const = 0;
    virtual std::string family() const { return "dynamic"; }
    virtual std::string description() const = 0;
    virtual void search(const EGraph& g, ClassId c, std::vector<std::pair<ir::Expr, ir::Expr>>& out) const = 0;
};

// The dynamic rules that ship with the builtin rule set.
std::vector<std::shared_ptr<const DynamicRule>> builtinDynamicRules();

} // namespace tlift::egraph
