#include "tlift/verify/prove_rule.h"

#include "tlift/verify/checker.h"
#include "tlift/verify/expand_named.h"

namespace tlift::verify {

Verdict proveRule(ir::Context& ctx, ir::Expr lhs, ir::Expr rhs, const std::vector<ir::Expr>& conditions,
                  const CheckOptions& options, std::string name) {
    auto q = tensorEquivalence(ctx, lhs, rhs, std::move(name));
    if (!q) {
        Verdict v;
        v.reason = "the rule's sides do not match: " + q.error().message;
        return v;
    }
    q->assumptions = conditions;
    Checker checker(options);
    return checker.check(ctx, *q);
}

} // namespace tlift::verify
