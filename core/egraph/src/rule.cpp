#include "tlift/egraph/rule.h"

#include "tlift/egraph/analysis.h"
#include "tlift/ir/named_ops.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"

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
    Expr t = term(slot);
    while (true) {
        if (t == e || sameConstant(t, e)) return true;
        if (t.op() == Op::Cast && ir::isFloat(t.dtype()) && !ir::isFloat(t[0].dtype())) {
            t = t[0];
            continue;
        }
        return false;
    }
}
Expr TermBinding::var(int slot) const {
    Expr t = term(slot);
    return t.op() == Op::Var ? t : Expr();
}

// ---- conditions ----

const std::vector<ConditionInfo>& conditionCatalog() {
    static const std::vector<ConditionInfo> catalog = {
        {"not-free", 2, {false, false}, "the variable bound to ?k does not occur free in ?x (its value does not depend on it)"},
        {"nonzero", 1, {false}, "?x != 0"},
        {"positive", 1, {false}, "?x > 0"},
        {"nonneg", 1, {false}, "?x >= 0"},
        {"float", 1, {false}, "?x has a float type"},
        {"int", 1, {false}, "?x has an integer type"},
        {"scalar", 1, {false}, "?x is a scalar"},
        {"tensor", 1, {false}, "?x is a tensor (rank >= 1)"},
        {"const", 1, {false}, "?x is a known constant"},
        {"approx", 2, {false, true}, "?x is a constant within 2e-7 (relative) of the literal", true},
        {"dim-size", 3, {false, false, false}, "?n is the size of dimension ?d of ?x (possibly cast to a float)"},
        {"last-dim", 2, {false, false}, "?d names the last dimension of ?x"},
        {"dim-eq", 3, {false, false, true}, "?d names dimension LIT of ?x"},
        {"const-along", 3, {false, false, false}, "?m broadcast against ?x has size 1 along dimension ?d"},
        {"last-vector", 2, {false, false}, "?w is a vector as long as the last dimension of ?x"},
        {"same-shape", 2, {false, false}, "?a and ?b have the same shape"},
        {"rank", 2, {false, true}, "?x has rank LIT"},
        {"same-dim", 4, {false, true, false, true}, "dimension DA of ?a has the size of dimension DB of ?b"},
    };
    return catalog;
}

const ConditionInfo* findCondition(std::string_view name) {
    for (const ConditionInfo& c : conditionCatalog())
        if (c.name == name) return &c;
    return nullptr;
}

namespace {

std::optional<std::int64_t> intConstOf(const BindingView& b, int slot) {
    Expr c = b.constant(slot);
    if (!c || c.constKind() != ir::ConstKind::Int) return std::nullopt;
    return c.intValue();
}

int dimOf(const BindingView& b, int dimSlot, int tensorSlot) {
    auto d = intConstOf(b, dimSlot);
    if (!d) return -1;
    return ir::normalizeDim(*d, b.term(tensorSlot).rank());
}

std::optional<double> numberOf(const BindingView& b, int slot) {
    Expr c = b.constant(slot);
    if (!c || c.constKind() == ir::ConstKind::Bool) return std::nullopt;
    return c.numericValue();
}

} // namespace

