#pragma once
// Colours Python / Triton source in a QTextDocument with the tokens of PythonLexer.

#include "tlift/widgets/python_lexer.h"
#include "tlift/widgets/theme.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace tlift::widgets {

class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument* document, const CodeColors& colors);
    void setColors(const CodeColors& colors); // re-highlights the document
    QTextCharFormat formatFor(TokenKind kind) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    std::array<QTextCharFormat, kTokenKindCount> m_formats;
};

} // namespace tlift::widgets
