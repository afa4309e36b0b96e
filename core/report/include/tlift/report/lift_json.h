#pragma once
// The JSON form of a lift result (schema "tritonlift-lift/2", docs/reports.md): everything a
// report shows, for other tools. `tritonlift report --format json` writes it.

#include "tlift/synth/lift_result.h"

#include <nlohmann/json.hpp>

namespace tlift::report {

inline constexpr const char* kLiftJsonSchema = "tritonlift-lift/2";

struct JsonOptions {
    bool trace = true;  // the spec and trace of symbolic execution ("trace")
    bool search = true; // every node of the search tree ("search.nodes")
    bool egraph = true; // the e-graph run of each output ("outputs[].egraph")
};

nlohmann::json liftToJson(const synth::LiftResult& r, const JsonOptions& options = {});

// Verdicts and counterexamples (shared with the other formats' attachments).
nlohmann::json verdictToJson(const verify::Verdict& v);
nlohmann::json counterexampleToJson(const verify::Counterexample& c);

} // namespace tlift::report
