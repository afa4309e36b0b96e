// scf.for, scf.while and scf.if: loops as recurrences over their carried values (exactly the
// LoopSpec of the Python driver: `name@L1.prev(pid.., lanes..)` inside, `name@L1(..)` after),
// small constant loops unrolled, branches under path conditions merged with selects.
#include "ttir_interp.h"

#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

#include <set>

namespace tlift::symexec::ttirexec {

using ir::DType;
using ir::Expr;

namespace {

std::optional<std::int64_t> constInt(const Block& b) {
    if (b.isPointer() || b.value.op() != ir::Op::Const || b.value.constKind() != ir::ConstKind::Int) return std::nullopt;
    return b.value.intValue();
}

bool sameBlock(const Block& a, const Block& b) {
    return a.value == b.value && a.shape == b.shape && a.buffer == b.buffer && a.dtype == b.dtype;
}

// Unique names for the carried values of one loop (they name its recurrence functions).
std::string uniqueName(std::string name, std::set<std::string>& used) {
    std::string base = name;
    for (int k = 1; !used.insert(name).second; ++k) name = base + "_" + std::to_string(k);
    return name;
}

} // namespace

// The variable a carried value stands for: the Python name of what the body yields for it (the
// value assigned last in the iteration), else the name of the block argument, else `fallback`.
std::string TtirInterp::carriedName(const tt::TtirBlock& body, std::size_t i, tt::ValueId arg,
                                    const std::string& fallback) const {
    if (!body.ops.empty()) {
        const tt::TtirOp& term = m_module.op(body.ops.back());
        if (term.name == "scf.yield" && i < term.operands.size()) {
            const std::string& n = m_module.value(term.operands[i]).loc.varName;
            if (!n.empty()) return n;
        }
    }
    return valueName(arg, fallback);
}

void TtirInterp::opFor(const tt::TtirOp& op) {
    auto lb = operand(op, "lowerBound"), ub = operand(op, "upperBound"), st = operand(op, "step");
    std::vector<TVal> inits;
    for (tt::ValueId v : op.operandGroup("initArgs")) inits.push_back(value(v));
    if (op.regions.empty() || op.regions[0].blocks.empty() || op.regions[0].blocks[0].args.size() != inits.size() + 1)
        return error(op, "ttir", "scf.for without a body that takes the induction variable and the carried values");
    if (!lb || !ub || !st) return failResults(op);
    auto lo = constInt(*lb), hi = constInt(*ub), step = constInt(*st);
    if (step && *step <= 0) return unsupported(op, "a loop with a step of " + std::to_string(*step));
    if (lo && hi && step) {
        std::int64_t count = *hi > *lo ? (*hi - *lo + *step - 1) / *step : 0;
        if (count <= m_opts.maxUnroll) return unrollScfFor(op, *lo, *step, count, inits);
    }
    runScfFor(op, {*lb, *ub, *st}, inits);
}

void TtirInterp::unrollScfFor(const tt::TtirOp& op, std::int64_t lo, std::int64_t step, std::int64_t count,
                              const std::vector<TVal>& inits) {
    const tt::TtirBlock& body = op.regions[0].blocks[0];
    DType ivType = dtypeOf(m_module.typeOf(body.args[0])).value_or(DType::I32);
    std::vector<TVal> cur = inits;
    for (std::int64_t k = 0; k < count; ++k) {
        m_values.at(body.args[0]) = Block{{}, ivType, ctx().intConst(lo + k * step, ivType)};
        for (std::size_t i = 0; i < cur.size(); ++i) m_values.at(body.args[i + 1]) = cur[i];
        const tt::TtirOp* term = execBlock(body);
        if (!term || term->name != "scf.yield" || term->operands.size() != cur.size())
            return error(op, "ttir", "the loop body does not yield its carried values");
        for (std::size_t i = 0; i < cur.size(); ++i) cur[i] = value(term->operands[i]);
    }
    for (std::size_t i = 0; i < op.results.size() && i < cur.size(); ++i) {
        if (cur[i]) setResult(op, i, *cur[i]);
        else m_values.at(op.results[i]).reset();
    }
}

void TtirInterp::runScfFor(const tt::TtirOp& op, const std::vector<Block>& bounds, const std::vector<TVal>& inits) {
    const tt::TtirBlock& body = op.regions[0].blocks[0];
    tt::ValueId iv = body.args[0];
    DType ivType = dtypeOf(m_module.typeOf(iv)).value_or(DType::I32);
    if (!ir::isInteger(ivType)) return unsupported(op, "a loop over " + m_module.typeOf(iv).text);
    LoopSpec loop;
    loop.id = static_cast<int>(m_spec.loops.size()) + 1;
    loop.parent = m_loopStack.empty() ? -1 : m_loopStack.back();
    loop.span = m_sources.opSpan(op);
    loop.guard = m_alg.pathCondition();
    std::string ivName = valueName(iv, "it");
    loop.counter = ctx().freshVar(ivName, ivType);
    Expr b[3];
    for (int k = 0; k < 3; ++k) {
        Block m = m_alg.materialize(bounds[static_cast<std::size_t>(k)], ivType);
        if (!m.isScalar() || m.isPointer() || !ir::isInteger(m.dtype)) return error(op, "type", "loop bounds must be integer scalars");
        b[k] = m.dtype == ivType ? m.value : ctx().cast(m.value, ivType);
    }
    loop.lo = b[0];
    loop.hi = b[1];
    loop.step = b[2];
    std::vector<int> carriedOf(inits.size(), -1);
    std::set<std::string> used{ivName};
    for (std::size_t i = 0; i < inits.size(); ++i) {
        tt::ValueId arg = body.args[i + 1];
        if (!inits[i]) {
            m_values.at(arg).reset();
            continue;
        }
        const Block& init = *inits[i];
        CarriedVar cv;
        cv.name = uniqueName(carriedName(body, i, arg, valueName(op.results.at(i), "v" + std::to_string(i))), used);
        cv.shape = init.shape;
        cv.dtype = init.dtype;
        cv.buffer = init.buffer;
        cv.init = init.value;
        cv.prevFn = cv.name + "@" + loop.label() + ".prev";
        cv.finalFn = cv.name + "@" + loop.label();
        Block prev = init;
        prev.weak = false;
        prev.value = carriedApply(cv.prevFn, init);
        m_values.at(arg) = prev;
        carriedOf[i] = static_cast<int>(loop.carried.size());
        loop.carried.push_back(cv);
    }
    m_values.at(iv) = Block{{}, ivType, loop.counter};
    m_spec.loops.push_back(loop);
    std::size_t index = m_spec.loops.size() - 1;
    m_loopStack.push_back(loop.id);
    m_alg.setLoopStack(m_loopStack);
    recordStep(StepKind::Loop, ivName, Block{{}, ivType, loop.counter}, loop.span,
               "for " + ivName + " in range(" + ir::toText(loop.lo) + ", " + ir::toText(loop.hi) + ", " +
                   ir::toText(loop.step) + ")  [" + m_sources.ttirLine(op) + "]");
    const tt::TtirOp* term = execBlock(body);
    m_loopStack.pop_back();
    m_alg.setLoopStack(m_loopStack);
    std::vector<TVal> yields(inits.size());
    if (term && term->name == "scf.yield" && term->operands.size() == inits.size())
        for (std::size_t i = 0; i < inits.size(); ++i) yields[i] = value(term->operands[i]);
    else
        error(op, "ttir", "the loop body does not yield its carried values");
    finishCarried(op, index, carriedOf, yields);
    LoopSpec& L = m_spec.loops[index];
    for (std::size_t i = 0; i < op.results.size() && i < carriedOf.size(); ++i) {
        if (carriedOf[i] < 0 || !L.carried[static_cast<std::size_t>(carriedOf[i])].update) {
            m_values.at(op.results[i]).reset();
            continue;
        }
        const CarriedVar& cv = L.carried[static_cast<std::size_t>(carriedOf[i])];
        Block fin{cv.shape, cv.dtype, Expr(), cv.buffer};
        fin.value = carriedApply(cv.finalFn, Block{cv.shape, cv.dtype, cv.update, cv.buffer});
        setResult(op, i, fin);
        if (const TVal& r = value(op.results[i]))
            recordStep(StepKind::Assign, cv.name, *r, L.span, "value after loop " + L.label());
    }
}

// Turns the values yielded by one iteration (parallel to the loop's operands) into the updates of
// the carried values (carriedOf: the carried value of each operand, -1 for failed inits).
void TtirInterp::finishCarried(const tt::TtirOp& op, std::size_t loopIndex, const std::vector<int>& carriedOf,
                               const std::vector<TVal>& yieldsAll) {
    LoopSpec& L = m_spec.loops[loopIndex];
    for (std::size_t i = 0; i < yieldsAll.size() && i < carriedOf.size(); ++i) {
        if (carriedOf[i] < 0) continue;
        CarriedVar& cv = L.carried[static_cast<std::size_t>(carriedOf[i])];
        const TVal& y = yieldsAll[i];
        if (!y) {
            cv.update = Expr();
            continue;
        }
        Block u = m_alg.materialize(*y, cv.dtype);
        if (u.isPointer() != (cv.buffer >= 0) || (u.isPointer() && u.buffer != cv.buffer)) {
            unsupported(op, "loop-carried value '" + cv.name + "' changes between pointer and value, or between buffers");
            cv.update = Expr();
            continue;
        }
        if (u.shape != cv.shape) {
            error(op, "internal", "loop-carried value '" + cv.name + "' changes shape from " + shapeText(cv.shape) +
                                      " to " + shapeText(u.shape));
            cv.update = Expr();
            continue;
        }
        if (!u.isPointer() && u.dtype != cv.dtype) {
            auto c = m_alg.cast(u, cv.dtype);
            if (c) u = *c;
        }
        Expr upd = u.value;
        if (u.isPointer() && upd.dtype() != cv.init.dtype()) {
            cv.init = ctx().cast(cv.init, DType::I64);
            upd = ctx().cast(upd, DType::I64);
        }
        cv.update = upd;
    }
}

std::vector<TVal> TtirInterp::runBranch(const tt::TtirOp& op, std::size_t region, std::optional<Expr> path) {
    std::vector<TVal> out(op.results.size());
    if (region >= op.regions.size() || op.regions[region].blocks.empty()) return out;
    if (path) m_alg.pushPath(*path);
    const tt::TtirOp* term = execBlock(op.regions[region].blocks[0]);
    if (path) m_alg.popPath();
    if (!term || term->name != "scf.yield" || term->operands.size() != op.results.size()) {
        if (!op.results.empty()) error(op, "ttir", "a branch does not yield the if's results");
        return out;
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = value(term->operands[i]);
    return out;
}

void TtirInterp::opIf(const tt::TtirOp& op) {
    auto c = operand(op, "condition");
    if (!c) return failResults(op);
    if (!c->isScalar() || c->dtype != DType::Bool) return error(op, "type", "scf.if needs a scalar i1 condition");
    Expr cond = tidy(c->value);
    if (cond.op() == ir::Op::Const) {
        std::vector<TVal> r = runBranch(op, cond.boolValue() ? 0 : 1, std::nullopt);
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (r[i]) setResult(op, i, *r[i]);
            else m_values.at(op.results[i]).reset();
        }
        return;
    }
    std::vector<TVal> t = runBranch(op, 0, cond);
    std::vector<TVal> e = runBranch(op, 1, tidy(ctx().lnot(cond)));
    Block cb{{}, DType::Bool, cond};
    for (std::size_t i = 0; i < op.results.size(); ++i) {
        if (!t[i] || !e[i]) {
            m_values.at(op.results[i]).reset();
            continue;
        }
        if (sameBlock(*t[i], *e[i])) {
            setResult(op, i, *t[i]);
            continue;
        }
        setResult(op, i, m_alg.where(cb, *t[i], *e[i]));
        if (const TVal& r = value(op.results[i]))
            recordStep(StepKind::Assign, valueName(op.results[i], ""), *r, m_sources.opSpan(op),
                       "merge of the branches of `if " + ir::toText(cond) + "`  [" + m_sources.ttirLine(op) + "]");
    }
}

void TtirInterp::opWhile(const tt::TtirOp& op) {
    std::vector<TVal> inits;
    for (tt::ValueId v : op.operands) inits.push_back(value(v));
    if (op.regions.size() != 2 || op.regions[0].blocks.empty() || op.regions[1].blocks.empty() ||
        op.regions[0].blocks[0].args.size() != inits.size())
        return error(op, "ttir", "scf.while without its two regions");
    const tt::TtirBlock& before = op.regions[0].blocks[0];
    const tt::TtirBlock& after = op.regions[1].blocks[0];
    LoopSpec loop;
    loop.id = static_cast<int>(m_spec.loops.size()) + 1;
    loop.parent = m_loopStack.empty() ? -1 : m_loopStack.back();
    loop.isWhile = true;
    loop.span = m_sources.opSpan(op);
    loop.guard = m_alg.pathCondition();
    std::set<std::string> used;
    std::vector<int> carriedOf(inits.size(), -1);
    for (std::size_t i = 0; i < inits.size(); ++i) {
        tt::ValueId arg = before.args[i];
        if (!inits[i]) {
            m_values.at(arg).reset();
            continue;
        }
        const Block& init = *inits[i];
        std::string fallback = i < after.args.size() ? valueName(after.args[i], "v" + std::to_string(i)) : "v" + std::to_string(i);
        CarriedVar cv;
        cv.name = uniqueName(carriedName(after, i, arg, fallback), used);
        cv.shape = init.shape;
        cv.dtype = init.dtype;
        cv.buffer = init.buffer;
        cv.init = init.value;
        cv.prevFn = cv.name + "@" + loop.label() + ".prev";
        cv.finalFn = cv.name + "@" + loop.label();
        Block prev = init;
        prev.weak = false;
        prev.value = carriedApply(cv.prevFn, init);
        m_values.at(arg) = prev;
        carriedOf[i] = static_cast<int>(loop.carried.size());
        loop.carried.push_back(cv);
    }
    m_spec.loops.push_back(loop);
    std::size_t index = m_spec.loops.size() - 1;
    m_loopStack.push_back(loop.id);
    m_alg.setLoopStack(m_loopStack);
    std::size_t storesBefore = m_spec.stores.size();
    const tt::TtirOp* cterm = execBlock(before);
    if (m_spec.stores.size() != storesBefore)
        unsupported(op, "a store in the condition region (it runs once more than the body)");
    std::vector<TVal> condArgs;
    Expr whileCond;
    if (!cterm || cterm->name != "scf.condition") {
        error(op, "ttir", "the condition region does not end in scf.condition");
    } else {
        for (tt::ValueId v : cterm->operandGroup("args")) condArgs.push_back(value(v));
        auto c = operand(*cterm, "condition");
        if (c && c->isScalar() && !c->isPointer()) whileCond = tidy(c->dtype == DType::Bool ? c->value : ctx().binary(ir::Op::Ne, c->value, ctx().zero(c->dtype)));
    }
    m_spec.loops[index].whileCond = whileCond;
    std::string condText = whileCond ? ir::toText(whileCond) : std::string("?");
    recordStep(StepKind::Loop, "", Block{{}, DType::I32, ctx().intConst(0)}, loop.span,
               "while " + condText + "  [" + m_sources.ttirLine(op) + "]");
    m_alg.pushPath(whileCond ? whileCond : ctx().trueConst());
    for (std::size_t i = 0; i < after.args.size(); ++i) m_values.at(after.args[i]) = i < condArgs.size() ? condArgs[i] : TVal();
    const tt::TtirOp* term = execBlock(after);
    m_alg.popPath();
    m_loopStack.pop_back();
    m_alg.setLoopStack(m_loopStack);
    std::vector<TVal> yields(inits.size());
    if (term && term->name == "scf.yield" && term->operands.size() == inits.size())
        for (std::size_t i = 0; i < inits.size(); ++i) yields[i] = value(term->operands[i]);
    else
        error(op, "ttir", "the loop body does not yield its carried values");
    finishCarried(op, index, carriedOf, yields);
    // The results are the condition's arguments at the check that failed: its formulas over the
    // previous values, read over the final ones.
    LoopSpec& L = m_spec.loops[index];
    bool complete = whileCond && L.carried.size() == inits.size();
    std::map<std::string, std::string> finals;
    for (const CarriedVar& cv : L.carried) {
        complete = complete && cv.update;
        finals[cv.prevFn] = cv.finalFn;
    }
    for (std::size_t i = 0; i < op.results.size(); ++i) {
        if (!complete || i >= condArgs.size() || !condArgs[i]) {
            m_values.at(op.results[i]).reset();
            continue;
        }
        Block r = *condArgs[i];
        r.value = ir::rewriteBottomUp(ctx(), r.value, [&](Expr e) {
            if (e.op() != ir::Op::Apply) return e;
            auto it = finals.find(std::string(e.name()));
            if (it == finals.end()) return e;
            return ctx().apply(it->second, e.dtype(), std::vector<Expr>(e.children().begin(), e.children().end()));
        });
        setResult(op, i, r);
        if (const TVal& v = value(op.results[i]))
            recordStep(StepKind::Assign, valueName(op.results[i], ""), *v, L.span, "value after loop " + L.label());
    }
}

} // namespace tlift::symexec::ttirexec
