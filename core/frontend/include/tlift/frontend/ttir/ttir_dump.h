#pragma once
// A compact, deterministic text form of a TtirModule for golden tests and debugging: one line per
// op with its results, operands (with their roles), attributes, result types, the .ttir position
// and the resolved kernel source location.

#include "tlift/frontend/ttir/ttir_module.h"

#include <string>

namespace tlift::frontend::ttir {

struct TtirDumpOptions {
    bool types = true;         // result types after ':'
    bool ttirPositions = true; // "@12:5", the op's place in the .ttir text
    bool locations = true;     // "loc(k.py:7:12 \"offs\")", the kernel source
};

std::string formatType(const TtirModule& m, TypeId id);
std::string formatAttr(const TtirModule& m, const TtirAttr& a);
std::string formatLoc(const TtirLoc& loc);
// "%offs_3" (the SSA name) or "%<id>" when the text gave none.
std::string formatValue(const TtirModule& m, ValueId id);
std::string dumpOp(const TtirModule& m, const TtirOp& op, const TtirDumpOptions& opts = {});
std::string dumpModule(const TtirModule& m, const TtirDumpOptions& opts = {});

} // namespace tlift::frontend::ttir
