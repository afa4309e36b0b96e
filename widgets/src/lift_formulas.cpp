#include "tlift/widgets/lift_formulas.h"

namespace tlift::widgets {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// "lhs = rhs" in LaTeX; empty when the right side is.
QString equation(const std::string& lhs, const std::string& rhs) {
    if (rhs.empty()) return {};
    return lhs.empty() ? qs(rhs) : qs(lhs) + QStringLiteral(" = ") + qs(rhs);
}

QString assumptionText(const synth::Assumption& a) {
    QString text = qs(a.text);
    if (a.proved) text = QObject::tr("%1 (proved)").arg(text);
    QStringList why;
    if (!a.why.empty()) why << qs(a.why);
    if (!a.source.empty() && a.source != a.why) why << qs(a.source);
    if (!why.isEmpty()) text += QStringLiteral(" \u2014 ") + why.join(QStringLiteral("; "));
    return text;
}

} // namespace

VerdictKind verdictKindOf(synth::LiftStatus status) {
    using synth::LiftStatus;
    switch (status) {
    case LiftStatus::Proved: return VerdictKind::Proved;
    case LiftStatus::ProvedUpTo: return VerdictKind::ProvedUpTo;
    case LiftStatus::Tested: return VerdictKind::Tested;
    case LiftStatus::Refuted: return VerdictKind::Refuted;
    case LiftStatus::Unknown: return VerdictKind::Unknown;
    case LiftStatus::Timeout: return VerdictKind::Timeout;
    case LiftStatus::Cancelled: return VerdictKind::Cancelled;
    case LiftStatus::Failed: return VerdictKind::Error;
    }
    return VerdictKind::Error;
}

QString verdictLabel(const synth::OutputSummary& o) {
    using synth::LiftStatus;
    switch (o.status) {
    case LiftStatus::Proved: return QObject::tr("proved");
    case LiftStatus::ProvedUpTo:
        return o.verdict.bound > 0 ? QObject::tr("proved up to K = %1").arg(o.verdict.bound)
                                   : QObject::tr("proved up to a bound");
    case LiftStatus::Tested: return QObject::tr("tested (not proved)");
    case LiftStatus::Refuted: return QObject::tr("refuted");
    case LiftStatus::Unknown: return QObject::tr("unknown");
    case LiftStatus::Timeout: return QObject::tr("timeout");
    case LiftStatus::Cancelled: return QObject::tr("cancelled");
    case LiftStatus::Failed: return QObject::tr("failed");
    }
    return {};
}

QString counterexampleText(const verify::Counterexample& cx) {
    QString text = qs(verify::describe(cx));
    if (!cx.note.empty()) text += QStringLiteral("\n(") + qs(cx.note) + QStringLiteral(")");
    return text;
}

FormulaItem formulaItemFrom(const synth::OutputSummary& o) {
    FormulaItem item;
    item.title = qs(o.output.empty() ? o.param : o.output);
    const bool simplified = o.simplified && !o.simplifiedLatex.empty();
    const QString indexForm = equation(o.lhsLatex, o.summaryLatex);
    const QString raw = equation(o.lhsLatex, o.rawLatex);
    if (simplified) {
        item.latex = equation(o.simplifiedLhsLatex.empty() ? o.lhsLatex : o.simplifiedLhsLatex, o.simplifiedLatex);
        if (!indexForm.isEmpty() && indexForm != item.latex)
            item.forms.push_back({QObject::tr("Summary (index form)"), indexForm});
    } else {
        item.latex = indexForm;
    }
    if (item.latex.isEmpty()) item.latex = raw;
    if (!raw.isEmpty() && raw != item.latex && raw != indexForm)
        item.forms.push_back({QObject::tr("Raw (the store, re-indexed)"), raw});
    if (item.latex.isEmpty())
        item.latex = QStringLiteral("\\text{%1}").arg(latexText(QObject::tr("no summary for %1").arg(item.title)));

    item.verdict = verdictKindOf(o.status);
    item.verdictText = verdictLabel(o);
    item.mode = qs(o.mode);
    QStringList detail;
    if (!o.statusDetail.empty()) detail << qs(o.statusDetail);
    if (!o.floatCheck.empty()) detail << qs(o.floatCheck);
    item.detail = detail.join(QStringLiteral(" \u00b7 "));
    if (o.verdict.counterexample) item.counterexample = counterexampleText(*o.verdict.counterexample);

    for (const synth::Assumption& a : o.assumptions) item.notes << assumptionText(a);
    for (const std::string& a : o.verdict.assumptions) item.notes << qs(a);
    for (const auto& [what, verdict] : o.checks) {
        QString line = QStringLiteral("%1: %2").arg(qs(what), qs(std::string(verify::statusName(verdict.status))));
        if (verdict.status == verify::Status::ProvedUpTo) line += QStringLiteral(" %1").arg(verdict.bound);
        if (!verdict.reason.empty()) line += QStringLiteral(" (%1)").arg(qs(verdict.reason));
        item.checks << line;
    }
    for (const synth::DerivationStep& d : o.derivation)
        item.derivation.push_back({qs(d.rule), qs(d.fromLatex), qs(d.toLatex)});
    for (const std::string& r : o.rulesUsed) item.rules << qs(r);
    return item;
}

QVector<FormulaItem> formulaItemsFrom(const synth::LiftResult& result) {
    QVector<FormulaItem> items;
    for (const synth::OutputSummary& o : result.outputs) items.push_back(formulaItemFrom(o));
    return items;
}

} // namespace tlift::widgets
