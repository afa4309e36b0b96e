#pragma once
// Hides the pruned nodes of the search tree (ill-typed, equivalent to an earlier node) while
// keeping the nodes under them that are not pruned, and filters by text.

#include <QSortFilterProxyModel>

namespace tlift::widgets {

class SearchFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SearchFilterModel(QObject* parent = nullptr);
    void setHidePruned(bool hide);
    bool hidePruned() const { return m_hidePruned; }
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_hidePruned = false;
    QString m_text;
};

} // namespace tlift::widgets
