#include "tlift/widgets/job_bridge.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace tlift::widgets {

namespace detail {

// The queue between the worker threads and the GUI thread. Observers keep it alive; the bridge
// unhooks itself when it goes, so a late event finds no bridge rather than a dangling one.
struct BridgeInbox {
    std::mutex mutex;
    std::deque<std::pair<QString, engine::JobEvent>> queue;
    bool posted = false;
    JobBridge* bridge = nullptr;

    void push(const QString& channel, const engine::JobEvent& e) {
        std::lock_guard lock(mutex);
        queue.emplace_back(channel, e);
        schedule();
    }
    // Called with the mutex held.
    void schedule() {
        if (posted || !bridge) return;
        posted = true;
        JobBridge* b = bridge;
        QMetaObject::invokeMethod(b, [b] { b->drain(); }, Qt::QueuedConnection);
    }
};

} // namespace detail

namespace {

using Clock = std::chrono::steady_clock;
constexpr qint64 kDrainSliceMs = 6; // then the event loop gets a turn

// The job's observer: forwards events to the inbox. It holds the worker at the first event
// until the bridge has registered the job (and paused it when asked), so that no event can
// outrun the job's registration or a requested pause.
class BridgeObserver : public engine::JobObserver {
public:
    BridgeObserver(std::shared_ptr<detail::BridgeInbox> inbox, QString channel)
        : m_inbox(std::move(inbox)), m_channel(std::move(channel)) {}

    void open() {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_cv.notify_all();
    }

    void onEvent(const engine::JobEvent& e) override {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_open; });
        }
        m_inbox->push(m_channel, e);
    }

private:
    std::shared_ptr<detail::BridgeInbox> m_inbox;
    QString m_channel;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
};

bool registerMetaTypes() {
    qRegisterMetaType<TracePtr>();
    qRegisterMetaType<ResultPtr>();
    qRegisterMetaType<SearchNodePtr>();
    qRegisterMetaType<BatchItemPtr>();
    qRegisterMetaType<QVector<SearchNodePtr>>();
    return true;
}

} // namespace

JobBridge::JobBridge(QObject* parent)
    : QObject(parent), m_inbox(std::make_shared<detail::BridgeInbox>()),
      m_session(std::make_unique<engine::Session>()) {
    static const bool registered = registerMetaTypes();
    (void)registered;
    m_inbox->bridge = this;
}

JobBridge::~JobBridge() {
    {
        std::lock_guard lock(m_inbox->mutex);
        m_inbox->bridge = nullptr;
        m_inbox->queue.clear();
    }
    m_session.reset(); // cancels and joins every job; observers only touch the inbox
}

template <class Start>
JobPtr JobBridge::start(const QString& channel, bool startPaused, Start&& startJob) {
    if (auto it = m_current.find(channel); it != m_current.end() && it->second.job)
        it->second.job->cancel(); // stale from now on
    auto observer = std::make_shared<BridgeObserver>(m_inbox, channel);
    JobPtr job = startJob(observer);
    if (startPaused) job->pause();
    Current& c = m_current[channel];
    c.job = job;
    c.id = job->id();
    observer->open();
    setPaused(channel, startPaused);
    setBusy(channel, true);
    return job;
}

JobPtr JobBridge::startTrace(const QString& channel, const QString& path, const engine::LiftOptions& options) {
    return start(channel, false, [&](std::shared_ptr<engine::JobObserver> o) {
        return m_session->startTrace(path.toStdString(), options, std::move(o));
    });
}

JobPtr JobBridge::startLift(const QString& channel, const QString& path, const engine::LiftOptions& options,
                            bool startPaused) {
    return start(channel, startPaused, [&](std::shared_ptr<engine::JobObserver> o) {
        return m_session->startLift(path.toStdString(), options, std::move(o));
    });
}

JobPtr JobBridge::startBatch(const QString& channel, const QString& dir, const engine::LiftOptions& options,
                             int workers) {
    return start(channel, false, [&](std::shared_ptr<engine::JobObserver> o) {
        return m_session->startBatch(dir.toStdString(), options, workers, std::move(o));
    });
}

JobPtr JobBridge::currentJob(const QString& channel) const {
    auto it = m_current.find(channel);
    return it == m_current.end() ? nullptr : it->second.job;
}

quint64 JobBridge::currentJobId(const QString& channel) const {
    auto it = m_current.find(channel);
    return it == m_current.end() ? 0 : it->second.id;
}

bool JobBridge::isBusy(const QString& channel) const {
    auto it = m_current.find(channel);
    return it != m_current.end() && it->second.busy;
}

