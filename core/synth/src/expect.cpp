#include "tlift/synth/expect.h"

#include "tlift/ir/parser.h"
#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"
#include "tlift/util/strings.h"
#include "tlift/verify/checker.h"
#include "tlift/verify/expand_named.h"

#include <algorithm>
#include <cctype>

namespace tlift::synth {

using ir::Expr;

util::Result<std::string> expectationOutput(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
    std::string name = text.substr(start, i - start);
    std::size_t eq = text.find('=');
    if (name.empty() || eq == std::string::npos || (eq + 1 < text.size() && text[eq + 1] == '='))
        return util::Result<std::string>::failure("expect", "--expect takes an equation 'out = formula' or 'out[i, j] = formula', got '" + text + "'");
    return name;
}

ExpectationResult checkExpectation(ir::Context& ctx, const std::string& text, const OutputSummary& o,
                                   const symexec::Reindexed& re, const symexec::TensorBinding& out,
                                   const symexec::LaunchContext& lc, const symexec::Spec& spec, const Harness* harness,
                                   const std::vector<Expr>& facts, const LiftOptions& options, const util::CancelToken& cancel) {
    ExpectationResult r;
    r.text = text;
    r.output = o.output;
    // The names an expectation may use: the launch's tensors, sizes and scalar parameters.
    ir::Scope scope;
    for (const symexec::TensorBinding& t : lc.tensors)
        if (t.node) scope.declare(t.node);
    for (const Expr& s : symexec::sizeSymbols(lc)) scope.declare(s);
    for (const symexec::ScalarInfo& s : spec.scalars)
        if (!scope.names.count(s.name)) scope.declare(s.symbol);
    auto eq = [&]() -> util::Result<ir::Equation> {
        try {
            return ir::parseEquation(ctx, text, scope);
        } catch (const ir::IrError& e) {
            return util::Result<ir::Equation>::failure("expect", e.what());
        }
    }();
    if (!eq) {
        r.status = LiftStatus::Failed;
        r.detail = "cannot read the expectation: " + eq.error().message;
        return r;
    }
    // The right side over the output's coordinates.
    Expr rhs = eq->rhs;
    bool tensorLevel = eq->lhs.op() == ir::Op::Tensor;
    std::vector<Expr> coords = re.coords;
    if (!tensorLevel) {
        if (eq->lhs.op() != ir::Op::Read || eq->lhs.arity() != coords.size() + 1) {
            r.status = LiftStatus::Failed;
            r.detail = "the left side must be " + o.output + " or " + o.output + "[" + util::join(o.coords, ", ") + "]";
            return r;
        }
        ir::ExprMap m;
        for (std::size_t d = 0; d < coords.size(); ++d) m.emplace(eq->lhs[d + 1], coords[d]);
        rhs = ir::substitute(ctx, rhs, m);
    }
    // 1. The kernel's own results on the test inputs.
    if (harness && !harness->cases.empty()) {
        CheckResult chk = tensorLevel ? checkTensorCandidate(*harness, out, rhs, 1e-6)
                                      : checkCandidate(*harness, out, coords, rhs, ir::EvalMode::Real, 1e-6);
        if (!chk.ok) {
            bool cannot = chk.detail.rfind("cannot evaluate", 0) == 0;
            r.status = cannot ? LiftStatus::Unknown : LiftStatus::Refuted;
            r.detail = (cannot ? "" : "the kernel computes something else: ") + chk.detail;
            return r;
        }
    }
    // 2. For all sizes: the summary equals the expectation.
    auto element = tensorLevel ? verify::expandAt(ctx, rhs, coords) : verify::expandNamed(ctx, rhs);
    auto summary = verify::expandNamed(ctx, o.summary);
    if (!element || !summary) {
        r.status = LiftStatus::Tested;
        r.detail = "agrees with the kernel on every test input; not proved: " +
                   (element ? summary.error().message : element.error().message);
        return r;
    }
    verify::CheckOptions co;
    co.queryTimeout = options.queryTimeout;
    co.totalTimeout = std::chrono::milliseconds(std::max<long long>(options.queryTimeout.count() * 3, 3000));
    co.boundK = options.boundK;
    co.seed = static_cast<unsigned>(options.seed);
    co.smtDir = options.emitSmtDir;
    co.cancel = cancel;
    verify::Checker checker(co);
    verify::EquivalenceQuery q;
    q.lhs = *summary;
    q.rhs = *element;
    q.assumptions = lc.assumptions;
    for (const Expr& f : facts) q.assumptions.push_back(f);
    for (std::size_t d = 0; d < coords.size(); ++d) q.ranges.push_back(verify::Range::between(coords[d], ctx.intConst(0), out.shape[d]));
    for (const Expr& s : symexec::sizeSymbols(lc)) q.ranges.push_back(verify::Range::atLeast(s, ctx.intConst(1)));
    q.name = o.output + ".expect";
    r.verdict = checker.check(ctx, q);
    bool summaryProved = o.status == LiftStatus::Proved;
    switch (r.verdict.status) {
    case verify::Status::Proved:
        r.status = summaryProved ? LiftStatus::Proved : o.status == LiftStatus::ProvedUpTo ? LiftStatus::ProvedUpTo : LiftStatus::Tested;
        r.detail = summaryProved ? "the kernel's summary is proved and equals the expectation for all sizes"
                                 : "the summary equals the expectation for all sizes, but the summary itself is " +
                                       std::string(statusName(o.status)) + " (" + o.mode + ")";
        break;
    case verify::Status::ProvedUpTo:
        r.status = summaryProved || o.status == LiftStatus::ProvedUpTo ? LiftStatus::ProvedUpTo : LiftStatus::Tested;
        r.detail = "the summary equals the expectation for sizes up to " + std::to_string(r.verdict.bound);
        break;
    case verify::Status::Refuted:
        // A model of summary != expectation is the kernel's only when the summary is proved.
        r.status = summaryProved ? LiftStatus::Refuted : LiftStatus::Unknown;
        r.detail = std::string(summaryProved ? "" : "the summary (not proved) differs from the expectation: ") +
                   (r.verdict.counterexample ? verify::describe(*r.verdict.counterexample) : r.verdict.reason);
        break;
    default:
        r.status = LiftStatus::Tested;
        r.detail = "agrees with the kernel on every test input; the proof for all sizes is " +
                   std::string(verify::statusName(r.verdict.status)) + (r.verdict.reason.empty() ? "" : ": " + r.verdict.reason);
        break;
    }
    return r;
}

} // namespace tlift::synth
