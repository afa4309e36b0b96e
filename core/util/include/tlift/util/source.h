#pragma once
// Source files and spans. Every diagnostic, AST node and trace step points back into a file
// registered with a SourceManager by a compact SourceSpan.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tlift::util {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0;

// A half-open range of characters, 1-based lines and columns (columns count bytes).
// A default-constructed span is invalid and prints as nothing.
struct SourceSpan {
    FileId file = kNoFile;
    std::uint32_t line = 0;
    std::uint32_t col = 0;
    std::uint32_t endLine = 0;
    std::uint32_t endCol = 0;

    bool valid() const { return file != kNoFile && line != 0; }
    // The smallest span that covers both (same file), or the valid one of the two.
    static SourceSpan cover(const SourceSpan& a, const SourceSpan& b);
    bool operator==(const SourceSpan&) const = default;
};

struct SourceFile {
    std::string path;
    std::string text;
    std::vector<std::uint32_t> lineStarts; // byte offset of each line's first character
};

// Owns the text of every file a job reads. Thread-safe; files are never removed, so the
// references it hands out stay valid for its lifetime.
class SourceManager {
public:
    SourceManager();
    FileId addFile(std::string path, std::string text);
    // Reads a file from disk; returns kNoFile and sets `error` when it cannot.
    FileId loadFile(const std::string& path, std::string* error = nullptr);

    const SourceFile* file(FileId id) const;
    std::string_view path(FileId id) const;
    std::string_view text(FileId id) const;
    // The text of line `line` (1-based) without its newline; empty when out of range.
    std::string_view lineText(FileId id, std::uint32_t line) const;
    // "path:line:col", or "path" when the span has no line, or "<unknown>".
    std::string describe(const SourceSpan& span) const;
    // The source text a span covers (clamped to the file).
    std::string_view slice(const SourceSpan& span) const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<SourceFile>> m_files; // index 0 unused
};

} // namespace tlift::util
