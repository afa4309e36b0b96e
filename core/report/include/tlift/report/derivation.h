#pragma once
// The derivation of one output as a report shows it (Herbie's step-by-step derivations): from
// the re-indexed store value, through the top-down rewrites that give the summary, through the
// e-graph's explanation, to the simplified form. Every step names its rule and the subterm it
// changed, so the whole term can be typeset with that subterm marked.

#include "tlift/synth/lift_result.h"

#include <string>
#include <vector>

namespace tlift::report {

enum class Stage : std::uint8_t { TopDown, EGraph };
const char* stageName(Stage s);

struct Step {
    Stage stage = Stage::TopDown;
    std::string rule;
    bool reversed = false; // an e-graph rule used from right to left
    ir::Expr after;        // the whole term after the step (null: only text is known)
    ir::Expr from, to;     // the changed subterm, before and after
    std::string afterText, fromText, toText;
    std::string fromLatex, toLatex; // when the producer kept only text and LaTeX of the subterm
};

struct Derivation {
    ir::Expr start; // the re-indexed store value
    std::vector<Step> steps;
    bool egraphTruncated = false; // the explanation hit its limits: the chain is incomplete
};

Derivation derivationOf(const synth::OutputSummary& o);

// How a marked subterm is typeset: the LaTeX before and after it.
struct Marker {
    std::string open;  // e.g. "\\htmlClass{tl-chg}{"
    std::string close; // e.g. "}"
};
// LaTeX of `whole` with every occurrence of `sub` wrapped by the marker (constants are never
// marked: the printer does not track them).
std::string latexMarked(ir::Expr whole, ir::Expr sub, const Marker& m);

} // namespace tlift::report
