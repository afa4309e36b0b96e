#pragma once
// The diagnostics pane: a DiagnosticsModel in a tree view. Activating a row (double click,
// Enter) reports its location so the source view can go there.

#include "tlift/widgets/diagnostics_model.h"

#include <QTreeView>

namespace tlift::widgets {

class DiagnosticsView : public QTreeView {
    Q_OBJECT
public:
    explicit DiagnosticsView(QWidget* parent = nullptr);
    DiagnosticsModel* diagnosticsModel() const { return m_model; }
    // Shown in the empty view.
    void setEmptyText(const QString& text);

signals:
    void locationActivated(const QString& file, int line, int col);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void onActivated(const QModelIndex& index);

    DiagnosticsModel* m_model;
    QString m_emptyText;
};

} // namespace tlift::widgets
