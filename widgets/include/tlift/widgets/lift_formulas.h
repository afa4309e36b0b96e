#pragma once
// What the formula pane shows of a lift: one card per output tensor with its simplified summary
// (and the index form and the re-indexed store below it), the verdict as a badge, the mode, the
// assumptions, the counterexample, the derivation, the e-graph rules and the proof obligations.
// Everything comes from the engine's LiftResult; nothing is made up here.

#include "tlift/widgets/formula_item.h"
#include "tlift/widgets/job_bridge.h"

namespace tlift::widgets {

VerdictKind verdictKindOf(synth::LiftStatus status);
// The badge's words: "proved", "proved up to K = 4", "tested (not proved)", "refuted", "failed".
QString verdictLabel(const synth::OutputSummary& output);
FormulaItem formulaItemFrom(const synth::OutputSummary& output);
QVector<FormulaItem> formulaItemsFrom(const synth::LiftResult& result);
// The counterexample in words (the sizes, the indices, the two sides' values).
QString counterexampleText(const verify::Counterexample& cx);

} // namespace tlift::widgets
