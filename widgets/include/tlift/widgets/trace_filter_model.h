#pragma once
// Filters the trace: by step kind and by text (target, description or lane expression).

#include <QSortFilterProxyModel>

#include <optional>

namespace tlift::widgets {

class TraceFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TraceFilterModel(QObject* parent = nullptr);
    // Only steps of this kind (a symexec::StepKind); nullopt for every kind.
    void setKind(std::optional<int> kind);
    // Case-insensitive text that the target, the description or the expression must contain.
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<int> m_kind;
    QString m_text;
};

} // namespace tlift::widgets
