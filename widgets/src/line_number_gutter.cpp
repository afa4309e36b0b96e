#include "line_number_gutter.h"

#include "tlift/widgets/source_view.h"

#include <QMouseEvent>

namespace tlift::widgets {

LineNumberGutter::LineNumberGutter(SourceView* view) : QWidget(view), m_view(view) {
    setCursor(Qt::PointingHandCursor);
}

QSize LineNumberGutter::sizeHint() const { return {m_view->gutterWidth(), 0}; }

void LineNumberGutter::paintEvent(QPaintEvent* event) { m_view->paintGutter(event); }

void LineNumberGutter::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) m_view->gutterClicked(event->position().toPoint().y());
}

// The press did the work; taking the release keeps it from reaching the text behind.
void LineNumberGutter::mouseReleaseEvent(QMouseEvent* event) { event->accept(); }

} // namespace tlift::widgets
