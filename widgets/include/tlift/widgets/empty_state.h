#pragma once
// What a pane shows while it has nothing to show: a title and a sentence or two saying what
// will appear there and what it is waiting for. Painted, not laid out, so that the wrapped text
// keeps its height in any container (a stacked widget does not pass height-for-width on).

#include <QWidget>

namespace tlift::widgets {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString& title, const QString& text, QWidget* parent = nullptr);
    void setText(const QString& title, const QString& text);
    QString title() const { return m_title; }
    QString text() const { return m_text; }
    QSize sizeHint() const override { return {360, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_title;
    QString m_text;
};

} // namespace tlift::widgets
