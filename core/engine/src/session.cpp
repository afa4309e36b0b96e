#include "tlift/engine/session.h"

#include <algorithm>
#include <filesystem>

namespace tlift::engine {

const char* jobStateName(JobState s) {
    switch (s) {
    case JobState::Running: return "running";
    case JobState::Paused: return "paused";
    case JobState::Finished: return "finished";
    case JobState::Cancelled: return "cancelled";
    case JobState::Failed: return "failed";
    }
    return "running";
}

Job::Job(std::uint64_t id, JobKind kind, std::shared_ptr<JobObserver> observer)
    : m_id(id), m_kind(kind), m_observer(std::move(observer)) {}

Job::~Job() {
    cancel();
    if (m_thread.joinable()) {
        if (m_thread.get_id() == std::this_thread::get_id()) m_thread.detach();
        else m_thread.join();
    }
}

void Job::pause() {
    m_gate.pause();
    std::lock_guard lock(m_mutex);
    if (m_state == JobState::Running) m_state = JobState::Paused;
}

void Job::resume() {
    m_gate.resume();
    std::lock_guard lock(m_mutex);
    if (m_state == JobState::Paused) m_state = JobState::Running;
}

void Job::step(int n) {
    m_gate.step(n);
    std::lock_guard lock(m_mutex);
    if (m_state == JobState::Running) m_state = JobState::Paused;
}

void Job::cancel() {
    m_cancel.cancel();
    m_gate.wake();
}

bool Job::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    auto isDone = [&] { return m_state == JobState::Finished || m_state == JobState::Cancelled || m_state == JobState::Failed; };
    if (timeout == std::chrono::milliseconds::max()) {
        m_done.wait(lock, isDone);
        return true;
    }
    return m_done.wait_for(lock, timeout, isDone);
}

JobState Job::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

bool Job::done() const {
    JobState s = state();
    return s == JobState::Finished || s == JobState::Cancelled || s == JobState::Failed;
}

std::shared_ptr<const TraceResult> Job::trace() const {
    std::lock_guard lock(m_mutex);
    return m_trace;
}

std::shared_ptr<const LiftResult> Job::result() const {
    std::lock_guard lock(m_mutex);
    return m_result;
}

std::vector<std::shared_ptr<const BatchItem>> Job::batchItems() const {
    std::lock_guard lock(m_mutex);
    return m_items;
}

std::string Job::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void Job::emit(JobEvent e) {
    e.job = m_id;
    e.state = state();
    if (m_observer) m_observer->onEvent(e);
}

void Job::finishWith(JobState s, std::string error) {
    {
        std::lock_guard lock(m_mutex);
        if (m_cancel.cancelled() && s == JobState::Finished) s = JobState::Cancelled;
        m_state = s;
        m_error = std::move(error);
    }
    JobEvent e;
    e.kind = EventKind::Finished;
    e.result = result();
    e.trace = trace();
    e.message = m_error;
    emit(e);
    m_done.notify_all();
}

synth::JobContext Job::context() {
    synth::JobContext jc;
    jc.cancel = m_cancel.token();
    jc.gate = &m_gate;
    jc.progress = [this](const std::string& stage, double f) {
        JobEvent e;
        e.kind = EventKind::Progress;
        e.stage = stage;
        e.fraction = f;
        emit(e);
    };
    jc.searchEvent = [this](const SearchNode& n) {
        JobEvent e;
        e.kind = EventKind::Search;
        e.node = std::make_shared<const SearchNode>(n);
        emit(e);
    };
    jc.traced = [this](std::shared_ptr<const TraceResult> t) {
        {
            std::lock_guard lock(m_mutex);
            m_trace = t;
        }
        JobEvent e;
        e.kind = EventKind::Traced;
        e.trace = t;
        emit(e);
    };
    return jc;
}

Session::Session() = default;

Session::~Session() {
    std::vector<std::shared_ptr<Job>> jobs;
    {
        std::lock_guard lock(m_mutex);
        jobs = m_jobs;
    }
    for (auto& j : jobs) j->cancel();
    for (auto& j : jobs)
        if (j->m_thread.joinable()) j->m_thread.join();
}

std::shared_ptr<Job> Session::make(JobKind kind, std::shared_ptr<JobObserver> observer) {
    auto job = std::shared_ptr<Job>(new Job(m_next++, kind, std::move(observer)));
    std::lock_guard lock(m_mutex);
    // Forget jobs that ended long ago: keep the list short.
    m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(),
                                [](const std::shared_ptr<Job>& j) { return j->done() && j.use_count() == 1; }),
                 m_jobs.end());
    m_jobs.push_back(job);
    return job;
}

namespace {

// Runs a job body, turning any escaped exception into a failed job (never a crash).
template <class F>
void guarded(Job& job, F&& body, const std::function<void(JobState, std::string)>& finish) {
    try {
        body();
    } catch (const std::exception& e) {
        finish(JobState::Failed, std::string("internal error: ") + e.what());
    } catch (...) {
        finish(JobState::Failed, "internal error");
    }
    (void)job;
}

} // namespace

