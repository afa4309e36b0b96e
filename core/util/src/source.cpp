#include "tlift/util/source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tlift::util {

SourceSpan SourceSpan::cover(const SourceSpan& a, const SourceSpan& b) {
    if (!a.valid()) return b;
    if (!b.valid() || a.file != b.file) return a;
    SourceSpan r = a;
    if (b.line < r.line || (b.line == r.line && b.col < r.col)) {
        r.line = b.line;
        r.col = b.col;
    }
    if (b.endLine > r.endLine || (b.endLine == r.endLine && b.endCol > r.endCol)) {
        r.endLine = b.endLine;
        r.endCol = b.endCol;
    }
    return r;
}

SourceManager::SourceManager() { m_files.emplace_back(); }

FileId SourceManager::addFile(std::string path, std::string text) {
    auto f = std::make_unique<SourceFile>();
    f->path = std::move(path);
    f->text = std::move(text);
    f->lineStarts.push_back(0);
    for (std::uint32_t i = 0; i < f->text.size(); ++i)
        if (f->text[i] == '\n') f->lineStarts.push_back(i + 1);
    std::lock_guard lock(m_mutex);
    m_files.push_back(std::move(f));
    return static_cast<FileId>(m_files.size() - 1);
}

FileId SourceManager::loadFile(const std::string& path, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = "cannot open '" + path + "'";
        return kNoFile;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return addFile(path, ss.str());
}

const SourceFile* SourceManager::file(FileId id) const {
    std::lock_guard lock(m_mutex);
    if (id == kNoFile || id >= m_files.size()) return nullptr;
    return m_files[id].get();
}

std::string_view SourceManager::path(FileId id) const {
    const SourceFile* f = file(id);
    return f ? std::string_view(f->path) : std::string_view();
}

std::string_view SourceManager::text(FileId id) const {
    const SourceFile* f = file(id);
    return f ? std::string_view(f->text) : std::string_view();
}

std::string_view SourceManager::lineText(FileId id, std::uint32_t line) const {
    const SourceFile* f = file(id);
    if (!f || line == 0 || line > f->lineStarts.size()) return {};
    std::uint32_t begin = f->lineStarts[line - 1];
    std::uint32_t end = line < f->lineStarts.size() ? f->lineStarts[line] - 1
                                                     : static_cast<std::uint32_t>(f->text.size());
    std::string_view sv(f->text.data() + begin, end - begin);
    if (!sv.empty() && sv.back() == '\r') sv.remove_suffix(1);
    return sv;
}

std::string SourceManager::describe(const SourceSpan& span) const {
    const SourceFile* f = file(span.file);
    if (!f) return "<unknown>";
    if (span.line == 0) return f->path;
    return f->path + ":" + std::to_string(span.line) + ":" + std::to_string(span.col);
}

std::string_view SourceManager::slice(const SourceSpan& span) const {
    const SourceFile* f = file(span.file);
    if (!f || span.line == 0 || span.line > f->lineStarts.size()) return {};
    auto offset = [&](std::uint32_t line, std::uint32_t col) -> std::size_t {
        line = std::min<std::uint32_t>(std::max<std::uint32_t>(line, 1),
                                       static_cast<std::uint32_t>(f->lineStarts.size()));
        std::size_t o = f->lineStarts[line - 1] + (col > 0 ? col - 1 : 0);
        return std::min(o, f->text.size());
    };
    std::size_t b = offset(span.line, span.col);
    std::size_t e = span.endLine ? offset(span.endLine, span.endCol) : b;
    if (e < b) e = b;
    return std::string_view(f->text).substr(b, e - b);
}

} // namespace tlift::util
