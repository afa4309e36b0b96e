#pragma once
// Helpers of the TTIR reader tests: read a fixture or a text, find ops and values by name.

#include "tlift/frontend/ttir/ttir_module.h"
#include "tlift/frontend/ttir/ttir_reader.h"
#include "tlift/util/result.h"
#include "tlift/util/source.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tlift::frontend::ttir::testing {

struct Loaded {
    util::SourceManager sm;
    util::FileId file = util::kNoFile;
    std::optional<util::Result<TtirModule>> result;

    bool ok() const { return result && result->ok(); }
    const TtirModule& module() const { return result->value(); }
    const util::Diagnostic& error() const { return result->error(); }
    // The error as printed for a user (file:line:col: error: ..., without the excerpt).
    std::string errorText() const { return util::formatDiagnostic(error(), &sm, false); }
};

// Reads tests/data/ttir_unit/<name>.
std::unique_ptr<Loaded> readFixture(const std::string& name);
// Reads a TTIR text given inline, registered under `path`.
std::unique_ptr<Loaded> readText(const std::string& text, const std::string& path = "inline.ttir");

// The `nth` op named `name` in id order, or nullptr.
const TtirOp* findOp(const TtirModule& m, std::string_view name, int nth = 0);
// How many ops are named `name`.
int countOps(const TtirModule& m, std::string_view name);
// The value whose SSA name is `ssaName` (first in id order), or kNoId.
ValueId findValue(const TtirModule& m, std::string_view ssaName);
// The op that defines the value named `ssaName`, or nullptr.
const TtirOp* defOf(const TtirModule& m, std::string_view ssaName);

} // namespace tlift::frontend::ttir::testing
