#include "reduction_laws.h"

#include "sign.h"

#include <set>

namespace tlift::verify::smt {

using ir::ReduceKind;

namespace {

bool isArg(ReduceKind k) { return k == ReduceKind::ArgMax || k == ReduceKind::ArgMin; }
bool isExtremal(ReduceKind k) { return k == ReduceKind::Max || k == ReduceKind::Min; }

class Laws {
public:
    Laws(Encoder& enc, std::vector<z3::expr>& facts) : m_enc(enc), m_z(enc.vocab().z3ctx()), m_facts(facts) {}

    util::Result<LawStats> run(int maxSplits) {
        m_enc.setRound(1);
        std::vector<ReductionApp> query;
        for (const ReductionApp& a : m_enc.reductionApps())
            if (a.round == 0) query.push_back(a);
        for (const ReductionApp& a : query) {
            if (auto r = peelLast(a); !r) return std::move(r).takeError();
            if (auto r = peelFirst(a); !r) return std::move(r).takeError();
            if (isArg(fn(a).kind))
                if (auto r = attained(a); !r) return std::move(r).takeError();
            ++m_stats.peel;
        }
        for (const ReductionApp& a : query) {
            for (const z3::expr& c : endpoints(query, a)) {
                if (m_stats.split >= maxSplits) break;
                split(a, c);
                ++m_stats.split;
            }
        }
        // Laws without new applications, at every application (the list grows while we go).
        for (std::size_t i = 0; i < m_enc.reductionApps().size(); ++i) {
            ReductionApp a = m_enc.reductionApps()[i];
            basic(a);
        }
        return m_stats;
    }

private:
    const ReductionFn& fn(const ReductionApp& a) { return m_enc.reductions().at(a.fn); }
    z3::expr zero(const ReductionApp& a) {
        return a.value.is_int() ? m_z.int_val(0) : m_z.real_val(0);
    }
    z3::expr one(const ReductionApp& a) { return a.value.is_int() ? m_z.int_val(1) : m_z.real_val(1); }
    z3::expr ne(const ReductionApp& a) { return m_enc.nonempty(a.fn, a.params, a.lo, a.hi); }
    ReductionApp app(const ReductionApp& like, const z3::expr& lo, const z3::expr& hi) {
        return m_enc.apply(like.fn, like.params, lo, hi);
    }
    // The companion max/min of an argmax/argmin application over the same range.
    ReductionApp companion(const ReductionApp& a) {
        return m_enc.apply(fn(a).companionMax, a.params, a.lo, a.hi);
    }
    z3::expr better(ReduceKind k, const z3::expr& x, const z3::expr& y, bool strict) {
        bool up = k == ReduceKind::Max || k == ReduceKind::ArgMax;
        if (strict) return up ? x > y : x < y;
        return up ? x >= y : x <= y;
    }
    z3::expr pick(ReduceKind k, const z3::expr& x, const z3::expr& y) {
        bool up = k == ReduceKind::Max || k == ReduceKind::ArgMax;
        return up ? z3::max(x, y) : z3::min(x, y);
    }
    void add(const z3::expr& premise, const z3::expr& fact) { m_facts.push_back(mkImplies(premise, fact)); }

    // R(lo, hi) from R(lo, hi - 1) and element hi - 1.
    util::Result<bool> peelLast(const ReductionApp& a) {
        const ReduceKind k = fn(a).kind;
        z3::expr last = a.hi - 1;
        ReductionApp prefix = app(a, a.lo, last);
        auto el = m_enc.element(a.fn, a.params, last);
        if (!el) return std::move(el).takeError();
        const auto& [inc, b] = *el;
        z3::expr premise = a.lo < a.hi;
        combine(a, premise, prefix, inc, b.v, last, /*elementFirst=*/false);
        (void)k;
        return true;
    }

    // R(lo, hi) from element lo and R(lo + 1, hi).
    util::Result<bool> peelFirst(const ReductionApp& a) {
        z3::expr first = a.lo;
        ReductionApp suffix = app(a, a.lo + 1, a.hi);
        auto el = m_enc.element(a.fn, a.params, first);
        if (!el) return std::move(el).takeError();
        const auto& [inc, b] = *el;
        combine(a, a.lo < a.hi, suffix, inc, b.v, first, /*elementFirst=*/true);
        return true;
    }

    // The argmax of a non-empty range is an included index whose element is the max.
    util::Result<bool> attained(const ReductionApp& a) {
        auto el = m_enc.element(a.fn, a.params, a.value);
        if (!el) return std::move(el).takeError();
        const auto& [inc, b] = *el;
        ReductionApp m = companion(a);
        add(ne(a), mkAnd(inc, b.v == m.value));
        return true;
    }

