#include "tlift/widgets/empty_state.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace tlift::widgets {

EmptyState::EmptyState(const QString& title, const QString& text, QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new QLabel(this)) {
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(6);
    layout->addStretch(2);
    for (QLabel* label : {m_title, m_text}) {
        label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        layout->addWidget(label);
    }
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    m_title->setFont(f);
    m_text->setMaximumWidth(520);
    layout->setAlignment(m_text, Qt::AlignHCenter);
    layout->addStretch(3);
    setText(title, text);
    updateColors();
}

void EmptyState::setText(const QString& title, const QString& text) {
    m_title->setText(title);
    m_text->setText(text);
}

QString EmptyState::title() const { return m_title->text(); }
QString EmptyState::text() const { return m_text->text(); }

void EmptyState::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) updateColors();
}

void EmptyState::updateColors() {
    QPalette p = m_text->palette();
    p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_text->setPalette(p);
}

} // namespace tlift::widgets
