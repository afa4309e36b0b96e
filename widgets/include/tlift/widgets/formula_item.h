#pragma once
// One formula for the formula pane: a title, its LaTeX, the verdict on it and what it rests on,
// and, when known, the other forms of the same formula, the derivation that links them, and the
// launch context. Subterms linked to other panes are marked in the LaTeX with
// \htmlData{id=...}{...}.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tlift::widgets {

enum class VerdictKind { None, Proved, ProvedUpTo, Tested, Refuted, Unknown, Timeout, Cancelled, Error };
QString verdictKindName(VerdictKind kind); // "proved", "proved_up_to", ...; "" for None

// Another form of the formula (the index form, the re-indexed store).
struct FormulaForm {
    QString label;
    QString latex;
};

// One rewrite of the derivation: the rule and the subterm before and after it.
struct DerivationRow {
    QString rule;
    QString beforeLatex;
    QString afterLatex;
};

struct FormulaItem {
    QString title;
    QString latex;
    VerdictKind verdict = VerdictKind::None;
    QString verdictText; // e.g. "proved for all sizes", "refuted: n_cols = 3"
    QStringList notes;   // assumptions the verdict rests on, one per entry (inline math in \( \))
    QString mode;        // how the verdict was reached: "symbolic", "bounded K=4", "tests (6 inputs)"
    QString detail;      // the verdict's reason in words
    QString counterexample;           // refuted: the input on which the kernel and formula differ
    QVector<FormulaForm> forms;       // other forms of the same formula
    QStringList context;              // launch-context facts, "fact \u2014 where it came from"
    QStringList checks;               // proof obligations and their verdicts
    QVector<DerivationRow> derivation;
    QStringList rules;                // e-graph rules that the simplification used

    QJsonObject toJson() const;
};

// Plain text for \text{...}: escapes what LaTeX would read as commands.
QString latexText(const QString& text);

} // namespace tlift::widgets
