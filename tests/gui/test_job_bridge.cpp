// JobBridge: real lifts of the bundled example through engine::Session, their events on the GUI
// thread in order, a paused job cancelled mid-run, and the events of a replaced job dropped.
#include "tlift/widgets/job_bridge.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace tlift::widgets;
using tlift::engine::JobState;

namespace {

constexpr int kLiftTimeoutMs = 120000;
const QString kExample = QStringLiteral(TLIFT_SOURCE_DIR "/examples/softmax.py");
const QString kChannel = QStringLiteral("file");

tlift::engine::LiftOptions quickOptions() {
    tlift::engine::LiftOptions o;
    o.timeout = std::chrono::milliseconds(kLiftTimeoutMs);
    return o;
}

// Every signal of the bridge as one line "<signal> <job>", in the order the GUI thread saw them,
// with the thread each arrived on checked.
struct Recorder {
    QStringList events;
    bool offThread = false;
    QVector<quint64> jobs;

    explicit Recorder(JobBridge& b) {
        auto note = [this](const QString& what, quint64 job) {
            if (QThread::currentThread() != qApp->thread()) offThread = true;
            events << what;
            jobs << job;
        };
        QObject::connect(&b, &JobBridge::jobStarted, &b, [note](const QString&, quint64 j) { note("started", j); });
        QObject::connect(&b, &JobBridge::progress, &b,
                         [note](const QString&, quint64 j, const QString& stage, double) { note("progress:" + stage, j); });
        QObject::connect(&b, &JobBridge::traced, &b, [note](const QString&, quint64 j, TracePtr) { note("traced", j); });
        QObject::connect(&b, &JobBridge::searchNodes, &b,
                         [note](const QString&, quint64 j, const QVector<SearchNodePtr>&) { note("search", j); });
        QObject::connect(&b, &JobBridge::jobFinished, &b,
                         [note](const QString&, quint64 j, int, ResultPtr, TracePtr, const QString&) { note("finished", j); });
    }
};

} // namespace

class TestJobBridge : public QObject {
    Q_OBJECT

private slots:
    void eventsArriveInOrderOnTheGuiThread() {
        JobBridge bridge;
        Recorder rec(bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        QSignalSpy nodes(&bridge, &JobBridge::searchNodes);
        QSignalSpy busy(&bridge, &JobBridge::busyChanged);
        const JobPtr job = bridge.startLift(kChannel, kExample, quickOptions());
        QVERIFY(job);
        QVERIFY(bridge.isBusy(kChannel));
        QVERIFY(finished.wait(kLiftTimeoutMs));
        QVERIFY(!rec.offThread);
        QVERIFY(!rec.events.isEmpty());
        QCOMPARE(rec.events.first(), QStringLiteral("started"));
        QCOMPARE(rec.events.last(), QStringLiteral("finished"));
        QCOMPARE(rec.events.count("finished"), 1);
        QCOMPARE(rec.events.count("traced"), 1);
        QVERIFY(rec.events.indexOf("traced") < rec.events.indexOf("search"));
        for (quint64 j : rec.jobs) QCOMPARE(j, job->id());

        // The search nodes come in the order the engine made them, and the final tree has them all.
        int lastNew = -1;
        QSet<int> seen;
        for (const auto& args : nodes)
            for (const SearchNodePtr& n : args.at(2).value<QVector<SearchNodePtr>>()) {
                if (seen.contains(n->id)) continue; // a change of fate reports the node again
                QVERIFY2(n->id > lastNew, "new nodes out of order");
                lastNew = n->id;
                seen.insert(n->id);
            }
        QVERIFY(!seen.isEmpty());

        const QList<QVariant> end = finished.takeFirst();
        QCOMPARE(static_cast<JobState>(end.at(2).toInt()), JobState::Finished);
        const ResultPtr result = end.at(3).value<ResultPtr>();
        QVERIFY(result);
        QCOMPARE(static_cast<std::size_t>(seen.size()), result->search.size());
        QCOMPARE(result->outputs.size(), std::size_t{1});
        QCOMPARE(result->outputs[0].output, std::string("out"));
        QVERIFY(!bridge.isBusy(kChannel));
        QCOMPARE(busy.count(), 2); // on, off
        QCOMPARE(bridge.droppedEvents(), quint64{0});
    }

    void cancelMidRun() {
        JobBridge bridge;
        Recorder rec(bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        QSignalSpy traced(&bridge, &JobBridge::traced);
        QSignalSpy paused(&bridge, &JobBridge::pausedChanged);
        // Paused from the start: the job traces, then waits at the first search event.
        const JobPtr job = bridge.startLift(kChannel, kExample, quickOptions(), true);
        QVERIFY(bridge.isPaused(kChannel));
        QVERIFY(traced.wait(kLiftTimeoutMs));
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        QVERIFY(bridge.isBusy(kChannel));
        // One step lets one search event through.
        QSignalSpy nodes(&bridge, &JobBridge::searchNodes);
        bridge.step(kChannel);
        QVERIFY(nodes.wait(kLiftTimeoutMs));
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        bridge.cancel(kChannel);
        QVERIFY(finished.wait(kLiftTimeoutMs));
        QCOMPARE(static_cast<JobState>(finished.first().at(2).toInt()), JobState::Cancelled);
        QCOMPARE(job->state(), JobState::Cancelled);
        QVERIFY(!bridge.isBusy(kChannel));
        QVERIFY(!bridge.isPaused(kChannel));
        QVERIFY(paused.count() >= 2);
    }

    void staleJobsEventsAreDropped() {
        JobBridge bridge;
        Recorder rec(bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        const JobPtr first = bridge.startLift(kChannel, kExample, quickOptions());
        const JobPtr second = bridge.startLift(kChannel, kExample, quickOptions());
        QVERIFY(first->id() != second->id());
        QCOMPARE(bridge.currentJobId(kChannel), second->id());
        QVERIFY(finished.wait(kLiftTimeoutMs));
        QVERIFY(first->wait(std::chrono::milliseconds(kLiftTimeoutMs)));
        QCOMPARE(first->state(), JobState::Cancelled); // replacing a job cancels it
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 1);
        for (quint64 j : rec.jobs) QCOMPARE(j, second->id());
        QVERIFY(bridge.droppedEvents() >= 2); // at least the first job's start and end

        // A late event of the first job, posted after the second one ended, is dropped too.
        const quint64 dropped = bridge.droppedEvents();
        tlift::engine::JobEvent late;
        late.job = first->id();
        late.kind = tlift::engine::EventKind::Finished;
        late.state = JobState::Finished;
        bridge.post(kChannel, late);
        QTRY_COMPARE(bridge.droppedEvents(), dropped + 1);
        QCOMPARE(finished.count(), 1);
    }

    void forgetDropsEverything() {
        JobBridge bridge;
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        const JobPtr job = bridge.startLift(kChannel, kExample, quickOptions(), true);
        bridge.forget(kChannel);
        QVERIFY(!bridge.isBusy(kChannel));
        QCOMPARE(bridge.currentJobId(kChannel), quint64{0});
        QVERIFY(job->wait(std::chrono::milliseconds(kLiftTimeoutMs)));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJobBridge)
#include "test_job_bridge.moc"
