#include "tlift/widgets/line_range.h"

namespace tlift::widgets {
namespace {

// The text of 1-based line `line`, or an empty view past the end.
QStringView lineOf(const QString& text, int line) {
    qsizetype start = 0;
    for (int l = 1; l < line; ++l) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        if (nl < 0) return {};
        start = nl + 1;
    }
    qsizetype end = text.indexOf(QLatin1Char('\n'), start);
    if (end < 0) end = text.size();
    return QStringView(text).mid(start, end - start);
}

int utf8Length(char32_t cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3;
    return 4;
}

// Maps a 1-based byte column of `line` to a 1-based UTF-16 column (clamped to the line end + 1).
int utf16Column(QStringView line, std::uint32_t byteCol) {
    if (byteCol <= 1) return 1;
    std::uint32_t bytes = 0;
    qsizetype i = 0;
    while (i < line.size() && bytes + 1 < byteCol) {
        char32_t cp = line[i].unicode();
        qsizetype units = 1;
        if (line[i].isHighSurrogate() && i + 1 < line.size() && line[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(line[i], line[i + 1]);
            units = 2;
        }
        bytes += static_cast<std::uint32_t>(utf8Length(cp));
        i += units;
    }
    return static_cast<int>(i) + 1;
}

} // namespace

LineRange toLineRange(const util::SourceSpan& span, const QString& text) {
    if (!span.valid()) return {};
    const int lineCount = static_cast<int>(text.count(QLatin1Char('\n'))) + 1;
    const int line = std::min<int>(static_cast<int>(span.line), lineCount);
    int endLine = span.endLine >= span.line ? static_cast<int>(span.endLine) : line;
    endLine = std::min(endLine, lineCount);
    if (span.col == 0) return LineRange::wholeLines(line, endLine);
    const int col = utf16Column(lineOf(text, line), span.col);
    const std::uint32_t endByte = span.endCol == 0 ? span.col : span.endCol;
    int endCol = utf16Column(lineOf(text, endLine), endByte);
    if (endLine == line && endCol < col) endCol = col;
    return LineRange::span(line, col, endLine, endCol);
}

} // namespace tlift::widgets
