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
    return o;
}

} // namespace tlift::widgets
