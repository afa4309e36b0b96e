// The explorer lifting the bundled example end to end, offscreen: Lift, the search tree grows,
// the verdict badge and the simplified formula are typeset in the formula page, a trace step
// selected marks its source lines (and a click on a source line selects its steps), a paused
// lift is stepped and cancelled, and a file that does not parse reports file:line:col.
#include "gui_test_main.h"

#include "tlift/widgets/diagnostics_view.h"
#include "tlift/widgets/lift_formulas.h"
#include "tlift/widgets/main_window.h"
#include "tlift/widgets/math_view.h"
#include "tlift/widgets/search_pane.h"
#include "tlift/widgets/search_tree_model.h"
#include "tlift/widgets/source_view.h"
#include "tlift/widgets/trace_filter_model.h"
#include "tlift/widgets/trace_model.h"
#include "tlift/widgets/trace_pane.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QItemSelectionModel>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QWebEnginePage>

using namespace tlift::widgets;
using tlift::engine::JobState;

namespace {

constexpr int kLiftTimeoutMs = 150000;
constexpr int kTypesetTimeoutMs = 30000;
const QString kExample = QStringLiteral(TLIFT_SOURCE_DIR "/examples/softmax.py");

// Runs JavaScript in the page and waits for its result.
QVariant evalJs(MathView* view, const QString& script) {
    QVariant out;
    bool done = false;
    view->page()->runJavaScript(script, [&](const QVariant& v) {
        out = v;
        done = true;
    });
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 10000) QTest::qWait(20);
    if (!done) qWarning("JavaScript did not answer: %s", qPrintable(script));
    return out;
}

} // namespace

