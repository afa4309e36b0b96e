#pragma once
// The line-number strip at the left of a SourceView; SourceView paints it.

#include <QWidget>

namespace tlift::widgets {

class SourceView;

class LineNumberGutter : public QWidget {
    Q_OBJECT
public:
    explicit LineNumberGutter(SourceView* view);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    SourceView* m_view;
};

} // namespace tlift::widgets
