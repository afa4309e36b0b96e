#pragma once
// The engine facade: the one door the CLI and the explorer use (DESIGN.md §3). A Session starts
// jobs (trace, lift, batch); each job runs on its own worker thread, reports its progress and
// each stage's result as an immutable snapshot (in order: started, traced, search events,
// finished), can be paused, stepped one search event at a time, resumed and cancelled, and ends
// with an outcome. Observers are called on the worker thread; the explorer's bridge moves the
// events onto the GUI thread.

#include "tlift/synth/lifter.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tlift::engine {

using synth::LiftOptions;
using synth::LiftResult;
using synth::LiftStatus;
using synth::OpenedSource;
using synth::OutputSummary;
using synth::SearchNode;
using synth::TraceResult;

enum class JobKind : std::uint8_t { Trace, Lift, Batch };
enum class JobState : std::uint8_t { Running, Paused, Finished, Cancelled, Failed };
const char* jobStateName(JobState s);

// One line of a batch: a kernel of a file.
struct BatchItem {
    std::string file;
    std::string kernel;
    std::shared_ptr<const LiftResult> result; // null when the file could not be opened or traced
    std::string error;
    double millis = 0.0;
};

enum class EventKind : std::uint8_t { Started, Progress, Traced, Search, BatchItemDone, Finished };

struct JobEvent {
    std::uint64_t job = 0;
    EventKind kind = EventKind::Started;
    std::string stage;      // Progress: "trace", "synth", "verify", ...
    double fraction = 0.0;  // Progress: 0..1 of the stage; Batch: items done / items
    std::shared_ptr<const TraceResult> trace;
    std::shared_ptr<const SearchNode> node;
    std::shared_ptr<const LiftResult> result;
    std::shared_ptr<const BatchItem> item;
    JobState state = JobState::Running;
    std::string message;
};

class JobObserver {
public:
    virtual ~JobObserver() = default;
    virtual void onEvent(const JobEvent& e) = 0;
};

class Job {
public:
    ~Job();
    std::uint64_t id() const { return m_id; }
    JobKind kind() const { return m_kind; }
    void pause();
    void resume();
    void step(int n = 1);
    void cancel();
    // Waits until the job ends (or the timeout passes); true when it ended.
    bool wait(std::chrono::milliseconds timeout = std::chrono::milliseconds::max());
    JobState state() const;
    bool done() const;
    std::shared_ptr<const TraceResult> trace() const;
    std::shared_ptr<const LiftResult> result() const;
    std::vector<std::shared_ptr<const BatchItem>> batchItems() const;
    std::string error() const; // Failed: why

private:
    friend class Session;
    Job(std::uint64_t id, JobKind kind, std::shared_ptr<JobObserver> observer);
    void emit(JobEvent e);
    void finishWith(JobState s, std::string error = {});
    synth::JobContext context();

    std::uint64_t m_id;
    JobKind m_kind;
    std::shared_ptr<JobObserver> m_observer;
    util::CancelSource m_cancel;
    util::StepGate m_gate;
    mutable std::mutex m_mutex;
    std::condition_variable m_done;
    JobState m_state = JobState::Running;
    std::shared_ptr<const TraceResult> m_trace;
    std::shared_ptr<const LiftResult> m_result;
    std::vector<std::shared_ptr<const BatchItem>> m_items;
    std::string m_error;
    std::thread m_thread;
};

class Session {
public:
    Session();
    ~Session(); // cancels every job and waits for it
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    std::shared_ptr<Job> startTrace(std::string path, LiftOptions options, std::shared_ptr<JobObserver> observer = {});
    std::shared_ptr<Job> startLift(std::string path, LiftOptions options, std::shared_ptr<JobObserver> observer = {});
    // Every kernel of every .py file below dir, `workers` at a time, each with options.timeout.
    std::shared_ptr<Job> startBatch(std::string dir, LiftOptions options, int workers,
                                     std::shared_ptr<JobObserver> observer = {});

private:
    std::shared_ptr<Job> make(JobKind kind, std::shared_ptr<JobObserver> observer);
    std::atomic<std::uint64_t> m_next{1};
    std::mutex m_mutex;
    std::vector<std::shared_ptr<Job>> m_jobs;
};

// The kernel files below a folder (*.py), sorted.
std::vector<std::string> kernelFiles(const std::string& dir);

} // namespace tlift::engine
