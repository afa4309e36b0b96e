#include "query_runner.h"

#include "axiom_instantiator.h"
#include "encoder.h"
#include "reduction_laws.h"

#include "tlift/ir/printer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace tlift::verify::smt {

namespace {

constexpr int kMaxLemmaDepth = 2;
constexpr int kMaxLemmasPerQuery = 16;
constexpr unsigned kLemmaTimeoutMs = 2000;
constexpr unsigned kSmallModelTimeoutMs = 1000;
constexpr int kSmallModelBound = 6;

using Facts = std::vector<z3::expr>;

util::Result<bool> encodeBase(Encoder& enc, const EquivalenceQuery& q, Facts& facts) {
    for (const Range& r : q.ranges) {
        auto x = enc.encode(r.x);
        if (!x) return std::move(x).takeError();
        std::optional<std::int64_t> lo, hi;
        if (r.lo) {
            auto l = enc.encode(r.lo);
            if (!l) return std::move(l).takeError();
            facts.push_back(l->v <= x->v);
            std::int64_t c;
            if (l->v.simplify().is_numeral_i64(c)) lo = c;
        }
        if (r.hi) {
            auto h = enc.encode(r.hi);
            if (!h) return std::move(h).takeError();
            facts.push_back(x->v < h->v);
            std::int64_t c;
            if (h->v.simplify().is_numeral_i64(c)) hi = c;
        }
        if (r.x.op() == ir::Op::Var && lo && hi && *lo < *hi) enc.setRange(r.x, Interval{*lo, *hi - 1});
    }
    for (const ir::Expr& a : q.assumptions) {
        auto b = enc.encodeBool(a);
        if (!b) return std::move(b).takeError();
        facts.push_back(*b);
    }
    return true;
}

z3::expr toReal(const z3::expr& e) { return z3::expr(e.ctx(), Z3_mk_int2real(e.ctx(), e)); }

// lhs == rhs for the two sides of a query, whatever their sorts.
z3::expr sidesEqual(const Term& l, const Term& r) {
    z3::context& z = l.v.ctx();
    auto numeric = [&](const Term& t) {
        if (t.v.is_bool()) return Term(z3::ite(t.v, z.int_val(1), z.int_val(0)));
        return t;
    };
    if (l.v.is_bool() && r.v.is_bool()) return l.v == r.v;
    Term a = numeric(l), b = numeric(r);
    if (a.v.is_int() && b.v.is_real()) a = Term(toReal(a.v));
    if (b.v.is_int() && a.v.is_real()) b = Term(toReal(b.v));
    return extEq(a, b);
}

std::string sanitize(const std::string& s) {
    std::string out;
    for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    return out.empty() ? "query" : out.substr(0, 80);
}

// Lemmas about pairs of reductions: when two reductions of one kind agree element by element
// (inclusion and value, at the same offset from their lower bounds), they agree on ranges of the
// same length. Each lemma is proved by its own sub-query before it is asserted.
class Lemmas {
public:
    Lemmas(ir::Context& ctx, z3::context& z, Vocabulary& vocab, ReductionTable& table, const EncodeOptions& eo,
           const CheckOptions& opts, std::function<unsigned(unsigned)> timeLeft)
        : m_ctx(ctx), m_z(z), m_vocab(vocab), m_table(table), m_eo(eo), m_opts(opts), m_timeLeft(std::move(timeLeft)) {}

