#include "ttir_parser.h"

#include "location_resolver.h"

#include <algorithm>
#include <chrono>
#include <llvm/Support/MemoryBuffer.h>
#include <mlir/AsmParser/AsmParser.h>
#include <mlir/IR/BuiltinAttributes.h>
#include <mlir/IR/Operation.h>
#include <mlir/IR/Verifier.h>
#include <regex>

namespace tlift::frontend::ttir {

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

util::Severity severityOf(mlir::DiagnosticSeverity s) {
    switch (s) {
    case mlir::DiagnosticSeverity::Error:
        return util::Severity::Error;
    case mlir::DiagnosticSeverity::Warning:
        return util::Severity::Warning;
    default:
        return util::Severity::Note;
    }
}

// Characters that end the token a diagnostic points at (for the width of its caret).
bool endsToken(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '(' || c == ')' ||
           c == '{' || c == '}' || c == '[' || c == ']' || c == '<' || c == '>' || c == ':' ||
           c == '=';
}

} // namespace

TtirParser::TtirParser(mlir::MLIRContext& ctx, const util::SourceManager& sm, util::FileId file)
    : m_ctx(ctx), m_file(sm.file(file)), m_fileId(file), m_block(std::make_unique<mlir::Block>()) {}

std::optional<util::Diagnostic> TtirParser::run() {
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(m_file->text, m_file->path);
    m_bufferStart = buffer->getBufferStart();
    m_bufferSize = buffer->getBufferSize();
    m_sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    mlir::ScopedDiagnosticHandler handler(&m_ctx, [this](mlir::Diagnostic& diag) {
        onDiagnostic(diag);
        return mlir::success();
    });

    auto t0 = std::chrono::steady_clock::now();
    mlir::ParserConfig config(&m_ctx, /*verifyAfterParse=*/false);
    bool parsed =
        mlir::succeeded(mlir::parseAsmSourceFile(m_sourceMgr, m_block.get(), config, &m_asmState));
    m_parseMs = msSince(t0);
    if (!parsed) return firstError("cannot parse the TTIR text");
    if (auto e = checkRegistered()) return e;
    return verify();
}

void TtirParser::onDiagnostic(mlir::Diagnostic& diag) {
    util::Diagnostic d;
    d.severity = severityOf(diag.getSeverity());
    d.span = spanOf(diag.getLocation());
    std::string message = diag.str();
    bool unknownOp = false;
    if (auto op = unknownOpName(message, d.span)) {
        d = unsupported(*op, d.span);
        unknownOp = true; // MLIR's notes (the registered dialects) say nothing to a kernel author
    } else {
        d.category = d.severity == util::Severity::Error ? "syntax" : "ttir";
        d.message = message;
    }
    auto kernel = m_kernelLocs.find({d.span.line, d.span.col});
    if (d.span.valid() && kernel != m_kernelLocs.end()) {
        LocationResolver resolver;
        TtirLoc loc = resolver.resolve(kernel->second, resolver.fileOf(kernel->second));
        d.category = "verify";
        if (loc.known())
            d.notes.push_back(util::Diagnostic::note("from kernel source " + loc.file + ":" +
                                                     std::to_string(loc.line) + ":" +
                                                     std::to_string(loc.col)));
    }
    for (mlir::Diagnostic& note : diag.getNotes())
        if (!unknownOp)
            d.notes.push_back(util::Diagnostic::note(note.str(), spanOf(note.getLocation())));
    if (d.severity == util::Severity::Error)
        m_errors.push_back(std::move(d));
    else if (d.severity == util::Severity::Warning)
        m_warnings.add(std::move(d));
}

util::SourceSpan TtirParser::spanOf(mlir::Location loc) const {
    auto file = mlir::dyn_cast<mlir::FileLineColLoc>(loc);
    if (!file || file.getFilename() != m_file->path) return {};
    return spanAt(file.getLine(), file.getColumn());
}

util::SourceSpan TtirParser::spanAt(unsigned line, unsigned col) const {
    if (line == 0 || line > m_file->lineStarts.size()) return {};
    col = std::max(col, 1u);
    std::size_t begin = m_file->lineStarts[line - 1] + col - 1;
    std::size_t end = begin;
    while (end < m_file->text.size() && !endsToken(m_file->text[end]))
        ++end;
    auto width = static_cast<std::uint32_t>(std::max<std::size_t>(end - begin, 1));
    return util::SourceSpan{m_fileId, line, col, line, col + width};
}

util::SourceSpan TtirParser::span(llvm::SMRange range) const {
    if (!range.isValid() || !m_bufferStart) return {};
    auto toLineCol = [&](const char* p, std::uint32_t& line, std::uint32_t& col) {
        auto offset = static_cast<std::uint32_t>(std::clamp<std::ptrdiff_t>(
            p - m_bufferStart, 0, static_cast<std::ptrdiff_t>(m_bufferSize)));
        const auto& starts = m_file->lineStarts;
        auto it = std::upper_bound(starts.begin(), starts.end(), offset);
        line = static_cast<std::uint32_t>(it - starts.begin());
        col = offset - starts[line - 1] + 1;
    };
    util::SourceSpan s;
    s.file = m_fileId;
    toLineCol(range.Start.getPointer(), s.line, s.col);
    toLineCol(range.End.getPointer(), s.endLine, s.endCol);
    return s;
}

