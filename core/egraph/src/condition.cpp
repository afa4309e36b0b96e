#include "tlift/egraph/condition.h"

#include "tlift/egraph/analysis.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/subst.h"

#include <algorithm>
#include <cmath>

namespace tlift::egraph {

using ir::Expr;
using ir::Op;

// ---- bindings ----

Expr ClassBinding::term(int slot) const { return m_g.eclass(cls(slot)).rep; }
Expr ClassBinding::constant(int slot) const { return m_g.data(cls(slot)).constant; }
bool ClassBinding::mayDependOn(int slot, Expr var) const { return m_g.hasFreeVar(cls(slot), var); }
std::uint8_t ClassBinding::sign(int slot) const { return m_g.data(cls(slot)).sign; }
bool ClassBinding::denotes(int slot, Expr e) const { return m_g.denotes(cls(slot), e); }
Expr ClassBinding::var(int slot) const { return m_g.varOf(cls(slot)); }

Expr TermBinding::constant(int slot) const {
    Expr t = term(slot);
    return t.op() == Op::Const ? t : Expr();
}
bool TermBinding::mayDependOn(int slot, Expr var) const { return ir::occursFree(term(slot), var); }
std::uint8_t TermBinding::sign(int slot) const { return signFactsOf(term(slot)); }
bool TermBinding::denotes(int slot, Expr e) const {
    for (Expr t = term(slot);; t = t[0]) {
        if (t == e || sameConstant(t, e)) return true;
        if (!(t.op() == Op::Cast && ir::isFloat(t.dtype()) && !ir::isFloat(t[0].dtype()))) return false;
    }
}
Expr TermBinding::var(int slot) const {
    Expr t = term(slot);
    return t.op() == Op::Var ? t : Expr();
}

// ---- the catalog ----

namespace {

// Accessors for the arguments of a condition being checked.
struct Args {
    const Condition& c;
    const BindingView& b;
    int slot(std::size_t i) const { return c.args[i].slot; }
    Expr term(std::size_t i) const { return b.term(slot(i)); }
    const Literal& lit(std::size_t i) const { return c.args[i].lit; }
    std::optional<double> number(std::size_t i) const {
        Expr k = b.constant(slot(i));
        if (!k || k.constKind() == ir::ConstKind::Bool) return std::nullopt;
        return k.numericValue();
    }
    // The dimension named by argument d of the tensor of argument x, normalized; -1 if none.
    int dim(std::size_t d, std::size_t x) const {
        Expr k = b.constant(slot(d));
        if (!k || k.constKind() != ir::ConstKind::Int) return -1;
        return ir::normalizeDim(k.intValue(), term(x).rank());
    }
};

using Check = std::function<bool(const Args&)>;

ConditionInfo entry(std::string name, std::vector<bool> literals, std::string doc, Check check, bool approx = false) {
    ConditionInfo info;
    info.name = std::move(name);
    info.literalArgs = std::move(literals);
    info.doc = std::move(doc);
    info.approximate = approx;
    info.check = [check](const Condition& c, const BindingView& b) { return check(Args{c, b}); };
    return info;
}

bool signOrConstant(const Args& a, std::uint8_t fact, bool (*holds)(double)) {
    if (auto v = a.number(0)) return holds(*v);
    return (a.b.sign(a.slot(0)) & fact) != 0;
}

std::vector<ConditionInfo> makeCatalog() {
    const bool V = false, L = true;
    std::vector<ConditionInfo> c;
    c.push_back(entry("not-free", {V, V}, "the variable bound to ?k is not free in ?x (its value does not depend on it)",
                      [](const Args& a) {
                          Expr v = a.b.var(a.slot(0));
                          return v && !a.b.mayDependOn(a.slot(1), v);
                      }));
    c.push_back(entry("nonzero", {V}, "?x != 0", [](const Args& a) {
        return signOrConstant(a, kNonZero, [](double v) { return v != 0; });
    }));
    c.push_back(entry("positive", {V}, "?x > 0", [](const Args& a) {
        return signOrConstant(a, kPositive, [](double v) { return v > 0; });
    }));
    c.push_back(entry("nonneg", {V}, "?x >= 0", [](const Args& a) {
        return signOrConstant(a, kNonNegative, [](double v) { return v >= 0; });
    }));
    c.push_back(entry("float", {V}, "?x has a float type", [](const Args& a) { return ir::isFloat(a.term(0).dtype()); }));
    c.push_back(entry("int", {V}, "?x has an integer type", [](const Args& a) { return ir::isInteger(a.term(0).dtype()); }));
    c.push_back(entry("scalar", {V}, "?x is a scalar", [](const Args& a) { return a.term(0).isScalar(); }));
    c.push_back(entry("tensor", {V}, "?x is a tensor (rank >= 1)", [](const Args& a) { return !a.term(0).isScalar(); }));
    c.push_back(entry("const", {V}, "?x is a known constant", [](const Args& a) { return static_cast<bool>(a.b.constant(a.slot(0))); }));
    c.push_back(entry(
        "approx", {V, L}, "?x is a constant within 2e-7 (relative) of the literal",
        [](const Args& a) {
            auto v = a.number(0);
            double want = a.lit(1).value();
            return v && std::fabs(*v - want) <= 2e-7 * std::fabs(want);
        },
        true));
    c.push_back(entry("dim-size", {V, V, V}, "?n is the size of dimension ?d of ?x (possibly cast to a float)",
                      [](const Args& a) {
                          int d = a.dim(2, 1);
                          return d >= 0 && a.b.denotes(a.slot(0), a.term(1).shape()[static_cast<std::size_t>(d)]);
                      }));
    c.push_back(entry("last-dim", {V, V}, "?d names the last dimension of ?x", [](const Args& a) {
        std::size_t r = a.term(0).rank();
        return r >= 1 && a.dim(1, 0) == static_cast<int>(r) - 1;
    }));
    c.push_back(entry("dim-eq", {V, V, L}, "?d names dimension LIT of ?x", [](const Args& a) {
        int d = a.dim(1, 0);
        return d >= 0 && d == ir::normalizeDim(a.lit(2).i, a.term(0).rank());
    }));
    c.push_back(entry("const-along", {V, V, V}, "?m broadcast against ?x has size 1 along dimension ?d",
                      [](const Args& a) {
                          Expr m = a.term(0), x = a.term(1);
                          int d = a.dim(2, 1);
                          if (d < 0 || m.rank() > x.rank()) return false;
                          long pos = static_cast<long>(d) - static_cast<long>(x.rank() - m.rank());
                          return pos < 0 || m.shape()[static_cast<std::size_t>(pos)].isIntConst(1);
                      }));
    c.push_back(entry("last-vector", {V, V}, "?w is a vector as long as the last dimension of ?x", [](const Args& a) {
        Expr w = a.term(0), x = a.term(1);
        return w.rank() == 1 && x.rank() >= 1 && w.shape()[0] == x.shape().back();
    }));
    c.push_back(entry("same-shape", {V, V}, "?a and ?b have the same shape",
                      [](const Args& a) { return std::ranges::equal(a.term(0).shape(), a.term(1).shape()); }));
    c.push_back(entry("rank", {V, L}, "?x has rank LIT",
                      [](const Args& a) { return static_cast<std::int64_t>(a.term(0).rank()) == a.lit(1).i; }));
    c.push_back(entry("same-dim", {V, L, V, L}, "dimension DA of ?a has the size of dimension DB of ?b",
                      [](const Args& a) {
                          Expr x = a.term(0), y = a.term(2);
                          int dx = ir::normalizeDim(a.lit(1).i, x.rank()), dy = ir::normalizeDim(a.lit(3).i, y.rank());
                          return dx >= 0 && dy >= 0 &&
                                 x.shape()[static_cast<std::size_t>(dx)] == y.shape()[static_cast<std::size_t>(dy)];
                      }));
    return c;
}

} // namespace

const std::vector<ConditionInfo>& conditionCatalog() {
    static const std::vector<ConditionInfo> catalog = makeCatalog();
    return catalog;
}

const ConditionInfo* findCondition(std::string_view name) {
    for (const ConditionInfo& c : conditionCatalog())
        if (c.name == name) return &c;
    return nullptr;
}

bool checkCondition(const Condition& c, const BindingView& b) {
    const ConditionInfo* info = findCondition(c.name);
    return info && c.args.size() == info->arity() && info->check(c, b);
}

Expr conditionFormula(ir::Context& ctx, const Condition& c, const BindingView& b) {
    Op op;
    if (c.name == "nonzero") op = Op::Ne;
    else if (c.name == "positive") op = Op::Gt;
    else if (c.name == "nonneg") op = Op::Ge;
    else return Expr();
    Expr x = b.term(c.args[0].slot);
    return ctx.binary(op, x, ctx.zero(x.dtype()));
}

std::string Condition::text(const std::vector<std::string>& vars) const {
    std::string s = "(" + name;
    for (const ConditionArg& a : args) s += " " + (a.slot >= 0 ? "?" + vars[static_cast<std::size_t>(a.slot)] : a.lit.text());
    return s + ")";
}

} // namespace tlift::egraph