    int add(Encoder& enc, const EquivalenceQuery& q, Facts& facts, int depth) {
        std::vector<ReductionApp> apps;
        for (const ReductionApp& a : enc.reductionApps())
            if (a.round == 0) apps.push_back(a);
        int proved = 0, tried = 0;
        for (std::size_t i = 0; i < apps.size(); ++i) {
            for (std::size_t j = i + 1; j < apps.size(); ++j) {
                const ReductionApp &a = apps[i], &b = apps[j];
                if (!candidates(a, b)) continue;
                if (tried++ >= kMaxLemmasPerQuery || m_opts.cancel.cancelled()) return proved;
                if (!pointwiseEqual(q, a, b, depth)) continue;
                const ReductionFn& fa = m_table.at(a.fn);
                bool arg = fa.kind == ir::ReduceKind::ArgMax || fa.kind == ir::ReduceKind::ArgMin;
                z3::expr same = arg ? a.value - a.lo == b.value - b.lo : a.value == b.value;
                same = mkAnd(same, enc.nonempty(a.fn, a.params, a.lo, a.hi) == enc.nonempty(b.fn, b.params, b.lo, b.hi));
                facts.push_back(mkImplies(a.hi - a.lo == b.hi - b.lo, same));
                ++proved;
            }
        }
        return proved;
    }

private:
    bool candidates(const ReductionApp& a, const ReductionApp& b) {
        if (a.fn == b.fn || z3::eq(a.value, b.value)) return false;
        const ReductionFn &fa = m_table.at(a.fn), &fb = m_table.at(b.fn);
        return fa.kind == fb.kind && z3::eq(a.value.get_sort(), b.value.get_sort());
    }

    bool pointwiseEqual(const EquivalenceQuery& q, const ReductionApp& a, const ReductionApp& b, int depth) {
        try {
            Encoder sub(m_ctx, m_vocab, m_table, m_eo);
            Facts facts;
            if (!encodeBase(sub, q, facts)) return false;
            z3::expr t = m_z.constant(m_vocab.freshName("t").c_str(), m_z.int_sort());
            facts.push_back(t >= 0);
            facts.push_back(t < a.hi - a.lo);
            auto ea = sub.element(a.fn, a.params, a.lo + t);
            auto eb = sub.element(b.fn, b.params, b.lo + t);
            if (!ea || !eb) return false;
            const auto& [incA, va] = *ea;
            const auto& [incB, vb] = *eb;
            if (!z3::eq(va.v.get_sort(), vb.v.get_sort())) return false;
            facts.push_back(mkNot(mkAnd(incA == incB, mkImplies(incA, va.v == vb.v))));
            if (!instantiateReductionLaws(sub, facts)) return false;
            if (depth + 1 < kMaxLemmaDepth) add(sub, q, facts, depth + 1);
            AxiomInstantiator axioms(sub);
            if (!axioms.run(facts)) return false;
            for (const z3::expr& f : sub.sideFacts()) facts.push_back(f);
            SolverSession s(m_z, SolverConfig{m_timeLeft(std::min<unsigned>(kLemmaTimeoutMs, static_cast<unsigned>(m_opts.queryTimeout.count()))),
                                              m_opts.seed, m_opts.cancel});
            s.add(facts);
            return s.check().result == SolverResult::Unsat;
        } catch (const z3::exception&) {
            return false;
        }
    }

    ir::Context& m_ctx;
    z3::context& m_z;
    Vocabulary& m_vocab;
    ReductionTable& m_table;
    EncodeOptions m_eo;
    const CheckOptions& m_opts;
    std::function<unsigned(unsigned)> m_timeLeft;
};

} // namespace

QueryRunner::QueryRunner(z3::context& z, const CheckOptions& options, util::Deadline deadline, int& fileCounter)
    : m_z(z), m_opts(options), m_deadline(deadline), m_fileCounter(fileCounter) {}

unsigned QueryRunner::timeLeft(unsigned cap) const {
    long long left = m_deadline.remainingMs();
    return static_cast<unsigned>(std::max<long long>(1, std::min<long long>(cap, left)));
}

std::string QueryRunner::smtFile(const std::string& name, const std::string& label) {
    if (m_opts.smtDir.empty()) return {};
    std::error_code ec;
    std::filesystem::create_directories(m_opts.smtDir, ec);
    std::string file = sanitize(name) + "-" + std::to_string(++m_fileCounter) + "-" + sanitize(label) + ".smt2";
    return (std::filesystem::path(m_opts.smtDir) / file).string();
}

