#include "tlift/widgets/python_highlighter.h"

namespace tlift::widgets {

PythonHighlighter::PythonHighlighter(QTextDocument* document, const CodeColors& colors)
    : QSyntaxHighlighter(document) {
    setColors(colors);
}

void PythonHighlighter::setColors(const CodeColors& colors) {
    auto make = [](const QColor& color, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold) f.setFontWeight(QFont::DemiBold);
        f.setFontItalic(italic);
        return f;
    };
    m_formats[int(TokenKind::Keyword)] = make(colors.keyword, true);
    m_formats[int(TokenKind::Builtin)] = make(colors.builtin);
    m_formats[int(TokenKind::Triton)] = make(colors.triton);
    m_formats[int(TokenKind::Decorator)] = make(colors.decorator);
    m_formats[int(TokenKind::Definition)] = make(colors.definition, true);
    m_formats[int(TokenKind::Number)] = make(colors.number);
    m_formats[int(TokenKind::String)] = make(colors.string);
    m_formats[int(TokenKind::Comment)] = make(colors.comment, false, true);
    rehighlight();
}

QTextCharFormat PythonHighlighter::formatFor(TokenKind kind) const {
    return m_formats[static_cast<int>(kind)];
}

void PythonHighlighter::highlightBlock(const QString& text) {
    const LexedLine lexed = PythonLexer::lexLine(text, std::max(0, previousBlockState()));
    for (const Token& t : lexed.tokens) setFormat(t.start, t.length, formatFor(t.kind));
    setCurrentBlockState(lexed.stateOut);
}

} // namespace tlift::widgets