class TestExplorerLift : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath("settings.ini"));
        m_settings = std::make_unique<QSettings>(m_dir.filePath("settings.ini"), QSettings::IniFormat);
    }

    void liftsTheExample() {
        MainWindow w(m_settings.get());
        w.show();
        QVERIFY(!w.lift()); // nothing open
        QVERIFY(w.openFile(kExample));
        QCOMPARE(w.liftAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        QSignalSpy finished(&w, &MainWindow::liftFinished);
        QSignalSpy ready(w.mathView(), &MathView::ready);
        w.liftAction()->trigger();
        QVERIFY(w.isLifting());
        QVERIFY(w.cancelAction()->isEnabled());
        QVERIFY(finished.wait(kLiftTimeoutMs));
        QCOMPARE(static_cast<JobState>(finished.first().at(1).toInt()), JobState::Finished);
        QVERIFY(!w.isLifting());
        QVERIFY(!w.cancelAction()->isEnabled());

        // The formula pane: one card for `out`, its badge the engine's verdict, typeset.
        const ResultPtr result = w.lastResult();
        QVERIFY(result);
        QCOMPARE(result->outputs.size(), std::size_t{1});
        const auto& out = result->outputs.front();
        QTRY_VERIFY_WITH_TIMEOUT(w.mathView()->isReady(), kTypesetTimeoutMs);
        QCOMPARE(w.mathView()->errorCount(), 0);
        QCOMPARE(w.mathView()->formulas().size(), 1);
        QCOMPARE(w.mathView()->formulas().first().title, QStringLiteral("out"));
        const QString badge = evalJs(w.mathView(), "document.querySelector('.badge').dataset.verdict").toString();
        QCOMPARE(badge, verdictKindName(verdictKindOf(out.status)));
        QCOMPARE(evalJs(w.mathView(), "document.querySelector('.badge').textContent").toString(),
                 verdictLabel(out));
        QCOMPARE(evalJs(w.mathView(), "document.querySelectorAll('section.formula .katex').length > 0").toBool(), true);
        if (out.simplified) {
            // softmax.py simplifies to the tensor-level softmax, typeset as such.
            QVERIFY(QString::fromStdString(out.simplifiedText).contains("softmax"));
            QVERIFY(evalJs(w.mathView(), "document.querySelector('section.formula .math').textContent")
                        .toString()
                        .contains("softmax"));
        }

        // The search tree pane holds the engine's whole tree.
        QCOMPARE(w.searchPane()->model()->nodeCount(), static_cast<int>(result->search.size()));
        QVERIFY(w.searchPane()->model()->nodeCount() > 0);
        w.dock("search")->raise();
        QTest::qWait(50);
        QVERIFY(w.searchPane()->grab().save(QStringLiteral(TLIFT_GUI_OUTPUT_DIR "/explorer_search_pane.png")));
        w.dock("trace")->raise();

        // Selecting the trace's store step marks the tl.store line in the source view.
        TracePane* trace = w.tracePane();
        QVERIFY(trace->model()->rowCount() > 0);
        int storeRow = -1;
        for (int r = 0; r < trace->model()->rowCount(); ++r)
            if (trace->model()->step(r)->kind == tlift::symexec::StepKind::Store) storeRow = r;
        QVERIFY(storeRow >= 0);
        const LineRange expected = trace->model()->range(storeRow);
        QVERIFY(expected.valid());
        const QModelIndex index = trace->filterModel()->mapFromSource(trace->model()->index(storeRow, 0));
        trace->view()->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(w.sourceView()->highlights(), QVector<LineRange>{expected});
        const QString line = w.sourceView()->toPlainText().split('\n').value(expected.line - 1);
        QVERIFY2(line.contains("tl.store"), qPrintable(line));
        QCOMPARE(w.sourceView()->highlightColor(), w.sourceView()->codeColors().linkedRange);

        // And back: a click on the line of a step selects that step.
        trace->view()->selectionModel()->clear();
        emit w.sourceView()->lineActivated(expected.line);
        QCOMPARE(trace->currentStepId(), trace->model()->step(storeRow)->id);
        QVERIFY(w.sourceView()->highlights().contains(expected));
    }

    void stepsThroughAPausedLiftAndCancels() {
        MainWindow w(m_settings.get());
        w.show();
        QVERIFY(w.openFile(kExample));
        QSignalSpy finished(&w, &MainWindow::liftFinished);
        QVERIFY(w.lift(true));
        QVERIFY(w.resumeAction()->isEnabled());
        QVERIFY(!w.pauseAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(w.tracePane()->model()->rowCount() > 0, kLiftTimeoutMs);
        QTest::qWait(200);
        const int before = w.searchPane()->model()->nodeCount();
        for (int i = 0; i < 3; ++i) {
            const int n = w.searchPane()->model()->nodeCount();
            w.stepAction()->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(w.searchPane()->model()->nodeCount() > n || !finished.isEmpty(), kLiftTimeoutMs);
        }
        QVERIFY(w.searchPane()->model()->nodeCount() > before);
        if (finished.isEmpty()) {
            QVERIFY(w.isLifting());
            w.cancelAction()->trigger();
            QVERIFY(finished.wait(kLiftTimeoutMs));
            QCOMPARE(static_cast<JobState>(finished.first().at(1).toInt()), JobState::Cancelled);
        }
        QVERIFY(!w.isLifting());
    }

    void parseErrorsGoToTheDiagnostics() {
        const QString bad = m_dir.filePath("broken.py");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("import triton\nimport triton.language as tl\n\n@triton.jit\ndef k(x_ptr):\n    y = (1 +\n");
        f.close();
        MainWindow w(m_settings.get());
        QVERIFY(w.openFile(bad));
        QSignalSpy finished(&w, &MainWindow::liftFinished);
        QVERIFY(w.lift());
        QVERIFY(finished.wait(kLiftTimeoutMs));
        const auto& items = w.diagnosticsView()->diagnosticsModel()->diagnostics();
        QVERIFY(!items.isEmpty());
        bool located = false;
        for (const DiagnosticItem& d : items)
            if (d.severity == tlift::util::Severity::Error && d.line > 0 && d.file == QFileInfo(bad).absoluteFilePath())
                located = true;
        QVERIFY2(located, qPrintable(items.first().location() + " " + items.first().message));
    }
};

TLIFT_GUI_TEST_MAIN(TestExplorerLift)
#include "test_explorer_lift.moc"
