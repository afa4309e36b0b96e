#include "tlift/widgets/source_view.h"

#include "line_number_gutter.h"
#include "tlift/widgets/python_highlighter.h"

#include <QApplication>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

namespace tlift::widgets {
namespace {

constexpr int kGutterPadLeft = 10;
constexpr int kGutterPadRight = 10;
constexpr int kMarkerWidth = 3;

int digitCount(int n) {
    int d = 1;
    while (n >= 10) n /= 10, ++d;
    return d;
}

} // namespace

SourceView::SourceView(QWidget* parent)
    : QPlainTextEdit(parent), m_gutter(new LineNumberGutter(this)) {
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setAcceptDrops(false); // files dropped here go to the window, which opens them
    setFrameShape(QFrame::NoFrame);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceView::updateGutterGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceView::updateGutterArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        updateExtraSelections();
        m_gutter->update();
        const QTextCursor c = textCursor();
        emit cursorMoved(c.blockNumber() + 1, c.positionInBlock() + 1);
    });
    setCodeColors(Theme::light().code);
    setCodeFontSize(font().pointSize() > 0 ? font().pointSize() : 10);
}

SourceView::~SourceView() = default;

SourceView::Language SourceView::languageForFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("py") || suffix == QLatin1String("pyi") ? Language::Python
                                                                            : Language::Plain;
}

void SourceView::setSource(const QString& text, Language language) {
    m_language = language;
    if (language == Language::Python && !m_highlighter) {
        m_highlighter = new PythonHighlighter(document(), m_colors);
    } else if (language != Language::Python && m_highlighter) {
        delete m_highlighter;
        m_highlighter = nullptr;
    }
    m_highlights.clear();
    setPlainText(text); // re-highlights through the document
    moveCursor(QTextCursor::Start);
    updateExtraSelections();
}

int SourceView::lineCount() const { return document()->blockCount(); }

int SourceView::currentLine() const { return textCursor().blockNumber() + 1; }

void SourceView::setHighlights(const QVector<LineRange>& ranges, const QColor& color) {
    m_highlights.clear();
    for (const LineRange& r : ranges)
        if (r.valid()) m_highlights.push_back(r);
    m_highlightColor = color;
    updateExtraSelections();
    m_gutter->update();
}

void SourceView::clearHighlights() { setHighlights({}, QColor()); }

QTextCursor SourceView::cursorAt(int line, int col) const {
    const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid()) {
        QTextCursor end(document());
        end.movePosition(QTextCursor::End);
        return end;
    }
    QTextCursor c(block);
    c.setPosition(block.position() + std::clamp(col - 1, 0, block.length() - 1));
    return c;
}

void SourceView::scrollToRange(const LineRange& range) {
    if (!range.valid()) return;
    setTextCursor(cursorAt(range.line, std::max(1, range.col)));
    centerCursor();
}

void SourceView::setCodeColors(const CodeColors& colors) {
    m_colors = colors;
    QPalette p = palette();
    p.setColor(QPalette::Base, colors.background);
    p.setColor(QPalette::Text, colors.text);
    setPalette(p);
    if (m_highlighter) m_highlighter->setColors(colors);
    updateExtraSelections();
    m_gutter->update();
}

void SourceView::setCodeFontSize(int pointSize) {
    QFont f = font();
    f.setPointSize(std::clamp(pointSize, 6, 48));
    setFont(f);
    setTabStopDistance(4 * QFontMetricsF(f).horizontalAdvance(QLatin1Char(' ')));
    updateGutterGeometry();
}

int SourceView::gutterWidth() const {
    const int digits = std::max(2, digitCount(lineCount()));
    return kGutterPadLeft + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits +
           kGutterPadRight + kMarkerWidth;
}

void SourceView::updateGutterGeometry() {
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(cr.left(), cr.top(), gutterWidth(), cr.height());
}

void SourceView::updateGutterArea(const QRect& rect, int dy) {
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect())) updateGutterGeometry();
}

void SourceView::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
}

void SourceView::changeEvent(QEvent* event) {
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange) updateGutterGeometry();
}