std::shared_ptr<Job> Session::startTrace(std::string path, LiftOptions options, std::shared_ptr<JobObserver> observer) {
    auto job = make(JobKind::Trace, std::move(observer));
    Job* j = job.get();
    j->m_thread = std::thread([j, path = std::move(path), options = std::move(options)] {
        JobEvent start;
        start.kind = EventKind::Started;
        j->emit(start);
        guarded(*j, [&] {
            auto src = synth::openSource(path);
            if (!src) return j->finishWith(JobState::Failed, util::formatDiagnostic(src.error(), nullptr));
            synth::JobContext jc = j->context();
            jc.deadline = util::Deadline::after(options.timeout);
            auto tr = synth::runTrace(*src, options, jc);
            if (!tr) return j->finishWith(JobState::Failed, util::formatDiagnostic(tr.error(), (*src)->sm.get()));
            j->finishWith(JobState::Finished);
        }, [j](JobState s, std::string e) { j->finishWith(s, std::move(e)); });
    });
    return job;
}

std::shared_ptr<Job> Session::startLift(std::string path, LiftOptions options, std::shared_ptr<JobObserver> observer) {
    auto job = make(JobKind::Lift, std::move(observer));
    Job* j = job.get();
    j->m_thread = std::thread([j, path = std::move(path), options = std::move(options)] {
        JobEvent start;
        start.kind = EventKind::Started;
        j->emit(start);
        guarded(*j, [&] {
            auto src = synth::openSource(path);
            if (!src) return j->finishWith(JobState::Failed, util::formatDiagnostic(src.error(), nullptr));
            synth::JobContext jc = j->context();
            jc.deadline = util::Deadline::after(options.timeout);
            auto tr = synth::runTrace(*src, options, jc);
            if (!tr) return j->finishWith(JobState::Failed, util::formatDiagnostic(tr.error(), (*src)->sm.get()));
            auto res = std::make_shared<LiftResult>(synth::runLift(*tr, options, jc));
            {
                std::lock_guard lock(j->m_mutex);
                j->m_result = res;
            }
            j->finishWith(JobState::Finished);
        }, [j](JobState s, std::string e) { j->finishWith(s, std::move(e)); });
    });
    return job;
}

std::vector<std::string> kernelFiles(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) return {dir};
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && it->path().extension() == ".py") out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::shared_ptr<Job> Session::startBatch(std::string dir, LiftOptions options, int workers, std::shared_ptr<JobObserver> observer) {
    auto job = make(JobKind::Batch, std::move(observer));
    Job* j = job.get();
    j->m_thread = std::thread([j, dir = std::move(dir), options = std::move(options), workers] {
        JobEvent start;
        start.kind = EventKind::Started;
        j->emit(start);
        guarded(*j, [&] {
            // The work list: every kernel of every file.
            struct Work {
                std::string file;
                std::string kernel;
            };
            std::vector<Work> work;
            for (const std::string& f : kernelFiles(dir)) {
                auto src = synth::openSource(f);
                if (!src) {
                    work.push_back({f, ""});
                    continue;
                }
                if ((*src)->kernels.empty()) continue;
                for (const synth::KernelEntry& k : (*src)->kernels) work.push_back({f, k.name});
            }
            std::atomic<std::size_t> next{0}, done{0};
            auto worker = [&] {
                for (;;) {
                    std::size_t i = next++;
                    if (i >= work.size() || j->m_cancel.cancelled()) return;
                    auto t0 = std::chrono::steady_clock::now();
                    auto item = std::make_shared<BatchItem>();
                    item->file = work[i].file;
                    item->kernel = work[i].kernel;
                    try {
                        LiftOptions o = options;
                        o.kernel = work[i].kernel;
                        synth::JobContext jc;
                        jc.cancel = j->m_cancel.token();
                        jc.deadline = util::Deadline::after(options.timeout);
                        if (work[i].kernel.empty()) {
                            item->error = "cannot read the file";
                        } else {
                            auto res = std::make_shared<LiftResult>(synth::liftFile(work[i].file, o, jc));
                            item->result = res;
                        }
                    } catch (const std::exception& e) {
                        item->error = std::string("internal error: ") + e.what();
                    }
                    item->millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                    {
                        std::lock_guard lock(j->m_mutex);
                        j->m_items.push_back(item);
                    }
                    JobEvent e;
                    e.kind = EventKind::BatchItemDone;
                    e.item = item;
                    e.fraction = static_cast<double>(++done) / static_cast<double>(std::max<std::size_t>(work.size(), 1));
                    j->emit(e);
                }
            };
            std::vector<std::thread> pool;
            for (int w = 0; w < std::max(1, workers); ++w) pool.emplace_back(worker);
            for (auto& t : pool) t.join();
            j->finishWith(JobState::Finished);
        }, [j](JobState s, std::string e) { j->finishWith(s, std::move(e)); });
    });
    return job;
}

} // namespace tlift::engine
