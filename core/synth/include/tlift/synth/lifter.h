#pragma once
// The stages of a job as plain functions (the Session runs them on worker threads; the CLI can
// call them directly). Each takes a JobContext: the cancellation token, the step gate of the
// search, and the sink for progress and search events.

#include "tlift/synth/lift_options.h"
#include "tlift/synth/lift_result.h"
#include "tlift/util/step_gate.h"

#include <functional>

namespace tlift::synth {

struct JobContext {
    util::CancelToken cancel;
    util::StepGate* gate = nullptr;                                   // pause / step the search
    std::function<void(const std::string& stage, double fraction)> progress;
    std::function<void(const SearchNode&)> searchEvent;
    std::function<void(std::shared_ptr<const TraceResult>)> traced;   // the trace is ready
    util::Deadline deadline;
};

util::Result<std::shared_ptr<const TraceResult>> runTrace(std::shared_ptr<const OpenedSource> source,
                                                          const LiftOptions& options, const JobContext& jc = {});

LiftResult runLift(std::shared_ptr<const TraceResult> trace, const LiftOptions& options, const JobContext& jc = {});

// Open, trace and lift one file (what `tritonlift lift` does).
LiftResult liftFile(const std::string& path, const LiftOptions& options, const JobContext& jc = {});

// The sidecar launch file that goes with a kernel file (k.py -> k.launch.json), if it exists.
std::string defaultLaunchFile(const std::string& sourcePath);

} // namespace tlift::synth
