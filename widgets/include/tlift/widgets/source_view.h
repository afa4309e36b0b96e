#pragma once
// The kernel source, read-only: line numbers, Python / Triton colouring, the current line, and
// ranges linked to a selection in another pane (a trace step, a search node, a subterm) in the
// same colour as there. Clicking a line or pressing Enter on it reports the line.

#include "tlift/widgets/line_range.h"
#include "tlift/widgets/theme.h"

#include <QPlainTextEdit>

#include <functional>

namespace tlift::widgets {

class LineNumberGutter;
class PythonHighlighter;

class SourceView : public QPlainTextEdit {
    Q_OBJECT
public:
    enum class Language { Plain, Python };
    // A tooltip for the text under the mouse; an empty string shows none.
    using ToolTipProvider = std::function<QString(int line, int col)>;

    explicit SourceView(QWidget* parent = nullptr);
    ~SourceView() override;

    static Language languageForFile(const QString& path);
    void setSource(const QString& text, Language language);
    Language language() const { return m_language; }
    int lineCount() const;
    int currentLine() const; // 1-based

    void setHighlights(const QVector<LineRange>& ranges, const QColor& color);
    void clearHighlights();
    const QVector<LineRange>& highlights() const { return m_highlights; }
    QColor highlightColor() const { return m_highlightColor; }
    // Puts the cursor at the start of the range and scrolls it into the middle of the view.
    void scrollToRange(const LineRange& range);

    void setToolTipProvider(ToolTipProvider provider) { m_toolTipProvider = std::move(provider); }
    void setCodeColors(const CodeColors& colors);
    const CodeColors& codeColors() const { return m_colors; }
    void setCodeFontSize(int pointSize);

    int gutterWidth() const;
    PythonHighlighter* highlighter() const { return m_highlighter; }

signals:
    void lineActivated(int line);
    void cursorMoved(int line, int col);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    friend class LineNumberGutter;
    void paintGutter(QPaintEvent* event);
    void gutterClicked(int y);
    int lineAtY(int y) const;
    void updateGutterGeometry();
    void updateGutterArea(const QRect& rect, int dy);
    void updateExtraSelections();
    void jumpToHighlight(int direction);
    QTextCursor cursorAt(int line, int col) const;

    LineNumberGutter* m_gutter;
    PythonHighlighter* m_highlighter = nullptr;
    Language m_language = Language::Plain;
    CodeColors m_colors;
    QVector<LineRange> m_highlights;
    QColor m_highlightColor;
    ToolTipProvider m_toolTipProvider;
    QPoint m_pressPos;
};

} // namespace tlift::widgets
