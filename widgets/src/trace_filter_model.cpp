#include "tlift/widgets/trace_filter_model.h"

#include "tlift/widgets/trace_model.h"

namespace tlift::widgets {

TraceFilterModel::TraceFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {}

void TraceFilterModel::setKind(std::optional<int> kind) {
    if (kind == m_kind) return;
    m_kind = kind;
    invalidateRowsFilter();
}

void TraceFilterModel::setText(const QString& text) {
    if (text == m_text) return;
    m_text = text;
    invalidateRowsFilter();
}

bool TraceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    auto* trace = qobject_cast<const TraceModel*>(sourceModel());
    if (!trace || sourceParent.isValid()) return true;
    const symexec::TraceStep* s = trace->step(sourceRow);
    if (!s) return false;
    if (m_kind && static_cast<int>(s->kind) != *m_kind) return false;
    if (m_text.isEmpty()) return true;
    const auto has = [this](const QString& t) { return t.contains(m_text, Qt::CaseInsensitive); };
    return has(QString::fromStdString(s->target)) || has(QString::fromStdString(s->description)) ||
           has(trace->index(sourceRow, TraceModel::ValueColumn).data().toString());
}

} // namespace tlift::widgets
