#include "tlift/widgets/diagnostics_view.h"

#include <QHeaderView>
#include <QPainter>

namespace tlift::widgets {

DiagnosticsView::DiagnosticsView(QWidget* parent)
    : QTreeView(parent), m_model(new DiagnosticsModel(this)),
      m_emptyText(tr("No diagnostics.")) {
    setModel(m_model);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(false);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(DiagnosticsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(DiagnosticsModel::LocationColumn, QHeaderView::ResizeToContents);
    connect(this, &QTreeView::activated, this, &DiagnosticsView::onActivated);
}

void DiagnosticsView::setEmptyText(const QString& text) {
    m_emptyText = text;
    viewport()->update();
}

void DiagnosticsView::onActivated(const QModelIndex& index) {
    const DiagnosticItem* d = m_model->itemAt(index);
    if (d && !d->file.isEmpty() && d->line > 0) emit locationActivated(d->file, d->line, d->col);
}

void DiagnosticsView::paintEvent(QPaintEvent* event) {
    QTreeView::paintEvent(event);
    if (m_model->rowCount() > 0 || m_emptyText.isEmpty()) return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_emptyText);
}

} // namespace tlift::widgets