bool JobBridge::isPaused(const QString& channel) const {
    auto it = m_current.find(channel);
    return it != m_current.end() && it->second.paused;
}

void JobBridge::pause(const QString& channel) {
    if (!isBusy(channel)) return;
    m_current[channel].job->pause();
    setPaused(channel, true);
}

void JobBridge::resume(const QString& channel) {
    if (!isBusy(channel)) return;
    m_current[channel].job->resume();
    setPaused(channel, false);
}

void JobBridge::step(const QString& channel, int events) {
    if (!isBusy(channel)) return;
    m_current[channel].job->step(std::max(1, events));
    setPaused(channel, true);
}

void JobBridge::cancel(const QString& channel) {
    if (!isBusy(channel)) return;
    m_current[channel].job->cancel(); // its Finished event (Cancelled) ends the busy state
}

void JobBridge::forget(const QString& channel) {
    auto it = m_current.find(channel);
    if (it == m_current.end()) return;
    if (it->second.job) it->second.job->cancel();
    it->second.job.reset();
    it->second.id = 0;
    setPaused(channel, false);
    setBusy(channel, false);
}

void JobBridge::post(const QString& channel, const engine::JobEvent& event) { m_inbox->push(channel, event); }

bool JobBridge::isCurrent(const QString& channel, quint64 job) const {
    auto it = m_current.find(channel);
    return it != m_current.end() && it->second.id == job && job != 0;
}

void JobBridge::setBusy(const QString& channel, bool busy) {
    Current& c = m_current[channel];
    if (c.busy == busy) return;
    c.busy = busy;
    emit busyChanged(channel, busy);
}

void JobBridge::setPaused(const QString& channel, bool paused) {
    Current& c = m_current[channel];
    if (c.paused == paused) return;
    c.paused = paused;
    emit pausedChanged(channel, paused);
}

void JobBridge::drain() {
    QElapsedTimer clock;
    clock.start();
    QString pendingChannel;
    quint64 pendingJob = 0;
    QVector<SearchNodePtr> pending;
    for (;;) {
        std::pair<QString, engine::JobEvent> entry;
        {
            std::lock_guard lock(m_inbox->mutex);
            if (m_inbox->queue.empty() || clock.elapsed() >= kDrainSliceMs) {
                m_inbox->posted = false;
                if (!m_inbox->queue.empty()) m_inbox->schedule(); // the rest in the next turn
                break;
            }
            entry = std::move(m_inbox->queue.front());
            m_inbox->queue.pop_front();
        }
        const auto& [channel, e] = entry;
        if (!isCurrent(channel, e.job)) {
            ++m_dropped;
            continue;
        }
        // Runs of search events of one job go out as one signal.
        if (!pending.isEmpty() && (e.kind != engine::EventKind::Search || channel != pendingChannel ||
                                   e.job != pendingJob))
            flushSearch(pendingChannel, pendingJob, pending);
        if (e.kind == engine::EventKind::Search) {
            pendingChannel = channel;
            pendingJob = e.job;
            if (e.node) pending.push_back(e.node);
            continue;
        }
        dispatch(channel, e, pending);
    }
    if (!pending.isEmpty()) flushSearch(pendingChannel, pendingJob, pending);
}

void JobBridge::flushSearch(const QString& channel, quint64 job, QVector<SearchNodePtr>& pending) {
    QVector<SearchNodePtr> nodes;
    nodes.swap(pending);
    // A slot may have started another job of the channel: then these are stale already.
    if (isCurrent(channel, job))
        emit searchNodes(channel, job, nodes);
    else
        m_dropped += static_cast<quint64>(nodes.size());
}

void JobBridge::dispatch(const QString& channel, const engine::JobEvent& e, QVector<SearchNodePtr>&) {
    using engine::EventKind;
    switch (e.kind) {
    case EventKind::Started: emit jobStarted(channel, e.job); break;
    case EventKind::Progress:
        emit progress(channel, e.job, QString::fromStdString(e.stage), e.fraction);
        break;
    case EventKind::Traced: emit traced(channel, e.job, e.trace); break;
    case EventKind::Search: break; // batched by drain()
    case EventKind::BatchItemDone: emit batchItemDone(channel, e.job, e.item, e.fraction); break;
    case EventKind::Finished: {
        setPaused(channel, false);
        setBusy(channel, false);
        emit jobFinished(channel, e.job, static_cast<int>(e.state), e.result, e.trace,
                         QString::fromStdString(e.message));
        break;
    }
    }
}

} // namespace tlift::widgets
