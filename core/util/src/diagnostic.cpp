#include "tlift/util/diagnostic.h"

#include <algorithm>

namespace tlift::util {

const char* severityName(Severity s) {
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
    }
    return "error";
}

Diagnostic Diagnostic::error(std::string category, std::string message, SourceSpan span) {
    return Diagnostic{Severity::Error, std::move(category), std::move(message), span, {}};
}
Diagnostic Diagnostic::warning(std::string category, std::string message, SourceSpan span) {
    return Diagnostic{Severity::Warning, std::move(category), std::move(message), span, {}};
}
Diagnostic Diagnostic::note(std::string message, SourceSpan span) {
    return Diagnostic{Severity::Note, "note", std::move(message), span, {}};
}

static void formatOne(std::string& out, const Diagnostic& d, const SourceManager* sm, bool excerpt) {
    if (d.span.valid() && sm) out += sm->describe(d.span) + ": ";
    out += severityName(d.severity);
    out += ": ";
    out += d.message;
    out += '\n';
    if (!excerpt || !d.span.valid() || !sm) return;
    std::string_view line = sm->lineText(d.span.file, d.span.line);
    if (line.empty()) return;
    out += "    ";
    out += line;
    out += "\n    ";
    std::uint32_t col = std::max<std::uint32_t>(d.span.col, 1);
    for (std::uint32_t i = 1; i < col && i <= line.size(); ++i) out += line[i - 1] == '\t' ? '\t' : ' ';
    out += '^';
    if (d.span.endLine == d.span.line && d.span.endCol > col + 1) {
        std::uint32_t end = std::min<std::uint32_t>(d.span.endCol, static_cast<std::uint32_t>(line.size()) + 1);
        for (std::uint32_t i = col + 1; i < end; ++i) out += '~';
    }
    out += '\n';
}

std::string formatDiagnostic(const Diagnostic& d, const SourceManager* sm, bool excerpt) {
    std::string out;
    formatOne(out, d, sm, excerpt);
    for (const Diagnostic& n : d.notes) formatOne(out, n, sm, excerpt);
    return out;
}

bool Diagnostics::hasErrors() const {
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string Diagnostics::format(const SourceManager* sm, bool excerpt) const {
    std::string out;
    for (const Diagnostic& d : m_items) out += formatDiagnostic(d, sm, excerpt);
    return out;
}

} // namespace tlift::util
