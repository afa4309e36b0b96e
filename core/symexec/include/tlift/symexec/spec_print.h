#pragma once
// The trace and the spec as text (what `tritonlift trace` prints) and as JSON
// (docs/lifting.md).

#include "tlift/symexec/spec.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tlift::symexec {

std::string formatTrace(const Spec& spec, const util::SourceManager& sm);
std::string formatSpec(const Spec& spec, const util::SourceManager& sm);
nlohmann::json specToJson(const Spec& spec, const util::SourceManager& sm);
// "k.py:12" for a span (the file name without its folder).
std::string shortLocation(const util::SourceManager& sm, util::SourceSpan span);

} // namespace tlift::symexec
