#pragma once
// A stretch of source text as the source view shows it: 1-based lines and columns, columns in
// QString (UTF-16) units, end column exclusive. A range whose columns are 0 covers whole lines.
// The core counts columns in bytes (util::SourceSpan); toLineRange converts with the text.

#include "tlift/util/source.h"

#include <QString>
#include <QVector>

namespace tlift::widgets {

struct LineRange {
    int line = 0;
    int col = 0;
    int endLine = 0;
    int endCol = 0;

    static LineRange wholeLines(int first, int last) { return {first, 0, last, 0}; }
    static LineRange span(int line, int col, int endLine, int endCol) {
        return {line, col, endLine, endCol};
    }
    bool valid() const { return line > 0 && endLine >= line; }
    bool coversWholeLines() const { return col == 0 && endCol == 0; }
    bool containsLine(int l) const { return valid() && l >= line && l <= endLine; }
    bool operator==(const LineRange&) const = default;
};

// Converts a span of the core (byte columns) into a LineRange over `text` (the whole file).
// Lines past the end are clamped; an invalid span gives an invalid range.
LineRange toLineRange(const util::SourceSpan& span, const QString& text);

} // namespace tlift::widgets
