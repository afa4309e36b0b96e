#include "tlift/synth/facts.h"

#include "tlift/ir/printer.h"
#include "tlift/ir/subst.h"

namespace tlift::synth {

using ir::Expr;

FactOracle::FactOracle(ir::Context& ctx, std::shared_ptr<verify::Checker> checker) : m_ctx(ctx), m_checker(std::move(checker)) {}

void FactOracle::addFact(Expr cond) {
    if (cond && !(cond.isConst() && cond.boolValue())) m_facts.push_back(cond);
    m_cache.clear();
}

void FactOracle::addRange(Expr x, Expr lo, Expr hi) {
    m_ranges.push_back(verify::Range{x, lo, hi});
    m_cache.clear();
}

void FactOracle::push(Expr var, Expr lo, Expr hi, Expr guard) { m_scopes.push_back({var, lo, hi, guard}); }
void FactOracle::pop() {
    if (!m_scopes.empty()) m_scopes.pop_back();
}

ir::SimplifyOptions FactOracle::intervalOptions() const {
    ir::SimplifyOptions o;
    auto constOf = [](Expr e, std::int64_t& v) {
        if (e && e.op() == ir::Op::Const && e.constKind() == ir::ConstKind::Int) {
            v = e.intValue();
            return true;
        }
        return false;
    };
    for (const verify::Range& r : m_ranges) {
        std::int64_t lo = 0, hi = 0;
        if (r.x.op() == ir::Op::Var && constOf(r.lo, lo) && constOf(r.hi, hi)) o.setRange(r.x, lo, hi);
    }
    for (const Scope& s : m_scopes) {
        std::int64_t lo = 0, hi = 0;
        if (constOf(s.lo, lo) && constOf(s.hi, hi)) o.setRange(s.var, lo, hi);
    }
    return o;
}

bool FactOracle::implies(Expr cond) {
    if (!cond) return false;
    if (cond.isConst()) return cond.boolValue();
    // Facts that contain the condition as a conjunct.
    for (const Expr& f : m_facts)
        if (f == cond) return true;
    for (const Scope& s : m_scopes)
        if (s.guard == cond) return true;
    Expr quick = ir::simplify(m_ctx, cond, intervalOptions());
    if (quick.isConst()) return quick.boolValue();
    std::size_t sig = 0;
    for (const Scope& s : m_scopes) sig = sig * 1000003u + reinterpret_cast<std::uintptr_t>(s.var.node());
    auto key = std::make_pair(cond.node(), sig);
    if (auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    bool result = false;
    if (m_checker) {
        std::vector<Expr> assumptions = m_facts;
        std::vector<verify::Range> ranges = m_ranges;
        for (const Scope& s : m_scopes) {
            ranges.push_back(verify::Range{s.var, s.lo, s.hi});
            if (s.guard && !(s.guard.isConst() && s.guard.boolValue())) assumptions.push_back(s.guard);
        }
        ++m_solverCalls;
        verify::Verdict v = m_checker->prove(m_ctx, cond, assumptions, ranges, "fact");
        result = v.status == verify::Status::Proved;
    }
    m_cache.emplace(key, result);
    return result;
}

} // namespace tlift::synth
