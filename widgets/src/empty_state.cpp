#include "tlift/widgets/empty_state.h"

#include <QPainter>

namespace tlift::widgets {
namespace {
constexpr int kMargin = 24;
constexpr int kMaxTextWidth = 520;
constexpr int kGap = 8;
} // namespace

EmptyState::EmptyState(const QString& title, const QString& text, QWidget* parent)
    : QWidget(parent), m_title(title), m_text(text) {
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void EmptyState::setText(const QString& title, const QString& text) {
    m_title = title;
    m_text = text;
    update();
}

void EmptyState::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const int width = std::min(kMaxTextWidth, this->width() - 2 * kMargin);
    if (width <= 0) return;
    const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    const QRect box(0, 0, width, 10000);
    const QRect titleRect = QFontMetrics(titleFont).boundingRect(box, flags, m_title);
    const QRect textRect = fontMetrics().boundingRect(box, flags, m_text);
    const int total = titleRect.height() + kGap + textRect.height();
    // A little above the middle, where the eye looks first.
    const int top = std::max(kMargin, (height() - total) * 2 / 5);
    const int left = (this->width() - width) / 2;
    painter.setFont(titleFont);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(left, top, width, titleRect.height()), flags, m_title);
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(left, top + titleRect.height() + kGap, width, textRect.height()), flags,
                     m_text);
}

} // namespace tlift::widgets
