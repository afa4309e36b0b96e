#pragma once
// One formula for the formula pane: a title, its LaTeX, the verdict on it and what it rests on.
// Subterms linked to other panes are marked in the LaTeX with \htmlData{id=...}{...}.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tlift::widgets {

enum class VerdictKind { None, Proved, ProvedUpTo, Tested, Refuted, Unknown, Timeout, Cancelled, Error };
QString verdictKindName(VerdictKind kind); // "proved", "proved_up_to", ...; "" for None

struct FormulaItem {
    QString title;
    QString latex;
    VerdictKind verdict = VerdictKind::None;
    QString verdictText; // e.g. "proved for all sizes", "refuted: n_cols = 3"
    QStringList notes;   // assumptions the verdict rests on, one per entry

    QJsonObject toJson() const;
};

} // namespace tlift::widgets
