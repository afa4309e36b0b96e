#include "tlift/widgets/span_mapper.h"

namespace tlift::widgets {

SpanMapper::SpanMapper(std::shared_ptr<const synth::OpenedSource> source) : m_source(std::move(source)) {
    if (m_source && m_source->sm && m_source->file != util::kNoFile)
        m_text = QString::fromUtf8(m_source->sm->text(m_source->file));
}

LineRange SpanMapper::range(const util::SourceSpan& span) const {
    if (!m_source || !span.valid() || span.file != m_source->file) return {};
    return toLineRange(span, m_text);
}

QString SpanMapper::path(const util::SourceSpan& span) const {
    if (!m_source || !m_source->sm || span.file == util::kNoFile) return {};
    return QString::fromStdString(std::string(m_source->sm->path(span.file)));
}

} // namespace tlift::widgets
