#pragma once
// How a lift result reads on a terminal, and its JSON form (docs/lifting.md).

#include "tlift/synth/lift_result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tlift::synth {

struct FormatOptions {
    bool derivation = false; // print every rewrite step
    bool color = false;
    bool timings = true;     // false for golden files
};

std::string formatLift(const LiftResult& r, const FormatOptions& o = {});
nlohmann::json liftToJson(const LiftResult& r);
std::string formatTraceResult(const TraceResult& t);
nlohmann::json traceToJson(const TraceResult& t);

} // namespace tlift::synth
