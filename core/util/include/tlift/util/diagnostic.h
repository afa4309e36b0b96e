#pragma once
// Diagnostics: what went wrong (or what was assumed), where, in words a kernel author reads.
// Printed as `file:line:col: error: message`, then the source line and a caret.

#include "tlift/util/source.h"

#include <string>
#include <vector>

namespace tlift::util {

enum class Severity { Error, Warning, Note };
const char* severityName(Severity s);

struct Diagnostic {
    Severity severity = Severity::Error;
    // A short stable category, e.g. "syntax", "unsupported", "shape", "launch", "timeout".
    std::string category;
    std::string message;
    SourceSpan span;
    std::vector<Diagnostic> notes;

    static Diagnostic error(std::string category, std::string message, SourceSpan span = {});
    static Diagnostic warning(std::string category, std::string message, SourceSpan span = {});
    static Diagnostic note(std::string message, SourceSpan span = {});
};

// Formats with the source excerpt and caret when the span is valid and its file is known.
std::string formatDiagnostic(const Diagnostic& d, const SourceManager* sm, bool excerpt = true);

// A list that layers append to; cheap to copy into snapshots.
class Diagnostics {
public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void error(std::string category, std::string message, SourceSpan span = {}) {
        add(Diagnostic::error(std::move(category), std::move(message), span));
    }
    void warning(std::string category, std::string message, SourceSpan span = {}) {
        add(Diagnostic::warning(std::move(category), std::move(message), span));
    }
    void append(const Diagnostics& other) {
        m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
    }
    bool hasErrors() const;
    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    const std::vector<Diagnostic>& items() const { return m_items; }
    std::string format(const SourceManager* sm, bool excerpt = true) const;

private:
    std::vector<Diagnostic> m_items;
};

} // namespace tlift::util
