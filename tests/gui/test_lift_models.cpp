// The models over a real lift of the bundled example, each under QAbstractItemModelTester: the
// trace table and its filter, the search tree fed live (as the bridge delivers it, in pages) and
// then from the final snapshot, and its filter; and the formula items made from the result.
#include "tlift/widgets/job_bridge.h"
#include "tlift/widgets/lift_formulas.h"
#include "tlift/widgets/search_filter_model.h"
#include "tlift/widgets/search_tree_model.h"
#include "tlift/widgets/trace_filter_model.h"
#include "tlift/widgets/trace_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tlift::widgets;

namespace {

constexpr int kLiftTimeoutMs = 120000;
const QString kExample = QStringLiteral(TLIFT_SOURCE_DIR "/examples/softmax.py");

} // namespace

class TestLiftModels : public QObject {
    Q_OBJECT
    ResultPtr m_result;
    QVector<QVector<SearchNodePtr>> m_batches; // the live search events, as delivered

private slots:
    void initTestCase() {
        JobBridge bridge;
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        connect(&bridge, &JobBridge::searchNodes, this,
                [this](const QString&, quint64, const QVector<SearchNodePtr>& n) { m_batches << n; });
        bridge.startLift(QStringLiteral("file"), kExample, tlift::engine::LiftOptions{});
        QVERIFY(finished.wait(kLiftTimeoutMs));
        m_result = finished.first().at(3).value<ResultPtr>();
        QVERIFY(m_result);
        QVERIFY(m_result->trace && m_result->trace->spec);
        QVERIFY(!m_batches.isEmpty());
    }

    void traceModel() {
        TraceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setTrace(m_result->trace);
        const auto& steps = m_result->trace->spec->trace;
        QCOMPARE(model.rowCount(), static_cast<int>(steps.size()));
        QVERIFY(model.rowCount() > 5);
        // Every step of softmax.py's kernel sits on a line of the file; the store is on the line
        // that calls tl.store.
        int storeRow = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            QVERIFY2(model.range(r).valid(), qPrintable(QStringLiteral("step %1 has no line").arg(r)));
            QVERIFY(model.rowsOnLine(model.range(r).line).contains(r));
            if (model.step(r)->kind == tlift::symexec::StepKind::Store) storeRow = r;
        }
        QVERIFY(storeRow >= 0);
        const QString storeLine = model.spans().text().split('\n').value(model.range(storeRow).line - 1);
        QVERIFY2(storeLine.contains("tl.store"), qPrintable(storeLine));
        QVERIFY(!model.valueText(storeRow).isEmpty());
        QVERIFY(!model.valueLatex(storeRow).isEmpty());
        QCOMPARE(model.rowOfStep(steps[2].id), 2);

        TraceFilterModel filter;
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setKind(static_cast<int>(tlift::symexec::StepKind::Store));
        QVERIFY(filter.rowCount() >= 1);
        for (int r = 0; r < filter.rowCount(); ++r)
            QCOMPARE(filter.index(r, TraceModel::KindColumn).data().toString(), QStringLiteral("store"));
        filter.setKind(std::nullopt);
        filter.setText(QStringLiteral("no step says this"));
        QCOMPARE(filter.rowCount(), 0);
        filter.setText(QString());
        QCOMPARE(filter.rowCount(), model.rowCount());
        model.clear();
        QCOMPARE(filter.rowCount(), 0);
    }

    void searchTreeLiveThenSnapshot() {
        SearchTreeModel model;
        model.setPageSize(2); // small pages: fetchMore is exercised on the real tree
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SearchFilterModel filter;
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        for (const auto& batch : std::as_const(m_batches)) model.applyNodes(batch);
        model.applySnapshot(m_result->search);
        QCOMPARE(model.nodeCount(), static_cast<int>(m_result->search.size()));
        int fates = 0;
        for (int f = 0; f < SearchTreeModel::kFateCount; ++f) fates += model.fateCount(static_cast<tlift::synth::Fate>(f));
        QCOMPARE(fates, model.nodeCount());
        // The final fates are the snapshot's.
        for (const auto& n : m_result->search) {
            QVERIFY(model.node(n.id));
            QCOMPARE(model.node(n.id)->fate, n.fate);
        }
        QCOMPARE(model.fateCount(tlift::synth::Fate::Verified),
                 static_cast<int>(std::count_if(m_result->search.begin(), m_result->search.end(),
                                                [](const auto& n) { return n.fate == tlift::synth::Fate::Verified; })));
        // Fetch everything: every node becomes reachable.
        std::function<void(const QModelIndex&)> fetchAll = [&](const QModelIndex& parent) {
            while (model.canFetchMore(parent)) model.fetchMore(parent);
            for (int r = 0; r < model.rowCount(parent); ++r) fetchAll(model.index(r, 0, parent));
        };
        fetchAll({});
        QCOMPARE(model.shownCount(), model.nodeCount());
        for (const auto& n : m_result->search) {
            const QModelIndex i = model.indexOfNode(n.id);
            QVERIFY(i.isValid());
            QCOMPARE(i.data(SearchTreeModel::NodeIdRole).toInt(), n.id);
        }
        filter.setHidePruned(true);
        filter.setText(QStringLiteral("candidate"));
        filter.setText(QString());
        filter.setHidePruned(false);
        model.clear();
        QCOMPARE(model.nodeCount(), 0);
    }

    void formulaItems() {
        const QVector<FormulaItem> items = formulaItemsFrom(*m_result);
        QCOMPARE(items.size(), static_cast<int>(m_result->outputs.size()));
        const FormulaItem& out = items.first();
        const auto& o = m_result->outputs.front();
        QCOMPARE(out.title, QStringLiteral("out"));
        QCOMPARE(out.verdict, verdictKindOf(o.status));
        QVERIFY(out.latex.contains(QString::fromStdString(o.simplifiedLatex)));
        QVERIFY(!out.forms.isEmpty()); // the index form under the simplified one
        QCOMPARE(out.notes.size(), static_cast<int>(o.assumptions.size() + o.verdict.assumptions.size()));
        QCOMPARE(out.derivation.size(), static_cast<int>(o.derivation.size()));
    }
};

QTEST_GUILESS_MAIN(TestLiftModels)
#include "test_lift_models.moc"
