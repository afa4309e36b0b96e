#include "tlift/widgets/search_filter_model.h"

#include "tlift/widgets/search_tree_model.h"

namespace tlift::widgets {

SearchFilterModel::SearchFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void SearchFilterModel::setHidePruned(bool hide) {
    if (hide == m_hidePruned) return;
    m_hidePruned = hide;
    invalidateRowsFilter();
}

void SearchFilterModel::setText(const QString& text) {
    if (text == m_text) return;
    m_text = text;
    invalidateRowsFilter();
}

bool SearchFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_hidePruned) {
        const auto fate = static_cast<synth::Fate>(index.data(SearchTreeModel::FateRole).toInt());
        if (fate == synth::Fate::PrunedType || fate == synth::Fate::PrunedEquivalent) return false;
    }
    if (m_text.isEmpty()) return true;
    return index.data().toString().contains(m_text, Qt::CaseInsensitive) ||
           index.siblingAtColumn(SearchTreeModel::TermColumn).data().toString().contains(m_text, Qt::CaseInsensitive) ||
           index.data(SearchTreeModel::ReasonRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace tlift::widgets
