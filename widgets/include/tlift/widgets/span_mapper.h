#pragma once
// Turns the core's source spans (byte columns, file ids of a SourceManager) into LineRanges of
// the file the source view shows. Spans in other files (an imported helper) map to nothing.

#include "tlift/synth/source.h"
#include "tlift/widgets/line_range.h"

#include <memory>

namespace tlift::widgets {

class SpanMapper {
public:
    SpanMapper() = default;
    explicit SpanMapper(std::shared_ptr<const synth::OpenedSource> source);

    bool valid() const { return m_source != nullptr; }
    // An invalid range when the span is invalid or in another file.
    LineRange range(const util::SourceSpan& span) const;
    // The span's file path (empty when unknown).
    QString path(const util::SourceSpan& span) const;
    const QString& text() const { return m_text; }
    const synth::OpenedSource* source() const { return m_source.get(); }

private:
    std::shared_ptr<const synth::OpenedSource> m_source;
    QString m_text;
};

} // namespace tlift::widgets
