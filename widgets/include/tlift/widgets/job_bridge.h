#pragma once
// The one door between the engine's worker threads and the GUI thread. The bridge starts jobs
// on an engine::Session, receives their events on the worker threads (as their JobObserver),
// and re-emits them as Qt signals on the GUI thread. Each job belongs to a channel (a pane or a
// group of panes: "file", "folder"); a channel has one current job, and the events of any other
// job of that channel (a stale one: replaced, or cancelled and forgotten) are dropped.
//
// Events are queued under a mutex and drained in batches by one queued call at a time, so a
// job that reports thousands of search nodes costs the GUI thread a few slices, not thousands
// of wake-ups; a drain stops after a few milliseconds and lets the event loop breathe.

// Qt's keyword macros (emit, slots, signals) would rewrite names that the engine's headers use
// (Job::emit, Rule::slots): they are set aside while those headers are read.
#pragma push_macro("emit")
#pragma push_macro("slots")
#pragma push_macro("signals")
#undef emit
#undef slots
#undef signals
#include "tlift/engine/formula.h"
#include "tlift/engine/session.h"
#pragma pop_macro("signals")
#pragma pop_macro("slots")
#pragma pop_macro("emit")

#include <QObject>
#include <QString>
#include <QVector>

#include <map>
#include <memory>

namespace tlift::widgets {

using TracePtr = std::shared_ptr<const synth::TraceResult>;
using ResultPtr = std::shared_ptr<const synth::LiftResult>;
using SearchNodePtr = std::shared_ptr<const synth::SearchNode>;
using BatchItemPtr = std::shared_ptr<const engine::BatchItem>;
using JobPtr = std::shared_ptr<engine::Job>;

namespace detail {
struct BridgeInbox;
}

class JobBridge : public QObject {
    Q_OBJECT
public:
    explicit JobBridge(QObject* parent = nullptr);
    ~JobBridge() override; // cancels every job and waits for them

    // Each start makes the new job the channel's current one; the previous job of the channel is
    // cancelled and its later events are dropped. With `startPaused` the job is paused before it
    // can report any search event (the observer holds the worker until the pause is in place).
    JobPtr startTrace(const QString& channel, const QString& path, const engine::LiftOptions& options);
    JobPtr startLift(const QString& channel, const QString& path, const engine::LiftOptions& options,
                     bool startPaused = false);
    JobPtr startBatch(const QString& channel, const QString& dir, const engine::LiftOptions& options,
                      int workers);

    JobPtr currentJob(const QString& channel) const;
    quint64 currentJobId(const QString& channel) const;
    // A current job whose end the GUI has not seen yet.
    bool isBusy(const QString& channel) const;
    bool isPaused(const QString& channel) const;

    void pause(const QString& channel);
    void resume(const QString& channel);
    void step(const QString& channel, int events = 1);
    void cancel(const QString& channel);
    // Cancels the channel's job and drops its events from now on; the channel becomes idle.
    void forget(const QString& channel);

    // Queues an event of `channel` for the GUI thread. Thread-safe: the observers call it on the
    // worker threads (tests call it to inject events).
    void post(const QString& channel, const engine::JobEvent& event);

    // Events dropped because their job was not the current one of its channel.
    quint64 droppedEvents() const { return m_dropped; }

signals:
    void jobStarted(const QString& channel, quint64 job);
    void progress(const QString& channel, quint64 job, const QString& stage, double fraction);
    void traced(const QString& channel, quint64 job, tlift::widgets::TracePtr trace);
    // Consecutive search events of one job, in the order the engine reported them.
    void searchNodes(const QString& channel, quint64 job, const QVector<tlift::widgets::SearchNodePtr>& nodes);
    void batchItemDone(const QString& channel, quint64 job, tlift::widgets::BatchItemPtr item, double fraction);
    // state is an engine::JobState; message says why a failed job failed.
    void jobFinished(const QString& channel, quint64 job, int state, tlift::widgets::ResultPtr result,
                     tlift::widgets::TracePtr trace, const QString& message);
    // Busy: the channel has a job whose end the GUI has not seen; paused: it waits for step/resume.
    void busyChanged(const QString& channel, bool busy);
    void pausedChanged(const QString& channel, bool paused);

private:
    friend struct detail::BridgeInbox;
    struct Current {
        JobPtr job;
        quint64 id = 0;
        bool busy = false;
        bool paused = false;
    };
    template <class Start>
    JobPtr start(const QString& channel, bool startPaused, Start&& startJob);
    void drain();
    void dispatch(const QString& channel, const engine::JobEvent& e, QVector<SearchNodePtr>& pending);
    void flushSearch(const QString& channel, quint64 job, QVector<SearchNodePtr>& pending);
    bool isCurrent(const QString& channel, quint64 job) const;
    void setBusy(const QString& channel, bool busy);
    void setPaused(const QString& channel, bool paused);

    std::shared_ptr<detail::BridgeInbox> m_inbox;
    std::unique_ptr<engine::Session> m_session;
    std::map<QString, Current> m_current;
    quint64 m_dropped = 0;
};

} // namespace tlift::widgets

Q_DECLARE_METATYPE(tlift::widgets::TracePtr)
Q_DECLARE_METATYPE(tlift::widgets::ResultPtr)
Q_DECLARE_METATYPE(tlift::widgets::SearchNodePtr)
Q_DECLARE_METATYPE(tlift::widgets::BatchItemPtr)