void SourceView::updateExtraSelections() {
    QList<QTextEdit::ExtraSelection> selections;
    auto lineSelection = [this](int line, const QColor& color) {
        QTextEdit::ExtraSelection s;
        s.format.setBackground(color);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = cursorAt(line, 1);
        return s;
    };
    selections.push_back(lineSelection(currentLine(), m_colors.currentLine));
    for (const LineRange& r : m_highlights) {
        if (r.coversWholeLines()) {
            for (int line = r.line; line <= r.endLine && line <= lineCount(); ++line)
                selections.push_back(lineSelection(line, m_highlightColor));
            continue;
        }
        QTextEdit::ExtraSelection s;
        s.format.setBackground(m_highlightColor);
        s.cursor = cursorAt(r.line, r.col);
        s.cursor.setPosition(cursorAt(r.endLine, r.endCol).position(), QTextCursor::KeepAnchor);
        selections.push_back(s);
    }
    setExtraSelections(selections);
}

void SourceView::paintGutter(QPaintEvent* event) {
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colors.gutterBackground);
    painter.setFont(font());
    const int width = m_gutter->width();
    const int current = currentLine();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int line = block.blockNumber() + 1;
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool linked = std::any_of(m_highlights.begin(), m_highlights.end(),
                                            [line](const LineRange& r) { return r.containsLine(line); });
            if (linked)
                painter.fillRect(width - kMarkerWidth, top, kMarkerWidth, height,
                                 m_highlightColor.darker(130));
            painter.setPen(line == current ? m_colors.gutterCurrent : m_colors.gutterText);
            painter.drawText(0, top, width - kGutterPadRight - kMarkerWidth, height,
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        top += height;
        block = block.next();
    }
}

int SourceView::lineAtY(int y) const {
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (y >= top && y < bottom) return block.blockNumber() + 1;
        top = bottom;
        block = block.next();
    }
    return 0;
}

void SourceView::gutterClicked(int y) {
    const int line = lineAtY(y);
    if (line <= 0) return;
    setTextCursor(cursorAt(line, 1));
    emit lineActivated(line);
}

void SourceView::mousePressEvent(QMouseEvent* event) {
    m_pressPos = event->position().toPoint();
    QPlainTextEdit::mousePressEvent(event);
}

void SourceView::mouseReleaseEvent(QMouseEvent* event) {
    QPlainTextEdit::mouseReleaseEvent(event);
    const bool isClick = (event->position().toPoint() - m_pressPos).manhattanLength() <
                         QApplication::startDragDistance();
    if (event->button() == Qt::LeftButton && isClick && !textCursor().hasSelection())
        emit lineActivated(currentLine());
}

void SourceView::keyPressEvent(QKeyEvent* event) {
    const bool alt = event->modifiers() == Qt::AltModifier;
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit lineActivated(currentLine());
        return event->accept();
    }
    if (alt && (event->key() == Qt::Key_Down || event->key() == Qt::Key_Up)) {
        jumpToHighlight(event->key() == Qt::Key_Down ? 1 : -1);
        return event->accept();
    }
    QPlainTextEdit::keyPressEvent(event);
}

void SourceView::jumpToHighlight(int direction) {
    const int here = currentLine();
    const LineRange* best = nullptr;
    for (const LineRange& r : m_highlights) {
        const bool ahead = direction > 0 ? r.line > here : r.line < here;
        if (ahead && (!best || (direction > 0 ? r.line < best->line : r.line > best->line)))
            best = &r;
    }
    if (best) scrollToRange(*best);
}

bool SourceView::viewportEvent(QEvent* event) {
    if (event->type() != QEvent::ToolTip || !m_toolTipProvider)
        return QPlainTextEdit::viewportEvent(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const QTextCursor c = cursorForPosition(help->pos());
    // cursorForPosition snaps to the nearest character; past the end of a line there is none.
    const bool onText = std::abs(cursorRect(c).center().x() - help->pos().x()) <=
                        fontMetrics().averageCharWidth();
    const QString tip =
        onText ? m_toolTipProvider(c.blockNumber() + 1, c.positionInBlock() + 1) : QString();
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), tip, viewport());
    return true;
}

} // namespace tlift::widgets