RunResult QueryRunner::run(ir::Context& ctx, const EquivalenceQuery& q, const EquivalenceQuery& original,
                           const std::map<std::string, std::int64_t>& fixed, const std::string& label) {
    RunResult out;
    out.record.label = label;
    auto failed = [&](const std::string& why) {
        out.encodingFailed = true;
        out.result = SolverResult::Unknown;
        out.record.result = SolverResult::Unknown;
        out.record.detail = why;
        return out;
    };
    try {
        Vocabulary vocab(m_z);
        ReductionTable table;
        EncodeOptions eo{true, true, m_opts.maxUnroll, m_opts.exactLogConstants};
        Encoder enc(ctx, vocab, table, eo);
        Facts facts;
        if (auto b = encodeBase(enc, q, facts); !b) return failed(b.error().message);
        auto l = enc.encode(q.lhs);
        if (!l) return failed(l.error().message);
        auto r = enc.encode(q.rhs);
        if (!r) return failed(r.error().message);
        facts.push_back(mkNot(sidesEqual(*l, *r)));
        out.usedSymbolicReductions = !enc.reductionApps().empty();
        if (auto laws = instantiateReductionLaws(enc, facts); !laws) return failed(laws.error().message);
        int lemmas = 0;
        if (m_opts.reductionLemmas) {
            Lemmas lm(ctx, m_z, vocab, table, eo, m_opts, [this](unsigned cap) { return timeLeft(cap); });
            lemmas = lm.add(enc, q, facts, 0);
        }
        AxiomInstantiator axioms(enc);
        Facts pairFacts;
        auto ax = axioms.run(facts, &pairFacts);
        if (!ax) return failed(ax.error().message);
        for (const z3::expr& f : enc.sideFacts()) facts.push_back(f);
        out.notes = enc.notes();
        out.usedUndef = enc.usedUndef();
        out.usedMath = !enc.mathApps().empty();
        if (m_opts.cancel.cancelled()) {
            out.result = out.record.result = SolverResult::Cancelled;
            return out;
        }
        if (m_deadline.expired()) {
            out.result = out.record.result = SolverResult::Timeout;
            out.record.detail = "the check's time budget ran out";
            return out;
        }
        std::string file = smtFile(q.name, label);
        if (!file.empty()) {
            Facts all = facts;
            all.insert(all.end(), pairFacts.begin(), pairFacts.end());
            SolverSession::writeSmtFile(m_z, all, m_opts.seed, file);
        }
        const unsigned budget = timeLeft(static_cast<unsigned>(m_opts.queryTimeout.count()));
        SolverSession s(m_z, SolverConfig{budget, m_opts.seed, m_opts.cancel});
        s.add(facts);
        // First without the pair axioms: an unsat answer is a proof all the same.
        SolverOutcome o;
        auto start = std::chrono::steady_clock::now();
        if (!pairFacts.empty()) o = s.check(std::max(1u, budget / 4));
        if (pairFacts.empty() || (o.result != SolverResult::Unsat && o.result != SolverResult::Cancelled)) {
            double first = o.millis;
            s.add(pairFacts);
            auto used = static_cast<unsigned>(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            o = s.check(timeLeft(budget > used ? budget - used : 1));
            o.millis += first;
        }
        out.result = out.record.result = o.result;
        out.record.millis = o.millis;
        out.record.detail = o.reason;
        if (lemmas > 0) out.record.detail += (out.record.detail.empty() ? "" : "; ") + std::to_string(lemmas) + " reduction lemma(s)";
        if (ax->pairsCapped) out.record.detail += (out.record.detail.empty() ? "" : "; ") + std::string("pair axioms capped");
        out.record.smtFile = file;
        if (o.result == SolverResult::Sat) {
            // Prefer small sizes and indices: readable, and cheap to re-evaluate.
            z3::expr small = m_z.bool_val(true);
            auto bound = [&](const z3::expr& c) {
                if (c.is_int()) small = small && c >= m_z.int_val(-kSmallModelBound) && c <= m_z.int_val(kSmallModelBound);
            };
            for (const auto& [node, c] : vocab.vars()) bound(c);
            for (const auto& [name, entry] : vocab.syms()) bound(entry.second);
            s.preferModel(small, timeLeft(kSmallModelTimeoutMs));
            out.confirmation = confirmCounterexample(ctx, original, vocab, s.model(), fixed);
        }
    } catch (const z3::exception& ex) {
        return failed(std::string("solver error: ") + ex.msg());
    }
    return out;
}

} // namespace tlift::verify::smt