    // `whole` = `rest` combined with one element at index `at` (before or after the rest).
    void combine(const ReductionApp& whole, const z3::expr& premise, const ReductionApp& rest, const z3::expr& inc,
                 const z3::expr& x, const z3::expr& at, bool elementFirst) {
        const ReduceKind k = fn(whole).kind;
        switch (k) {
        case ReduceKind::Sum: add(premise, whole.value == rest.value + mkIte(inc, x, zero(whole))); return;
        case ReduceKind::Prod: add(premise, whole.value == rest.value * mkIte(inc, x, one(whole))); return;
        case ReduceKind::Max:
        case ReduceKind::Min: {
            z3::expr neRest = ne(rest);
            add(premise, ne(whole) == mkOr(neRest, inc));
            add(premise, whole.value == mkIte(inc, mkIte(neRest, pick(k, rest.value, x), x), rest.value));
            return;
        }
        default: {
            ReductionApp m = companion(rest);
            z3::expr neRest = ne(rest);
            // The first extremum wins: a later element must be strictly better, an earlier one
            // at least as good.
            z3::expr wins = mkAnd(inc, mkOr(mkNot(neRest), better(k, x, m.value, !elementFirst)));
            add(premise, whole.value == mkIte(wins, at, rest.value));
            return;
        }
        }
    }

    // The other endpoints of the same function with the same parameters.
    std::vector<z3::expr> endpoints(const std::vector<ReductionApp>& query, const ReductionApp& a) {
        std::vector<z3::expr> out;
        std::set<unsigned> seen{a.lo.id(), a.hi.id()};
        for (const ReductionApp& b : query) {
            if (b.fn != a.fn || b.params.size() != a.params.size()) continue;
            bool same = true;
            for (std::size_t i = 0; i < a.params.size(); ++i) same = same && z3::eq(a.params[i], b.params[i]);
            if (!same) continue;
            for (const z3::expr& c : {b.lo, b.hi})
                if (seen.insert(c.id()).second) out.push_back(c);
        }
        return out;
    }

    void split(const ReductionApp& a, const z3::expr& c) {
        const ReduceKind k = fn(a).kind;
        ReductionApp l = app(a, a.lo, c), r = app(a, c, a.hi);
        z3::expr premise = a.lo <= c && c <= a.hi;
        switch (k) {
        case ReduceKind::Sum: add(premise, a.value == l.value + r.value); return;
        case ReduceKind::Prod: add(premise, a.value == l.value * r.value); return;
        case ReduceKind::Max:
        case ReduceKind::Min: {
            z3::expr nl = ne(l), nr = ne(r);
            add(premise, ne(a) == mkOr(nl, nr));
            add(premise, a.value == mkIte(mkAnd(nl, nr), pick(k, l.value, r.value), mkIte(nl, l.value, r.value)));
            return;
        }
        default: {
            ReductionApp ml = companion(l), mr = companion(r);
            z3::expr nl = ne(l), nr = ne(r);
            add(premise, a.value == mkIte(mkAnd(nl, mkOr(mkNot(nr), better(k, ml.value, mr.value, false))), l.value,
                                          r.value));
            return;
        }
        }
    }

    void basic(const ReductionApp& a) {
        const ReductionFn f = fn(a);
        z3::expr empty = a.hi <= a.lo;
        switch (f.kind) {
        case ReduceKind::Sum: add(empty, a.value == zero(a)); break;
        case ReduceKind::Prod: add(empty, a.value == one(a)); break;
        default:
            add(empty, mkNot(ne(a)));
            if (f.nonempty) add(ne(a), a.lo < a.hi);
            break;
        }
        if (isArg(f.kind)) add(ne(a), a.lo <= a.value && a.value < a.hi);
        Sign s = signOf(f.body);
        if (f.kind == ReduceKind::Sum && s != Sign::Unknown) m_facts.push_back(a.value >= zero(a));
        if (f.kind == ReduceKind::Prod && s == Sign::Positive) m_facts.push_back(a.value > zero(a));
        if (f.kind == ReduceKind::Prod && s == Sign::NonNegative) m_facts.push_back(a.value >= zero(a));
        (void)isExtremal;
    }

    Encoder& m_enc;
    z3::context& m_z;
    std::vector<z3::expr>& m_facts;
    LawStats m_stats;
};

} // namespace

util::Result<LawStats> instantiateReductionLaws(Encoder& enc, std::vector<z3::expr>& facts, int maxSplits) {
    return Laws(enc, facts).run(maxSplits);
}

} // namespace tlift::verify::smt