std::string_view TtirParser::text(llvm::SMRange range) const {
    if (!range.isValid() || !m_bufferStart) return {};
    const char* b = range.Start.getPointer();
    const char* e = range.End.getPointer();
    if (b < m_bufferStart || e > m_bufferStart + m_bufferSize || e < b) return {};
    return std::string_view(b, static_cast<std::size_t>(e - b));
}

util::SourceSpan TtirParser::opSpan(mlir::Operation* op) const {
    const auto* def = m_asmState.getOpDef(op);
    if (!def) return {};
    llvm::SMLoc start = def->loc.Start;
    if (!def->resultGroups.empty()) start = def->resultGroups.front().definition.loc.Start;
    return span(llvm::SMRange(start, def->loc.End));
}

util::Diagnostic TtirParser::unsupported(const std::string& opName, util::SourceSpan at) const {
    std::string where = m_file->path;
    if (at.valid()) where += ":" + std::to_string(at.line) + ":" + std::to_string(at.col);
    return util::Diagnostic::error("unsupported",
                                   "unsupported TTIR op '" + opName + "' at " + where, at);
}

// MLIR's words for an op it does not know. The op name is taken from the message when it names
// it, else from the line of the position: a generic op of an unknown dialect ("ttg.foo"(...)),
// where MLIR points past the op; `at` is moved to the op's name then.
std::optional<std::string> TtirParser::unknownOpName(const std::string& message,
                                                     util::SourceSpan& at) const {
    static const std::regex named(
        "custom op '([^']+)' is unknown|Dialect `[^']*' not found for custom op '([^']+)'|"
        "unregistered operation '([^']+)' found in dialect");
    std::smatch m;
    if (std::regex_search(message, m, named)) {
        for (std::size_t i = 1; i < m.size(); ++i)
            if (m[i].matched) return m[i].str();
    }
    if (message.find("unregistered dialect") == std::string::npos || !at.valid())
        return std::nullopt;
    static const std::regex generic(R"re("([A-Za-z_][\w$.]*)"\s*\()re");
    std::string line(m_file->text.data() + m_file->lineStarts[at.line - 1],
                     m_file->lineStarts.size() > at.line
                         ? m_file->lineStarts[at.line] - m_file->lineStarts[at.line - 1]
                         : m_file->text.size() - m_file->lineStarts[at.line - 1]);
    if (!std::regex_search(line, m, generic)) return std::nullopt;
    at = spanAt(at.line, static_cast<unsigned>(m.position(0)) + 1);
    return m[1].str();
}

std::optional<util::Diagnostic> TtirParser::checkRegistered() {
    for (mlir::Operation& top : *m_block) {
        mlir::Operation* unknown = nullptr;
        top.walk([&](mlir::Operation* op) {
            if (!unknown && !op->isRegistered()) unknown = op;
        });
        if (unknown) return unsupported(unknown->getName().getStringRef().str(), opSpan(unknown));
    }
    return std::nullopt;
}

// Verifies with each op's loc set to its .ttir position, so that a verifier message points at
// the .ttir line; the kernel locations are put back afterwards.
std::optional<util::Diagnostic> TtirParser::verify() {
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::pair<mlir::Operation*, mlir::Location>> saved;
    for (mlir::Operation& top : *m_block) {
        top.walk([&](mlir::Operation* op) {
            util::SourceSpan s = opSpan(op);
            if (!s.valid()) return;
            saved.emplace_back(op, op->getLoc());
            m_kernelLocs.emplace(std::make_pair(s.line, s.col), op->getLoc());
            op->setLoc(mlir::FileLineColLoc::get(&m_ctx, m_file->path, s.line, s.col));
        });
    }
    bool ok = true;
    for (mlir::Operation& top : *m_block)
        ok = mlir::succeeded(mlir::verify(&top)) && ok;
    for (auto& [op, loc] : saved)
        op->setLoc(loc);
    m_kernelLocs.clear();
    m_verifyMs = msSince(t0);
    if (ok) return std::nullopt;
    return firstError("the TTIR does not verify");
}

std::optional<util::Diagnostic> TtirParser::firstError(std::string fallback) {
    if (m_errors.empty()) return util::Diagnostic::error("syntax", std::move(fallback));
    util::Diagnostic first = m_errors.front();
    for (std::size_t i = 1; i < m_errors.size(); ++i) {
        util::Diagnostic note = m_errors[i];
        note.severity = util::Severity::Note;
        first.notes.push_back(std::move(note));
    }
    return first;
}

} // namespace tlift::frontend::ttir
