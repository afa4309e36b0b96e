#pragma once
// The encoder of IR expressions into Z3 (docs/verify.md, "Encoding"). Floats are extended reals
// (ext_term.h), integer types are mathematical integers, i1 is Bool. Math functions are
// uninterpreted functions (their axioms are added later at the ground terms recorded here);
// reductions are unrolled when their range is concrete or bounded, and otherwise become
// applications of one uninterpreted function per distinct reduction (their laws likewise).
//
// Variables can be bound to Z3 terms: a reduction law speaks about the body at a point, a
// lemma about the body at an offset.

#include "ext_term.h"
#include "interval.h"
#include "vocabulary.h"

#include "tlift/ir/context.h"
#include "tlift/util/result.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace tlift::verify::smt {

struct EncodeOptions {
    bool unroll = true;             // unroll reductions whose range is concrete or bounded
    bool symbolicReductions = true; // otherwise encode them as recursive functions
    int maxUnroll = 1024;           // elements unrolled per query, all reductions together
    bool exactLogConstants = true;  // read constants close to ln 2 and log2(e) as those numbers
};

// One distinct reduction (kind, bound variable, guard, body; its other free variables are the
// parameters) as uninterpreted functions of (parameters..., lo, hi). Shared by all encoders of a
// check, so that lemmas proved by a sub-query are about the same functions.
struct ReductionFn {
    ir::ReduceKind kind;
    ir::Expr var, guard, body;
    std::vector<ir::Expr> params;
    z3::func_decl value;
    // "some element is included": max, min, argmax, argmin whose inclusion is not just lo < hi.
    std::optional<z3::func_decl> nonempty;
    bool bodyMayBeInfinite = false;
    int companionMax = -1; // argmax/argmin: the max/min function over the same elements
};

struct ReductionApp {
    int fn;
    std::vector<z3::expr> params;
    z3::expr lo, hi;
    z3::expr value;
    int round;
};

struct MathApp {
    ir::Op op;
    std::vector<z3::expr> args;
    z3::expr app;
    int round;
};

// Shared by the encoders of one check.
class ReductionTable {
public:
    int find(ir::ReduceKind kind, ir::Expr var, ir::Expr guard, ir::Expr body) const;
    int add(ReductionFn fn);
    ReductionFn& at(int i) { return m_fns.at(static_cast<std::size_t>(i)); }
    std::size_t size() const { return m_fns.size(); }

private:
    std::vector<ReductionFn> m_fns;
    std::map<std::tuple<int, const ir::Node*, const ir::Node*, const ir::Node*>, int> m_index;
};

class Encoder {
public:
    Encoder(ir::Context& ctx, Vocabulary& vocab, ReductionTable& reductions, EncodeOptions options);

    util::Result<Term> encode(ir::Expr e);
    util::Result<z3::expr> encodeBool(ir::Expr e);

    // Binds a variable to a term (innermost binding wins) with, optionally, its range.
    void bind(ir::Expr var, const z3::expr& value, std::optional<Interval> range = std::nullopt);
    void unbind(ir::Expr var);
    // The range of a free variable, used to bound reductions for unrolling.
    void setRange(ir::Expr var, Interval range);

    // Ground terms created so far, tagged with the round that was current.
    void setRound(int r) { m_round = r; }
    int round() const { return m_round; }
    const std::vector<MathApp>& mathApps() const { return m_math; }
    const std::vector<ReductionApp>& reductionApps() const { return m_reds; }
    ReductionTable& reductions() { return m_table; }
    Vocabulary& vocab() { return m_vocab; }
    ir::Context& irContext() { return m_ctx; }

    // Facts the encoding relies on, to assert with the query (the bounds of ln 2, ...).
    const std::vector<z3::expr>& sideFacts() const { return m_sideFacts; }
    // Assumptions the encoding made, in words, for the verdict.
    const std::set<std::string>& notes() const { return m_notes; }
    bool usedUndef() const { return m_usedUndef; }

    // The inclusion condition and the value of reduction `fn`'s element at point k, with the
    // parameters bound to `params`: what the laws fold.
    util::Result<std::pair<z3::expr, Term>> element(int fn, const std::vector<z3::expr>& params, const z3::expr& k);
    // An application of reduction `fn` (recorded for the laws) and its "non-empty" condition.
    ReductionApp& apply(int fn, const std::vector<z3::expr>& params, const z3::expr& lo, const z3::expr& hi);
    z3::expr nonempty(int fn, const std::vector<z3::expr>& params, const z3::expr& lo, const z3::expr& hi);

    bool knowsMath(const z3::expr& app) const { return m_mathSeen.count(app.id()) != 0; }
    // The math application f(args), recorded for the axioms.
    z3::expr math(ir::Op op, const z3::expr& a);
    z3::expr math(ir::Op op, const z3::expr& a, const z3::expr& b);

private:
    using TR = util::Result<Term>;
    TR encodeNode(ir::Expr e);
    TR leaf(ir::Expr e);
    TR arith(ir::Expr e);
    TR intArith(ir::Expr e, const z3::expr& a, const z3::expr& b);
    TR floatArith(ir::Expr e, const Term& a, const Term& b);
    TR mathFn(ir::Expr e);
    TR compare(ir::Expr e);
    TR bitwise(ir::Expr e);
    TR cast(ir::Expr e);
    TR reduce(ir::Expr e);
    TR unrolled(ir::Expr e, std::int64_t from, std::int64_t to, bool guardRange, const z3::expr& lo,
                const z3::expr& hi);
    TR symbolic(ir::Expr e, const z3::expr& lo, const z3::expr& hi);
    std::optional<TR> closedForm(ir::Expr e, const z3::expr& lo, const z3::expr& hi);
    TR floatConst(ir::Expr e);
    TR power(ir::Expr e, const Term& base);
    z3::expr exp2Arg(ir::Expr arg, const Term& encoded);
    int reductionFn(ir::Expr e);
    const std::vector<const ir::Node*>& freeVarsOf(ir::Expr e);
    std::optional<Interval> rangeOf(ir::Expr var) const;
    z3::expr fresh(const std::string& base, const z3::sort& s);
    util::Diagnostic unsupported(const std::string& what) const;

    ir::Context& m_ctx;
    Vocabulary& m_vocab;
    z3::context& m_z;
    ReductionTable& m_table;
    EncodeOptions m_opts;
    int m_round = 0;
    int m_unrolled = 0;
    bool m_usedUndef = false;
    std::vector<MathApp> m_math;
    std::set<unsigned> m_mathSeen;
    std::vector<ReductionApp> m_reds;
    std::map<unsigned, std::size_t> m_redIndex;
    std::vector<z3::expr> m_sideFacts;
    std::set<std::string> m_notes;
    struct Bound {
        z3::expr value;
        std::optional<Interval> range;
    };
    std::unordered_map<const ir::Node*, std::vector<Bound>> m_bound;
    std::unordered_map<const ir::Node*, Interval> m_ranges;
    std::unordered_map<const ir::Node*, std::vector<const ir::Node*>> m_free;
    std::map<std::pair<const ir::Node*, std::vector<unsigned>>, Term> m_memo;
    std::map<std::pair<const ir::Node*, std::vector<unsigned>>, z3::expr> m_freshByKey;
    std::vector<unsigned> memoKey(ir::Expr e);
};

} // namespace tlift::verify::smt
