#pragma once
// What a pane shows while it has nothing to show: a title and a sentence or two saying what
// will appear there and what it is waiting for.

#include <QWidget>

class QLabel;

namespace tlift::widgets {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString& title, const QString& text, QWidget* parent = nullptr);
    void setText(const QString& title, const QString& text);
    QString title() const;
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    QLabel* m_title;
    QLabel* m_text;
};

} // namespace tlift::widgets
