#pragma once
// Parses one .ttir text with MLIR and verifies it, keeping what the conversion needs: the parsed
// top-level block, MLIR's record of where each op, value and block is written (AsmParserState:
// the SSA names like %offs_3 live only there), and the diagnostics turned into tritonlift's own,
// positioned in the .ttir text.

#include "tlift/util/diagnostic.h"
#include "tlift/util/source.h"

#include <llvm/Support/SourceMgr.h>
#include <map>
#include <memory>
#include <mlir/AsmParser/AsmParserState.h>
#include <mlir/IR/Block.h>
#include <mlir/IR/Diagnostics.h>
#include <mlir/IR/MLIRContext.h>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlift::frontend::ttir {

class TtirParser {
public:
    TtirParser(mlir::MLIRContext& ctx, const util::SourceManager& sm, util::FileId file);
    TtirParser(const TtirParser&) = delete;
    TtirParser& operator=(const TtirParser&) = delete;

    // Parses and verifies. On failure: the first error, with the later ones as its notes.
    std::optional<util::Diagnostic> run();

    mlir::Block& topLevel() { return *m_block; }
    const mlir::AsmParserState& asmState() const { return m_asmState; }
    // The .ttir span of a range of the parsed text (invalid for a range outside it).
    util::SourceSpan span(llvm::SMRange range) const;
    // Where an op is written: from its first result name (or its name) to the end of its name.
    util::SourceSpan opSpan(mlir::Operation* op) const;
    // The text of a range of the parsed text ("" outside it).
    std::string_view text(llvm::SMRange range) const;
    // Warnings MLIR emitted while parsing or verifying.
    const util::Diagnostics& warnings() const { return m_warnings; }
    double parseMs() const { return m_parseMs; }
    double verifyMs() const { return m_verifyMs; }

private:
    void onDiagnostic(mlir::Diagnostic& diag);
    util::SourceSpan spanAt(unsigned line, unsigned col) const;
    util::SourceSpan spanOf(mlir::Location loc) const;
    util::Diagnostic unsupported(const std::string& opName, util::SourceSpan span) const;
    std::optional<std::string> unknownOpName(const std::string& message,
                                             util::SourceSpan& at) const;
    std::optional<util::Diagnostic> checkRegistered();
    std::optional<util::Diagnostic> verify();
    std::optional<util::Diagnostic> firstError(std::string fallback);

    mlir::MLIRContext& m_ctx;
    const util::SourceFile* m_file;
    util::FileId m_fileId;
    llvm::SourceMgr m_sourceMgr;
    const char* m_bufferStart = nullptr;
    std::size_t m_bufferSize = 0;
    std::unique_ptr<mlir::Block> m_block;
    mlir::AsmParserState m_asmState;
    std::vector<util::Diagnostic> m_errors;
    util::Diagnostics m_warnings;
    // During verification each op's loc is its .ttir position; its own loc is kept here (by
    // line and column) to name the kernel line in the message.
    std::map<std::pair<unsigned, unsigned>, mlir::Location> m_kernelLocs;
    double m_parseMs = 0;
    double m_verifyMs = 0;
};

} // namespace tlift::frontend::ttir
