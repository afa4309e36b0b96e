#include "tlift/egraph/rule.h"

#include "tlift/util/strings.h"

namespace tlift::egraph {

using ir::Expr;

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
