#pragma once
// Verdicts as data. A verification never throws at its caller: every outcome, including "the
// solver gave up" and "this formula cannot be encoded", is a Verdict with a status and the
// details a reader needs (the bound of a bounded proof, a confirmed counterexample, a reason).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::verify {

enum class Status : std::uint8_t {
    Proved,     // holds for all values of the quantified variables and symbols
    ProvedUpTo, // holds for every size symbol <= bound (checked exhaustively); unbounded unknown
    Refuted,    // a counterexample, re-evaluated concretely and confirmed
    Unknown,    // neither proved nor refuted; `reason` says why
    Timeout,    // the time budget ran out before a verdict
    Cancelled,  // the caller cancelled
};

// The answer to one solver query: is the negation of the goal satisfiable?
enum class SolverResult : std::uint8_t { Sat, Unsat, Unknown, Timeout, Cancelled };

std::string_view statusName(Status s);
std::string_view solverResultName(SolverResult r);

// A concrete tensor as used by a counterexample (row-major data).
struct TensorSample {
    std::string name;
    std::string dtype; // IR dtype name ("f32", "i32", ...)
    std::vector<std::int64_t> shape;
    std::vector<double> data;
};

// A value of one side of the equivalence: a number, or undefined (a masked-off load).
struct SideValue {
    double value = 0.0;
    bool undef = false;
};

// An input on which the two sides differ, confirmed by the concrete evaluator.
struct Counterexample {
    struct Binding {
        std::string name;
        std::string dtype;
        double value = 0.0;
    };
    std::vector<Binding> vars;         // free index variables (integer values)
    std::vector<Binding> syms;         // scalar symbols: sizes, kernel scalars
    std::vector<TensorSample> tensors; // every tensor the two sides read
    SideValue lhs;
    SideValue rhs;
    std::string note; // how it was found (symbolic query, bounded sizes, ...)
};

// One solver query behind a verdict (for the report, the trace and the benchmarks).
struct QueryRecord {
    std::string label;   // "symbolic", "bounded M=2 N=3", "lemma ...", ...
    SolverResult result = SolverResult::Unknown;
    double millis = 0.0;
    std::string smtFile; // the SMT-LIB 2 file of the query, when emission is on
    std::string detail;  // the solver's reason for unknown, or why it was not run
};

struct Verdict {
    Status status = Status::Unknown;
    int bound = 0;                                // ProvedUpTo: the sizes checked go up to this
    std::optional<Counterexample> counterexample; // Refuted
    std::string reason;                           // Unknown / Timeout / Cancelled, and notes
    // What the verdict rests on beyond the formulas themselves ("floats read as reals",
    // "integer arithmetic does not overflow", ...), in words for the report.
    std::vector<std::string> assumptions;
    std::vector<QueryRecord> queries;

    bool proved() const { return status == Status::Proved; }
    bool refuted() const { return status == Status::Refuted; }
};

// A short human-readable account: status, bound, reason, counterexample, assumptions.
std::string describe(const Verdict& v);
std::string describe(const Counterexample& c);

} // namespace tlift::verify
