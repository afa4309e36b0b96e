#pragma once
// The results a job produces, as immutable snapshots: the trace (stage 1), the summaries with
// their verdicts (the lift), and the counters of the search. Everything a CLI, the explorer or a
// report shows comes from here.

#include "tlift/synth/source.h"
#include "tlift/symexec/launch.h"
#include "tlift/symexec/python_exec.h"
#include "tlift/symexec/reindex.h"
#include "tlift/symexec/spec.h"
#include "tlift/synth/normalize.h"
#include "tlift/synth/search_tree.h"
#include "tlift/egraph/simplify_summary.h"
#include "tlift/util/cancel.h"
#include "tlift/verify/verdict.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlift::synth {

struct TraceResult {
    std::shared_ptr<const OpenedSource> source;
    std::string kernel;
    std::shared_ptr<const symexec::Spec> spec;  // owns the IR context of everything below
    symexec::LaunchContext launch;              // after inference from the spec
    std::vector<symexec::ParamGuess> guesses;
    std::size_t configCount = 0;
    std::size_t config = 0;
    util::Diagnostics diagnostics;              // the frontend's and the tracer's
    bool ok() const { return spec && !diagnostics.hasErrors(); }
};

// The status of a summary, as the user reads it.
enum class LiftStatus : std::uint8_t {
    Proved,     // for all sizes allowed by the launch context
    ProvedUpTo, // for every size up to a bound
    Tested,     // agrees with the kernel on the test inputs; not proved
    Refuted,    // a confirmed counterexample
    Unknown,    // not decided; the reason says why
    Timeout,
    Cancelled,
    Failed,     // no summary (unsupported construct, layout not understood, ...)
};
const char* statusName(LiftStatus s);

struct Assumption {
    std::string text;   // "n_cols <= 1024"
    std::string why;    // "the block of 1024 lanes covers dimension 1 (BLOCK_SIZE = 1024)"
    std::string source; // "launch context", "needed for coverage", "finite inputs", ...
    bool proved = false; // discharged from the launch context (then it is a fact, not an assumption)
};

struct DerivationStep {
    std::string rule;
    std::string before, after;   // whole terms, text form
    std::string from, to;        // the changed subterm
    std::string fromLatex, toLatex;
    // The same as terms, so that a report can typeset the whole term with the changed subterm
    // marked (null when the producer only kept the text).
    ir::Expr beforeTerm, afterTerm, fromTerm, toTerm;
};

struct OutputSummary {
    std::string output;                 // tensor name
    std::string param;                  // the kernel's pointer parameter
    int store = -1;
    std::vector<std::string> coords;    // i, j
    std::vector<std::string> shape;     // M, n_cols
    std::string lhs;                    // "out[i, j]"
    ir::Expr raw;                       // re-indexed store value
    ir::Expr summary;                   // after top-down synthesis (index notation)
    ir::Expr simplified;                // after e-graph simplification (maybe tensor-level)
    std::string rawText, summaryText, simplifiedText;
    std::string rawLatex, summaryLatex, simplifiedLatex;
    std::string lhsLatex, simplifiedLhs, simplifiedLhsLatex; // "out" for tensor-level forms
    LiftStatus status = LiftStatus::Failed;
    std::string statusDetail;           // reason, bound, counterexample in words
    verify::Verdict verdict;            // the verifier's verdict (when run)
    std::string mode;                   // "symbolic", "bounded K=4", "tests (6 inputs)"
    std::vector<Assumption> assumptions;
    std::vector<DerivationStep> derivation;
    std::vector<std::string> rulesUsed; // e-graph rules
    std::shared_ptr<const egraph::SimplifyResult> egraph; // the e-graph run (stats, explanation, graph)
    std::vector<std::pair<std::string, verify::Verdict>> checks; // every proof obligation and its verdict
    std::string floatCheck;             // float32 evaluation vs the kernel: max error
    double maxFloatError = 0.0;
    util::SourceSpan span;              // the store
};

// `--expect 'out = softmax(x, 1)'`: what the user says the kernel computes, checked against it.
struct ExpectationResult {
    std::string text;               // as given
    std::string output;             // the output it names
    LiftStatus status = LiftStatus::Failed; // Proved / ProvedUpTo / Tested / Refuted / Unknown / Failed
    std::string detail;             // why; the counterexample when refuted
    verify::Verdict verdict;        // summary == expectation, for all sizes (when run)
};

struct Timings {
    double parse = 0, trace = 0, synth = 0, test = 0, verify = 0, simplify = 0, total = 0; // milliseconds
};

struct LiftResult {
    std::shared_ptr<const TraceResult> trace;
    std::vector<OutputSummary> outputs;
    std::vector<SearchNode> search;  // the whole search tree
    Counters counters;
    util::StopReason stop = util::StopReason::Completed;
    util::Diagnostics diagnostics;
    std::vector<std::string> notes;        // harness rejections, config comparisons, ...
    std::vector<std::pair<std::string, verify::Verdict>> checks; // kernel-level checks (memory safety of the loads)
    Timings timings;
    std::uint64_t seed = 1;
    std::string command;                   // the CLI command that reproduces it
    std::optional<ExpectationResult> expectation; // with LiftOptions::expect
    LiftStatus overall() const;                // the weakest status of the outputs
};

} // namespace tlift::synth
