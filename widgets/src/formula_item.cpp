#include "tlift/widgets/formula_item.h"

#include <QJsonArray>

namespace tlift::widgets {

QString verdictKindName(VerdictKind kind) {
    switch (kind) {
    case VerdictKind::None: return {};
    case VerdictKind::Proved: return QStringLiteral("proved");
    case VerdictKind::ProvedUpTo: return QStringLiteral("proved_up_to");
    case VerdictKind::Tested: return QStringLiteral("tested");
    case VerdictKind::Refuted: return QStringLiteral("refuted");
    case VerdictKind::Unknown: return QStringLiteral("unknown");
    case VerdictKind::Timeout: return QStringLiteral("timeout");
    case VerdictKind::Cancelled: return QStringLiteral("cancelled");
    case VerdictKind::Error: return QStringLiteral("error");
    }
    return {};
}

QJsonObject FormulaItem::toJson() const {
    QJsonObject o;
    o[QStringLiteral("title")] = title;
    o[QStringLiteral("latex")] = latex;
    o[QStringLiteral("verdict")] = verdictKindName(verdict);
    o[QStringLiteral("verdictText")] = verdictText;
    o[QStringLiteral("notes")] = QJsonArray::fromStringList(notes);
    o[QStringLiteral("mode")] = mode;
    o[QStringLiteral("detail")] = detail;
    o[QStringLiteral("counterexample")] = counterexample;
    QJsonArray forms;
    for (const FormulaForm& f : this->forms)
        forms.append(QJsonObject{{QStringLiteral("label"), f.label}, {QStringLiteral("latex"), f.latex}});
    o[QStringLiteral("forms")] = forms;
    o[QStringLiteral("context")] = QJsonArray::fromStringList(context);
    o[QStringLiteral("checks")] = QJsonArray::fromStringList(checks);
    QJsonArray steps;
    for (const DerivationRow& d : derivation)
        steps.append(QJsonObject{{QStringLiteral("rule"), d.rule},
                                 {QStringLiteral("before"), d.beforeLatex},
                                 {QStringLiteral("after"), d.afterLatex}});
    o[QStringLiteral("derivation")] = steps;
    o[QStringLiteral("rules")] = QJsonArray::fromStringList(rules);
    return o;
}

QString latexText(const QString& text) {
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\textbackslash{}"); break;
        case '{': case '}': case '_': case '#': case '$': case '%': case '&':
            out += QLatin1Char('\\');
            out += c;
            break;
        case '^': out += QStringLiteral("\\textasciicircum{}"); break;
        case '~': out += QStringLiteral("\\textasciitilde{}"); break;
        default: out += c;
        }
    }
    return out;
}

} // namespace tlift::widgets