bool checkCondition(const Condition& c, const BindingView& b) {
    auto slot = [&](std::size_t i) { return c.args[i].slot; };
    auto lit = [&](std::size_t i) { return c.args[i].lit; };
    const std::string& n = c.name;
    if (n == "not-free") {
        Expr v = b.var(slot(0));
        return v && !b.mayDependOn(slot(1), v);
    }
    if (n == "nonzero") {
        if (auto v = numberOf(b, slot(0))) return *v != 0;
        return (b.sign(slot(0)) & kNonZero) != 0;
    }
    if (n == "positive") {
        if (auto v = numberOf(b, slot(0))) return *v > 0;
        return (b.sign(slot(0)) & kPositive) != 0;
    }
    if (n == "nonneg") {
        if (auto v = numberOf(b, slot(0))) return *v >= 0;
        return (b.sign(slot(0)) & kNonNegative) != 0;
    }
    if (n == "float") return ir::isFloat(b.term(slot(0)).dtype());
    if (n == "int") return ir::isInteger(b.term(slot(0)).dtype());
    if (n == "scalar") return b.term(slot(0)).isScalar();
    if (n == "tensor") return !b.term(slot(0)).isScalar();
    if (n == "const") return static_cast<bool>(b.constant(slot(0)));
    if (n == "approx") {
        auto v = numberOf(b, slot(0));
        double want = lit(1).value();
        return v && std::fabs(*v - want) <= 2e-7 * std::fabs(want);
    }
    if (n == "dim-size") {
        int d = dimOf(b, slot(2), slot(1));
        return d >= 0 && b.denotes(slot(0), b.term(slot(1)).shape()[static_cast<std::size_t>(d)]);
    }
    if (n == "last-dim") {
        std::size_t r = b.term(slot(0)).rank();
        int d = dimOf(b, slot(1), slot(0));
        return r >= 1 && d == static_cast<int>(r) - 1;
    }
    if (n == "dim-eq") {
        std::size_t r = b.term(slot(0)).rank();
        int d = dimOf(b, slot(1), slot(0));
        return d >= 0 && d == ir::normalizeDim(lit(2).i, r);
    }
    if (n == "const-along") {
        Expr m = b.term(slot(0)), x = b.term(slot(1));
        int d = dimOf(b, slot(2), slot(1));
        if (d < 0 || m.rank() > x.rank()) return false;
        long pos = static_cast<long>(d) - static_cast<long>(x.rank() - m.rank());
        return pos < 0 || m.shape()[static_cast<std::size_t>(pos)].isIntConst(1);
    }
    if (n == "last-vector") {
        Expr w = b.term(slot(0)), x = b.term(slot(1));
        return w.rank() == 1 && x.rank() >= 1 && w.shape()[0] == x.shape().back();
    }
    if (n == "same-shape") return EGraph::sameType(b.term(slot(0)), b.term(slot(1))) ||
                                  std::ranges::equal(b.term(slot(0)).shape(), b.term(slot(1)).shape());
    if (n == "same-dim") {
        Expr a = b.term(slot(0)), c2 = b.term(slot(2));
        int da = ir::normalizeDim(lit(1).i, a.rank()), db = ir::normalizeDim(lit(3).i, c2.rank());
        return da >= 0 && db >= 0 && a.shape()[static_cast<std::size_t>(da)] == c2.shape()[static_cast<std::size_t>(db)];
    }
    if (n == "rank") return static_cast<std::int64_t>(b.term(slot(0)).rank()) == lit(1).i;
    return false;
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

// ---- rules ----

std::string Rule::text() const {
    std::string s = name + ": " + lhs.text(vars) + " => " + rhs.text(vars);
    if (!conditions.empty()) {
        std::vector<std::string> cs;
        for (const Condition& c : conditions) cs.push_back(c.text(vars));
        s += " if " + util::join(cs, ", ");
    }
    return s;
}

bool Rule::conditionsHold(const BindingView& b) const {
    for (const Condition& c : conditions)
        if (!checkCondition(c, b)) return false;
    return true;
}

util::Result<std::pair<Expr, Expr>> Rule::instantiate(ir::Context& ctx, std::span<const Expr> values) const {
    using R = util::Result<std::pair<Expr, Expr>>;
    if (values.size() != vars.size()) return R::failure("rules", name + ": wrong number of values");
    std::function<Expr(int)> value = [&](int slot) {
        return slot < static_cast<int>(values.size()) ? values[static_cast<std::size_t>(slot)] : Expr();
    };
    auto l = egraph::instantiate(ctx, lhs, value, std::nullopt);
    if (!l) return std::move(l).takeError();
    auto r = egraph::instantiate(ctx, rhs, value, l->dtype());
    if (!r) return std::move(r).takeError();
    return std::make_pair(*l, *r);
}

} // namespace tlift::egraph
