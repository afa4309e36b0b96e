// DiagnosticsModel under QAbstractItemModelTester, its conversion from the core's diagnostics,
// and the view's activation signal.
#include "gui_test_main.h"

#include "tlift/widgets/diagnostics_view.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace tlift::widgets;
using tlift::util::Severity;

namespace {

DiagnosticItem item(Severity s, const QString& message, const QString& file = {}, int line = 0,
                    int col = 0) {
    DiagnosticItem d;
    d.severity = s;
    d.message = message;
    d.file = file;
    d.line = line;
    d.col = col;
    return d;
}

} // namespace

class TestDiagnosticsModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester() {
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DiagnosticItem withNotes = item(Severity::Error, "mask has the wrong shape", "/k/a.py", 12, 5);
        withNotes.notes = {item(Severity::Note, "the mask was made here", "/k/a.py", 9, 3),
                           item(Severity::Note, "the load is here", "/k/a.py", 12, 9)};
        model.setDiagnostics({withNotes, item(Severity::Warning, "unused constexpr", "/k/a.py", 3)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.rowCount(model.index(1, 0)), 0);
        QCOMPARE(model.rowCount(model.index(0, 1)), 0); // only column 0 has children
        QCOMPARE(model.rowCount(model.index(0, 0, model.index(0, 0))), 0);
        model.append(item(Severity::Note, "assumed n_cols >= 1"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.count(Severity::Error), 1);
        QCOMPARE(model.count(Severity::Warning), 1);
        QCOMPARE(model.count(Severity::Note), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void showsSeverityLocationAndMessage() {
        DiagnosticsModel model;
        DiagnosticItem d = item(Severity::Error, "cannot broadcast", "/k/softmax.py", 14, 9);
        d.category = "shape";
        d.notes = {item(Severity::Note, "declared here", "/k/softmax.py", 3, 1)};
        model.setDiagnostics({d, item(Severity::Warning, "no file"), item(Severity::Note, "no line", "/k/x.py")});
        auto text = [&](int row, int column, const QModelIndex& parent = {}) {
            return model.index(row, column, parent).data().toString();
        };
        QCOMPARE(text(0, DiagnosticsModel::SeverityColumn), QStringLiteral("error"));
        QCOMPARE(text(0, DiagnosticsModel::LocationColumn), QStringLiteral("softmax.py:14:9"));
        QCOMPARE(text(0, DiagnosticsModel::MessageColumn), QStringLiteral("cannot broadcast"));
        QCOMPARE(text(1, DiagnosticsModel::LocationColumn), QString());
        QCOMPARE(text(2, DiagnosticsModel::LocationColumn), QStringLiteral("x.py"));
        const QModelIndex first = model.index(0, 0);
        QCOMPARE(text(0, DiagnosticsModel::LocationColumn, first), QStringLiteral("softmax.py:3:1"));
        QCOMPARE(text(0, DiagnosticsModel::SeverityColumn, first), QStringLiteral("note"));
        QVERIFY(!first.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(model.index(0, 1).data(Qt::DecorationRole).isNull());
        const QString tip = model.index(0, DiagnosticsModel::MessageColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("/k/softmax.py:14:9") && tip.contains("[shape]"), qPrintable(tip));
        QCOMPARE(first.data(DiagnosticsModel::LineRole).toInt(), 14);
        QCOMPARE(first.data(DiagnosticsModel::ColumnRole).toInt(), 9);
        QCOMPARE(first.data(DiagnosticsModel::FileRole).toString(), QStringLiteral("/k/softmax.py"));
    }

    void convertsTheCoresDiagnostics() {
        tlift::util::SourceManager sm;
        const auto file = sm.addFile("kern.py", "x = 1\ny = \xc3\xa9 + z\n");
        tlift::util::Diagnostics diags;
        // `z` is at byte column 10 of line 2 ("y = " 4 bytes, "é" 2, " + " 3) but character 9.
        auto d = tlift::util::Diagnostic::error("name", "unknown name z", {file, 2, 10, 2, 11});
        auto note = tlift::util::Diagnostic::note("did you mean x?", {file, 1, 1, 1, 2});
        note.notes.push_back(tlift::util::Diagnostic::note("nested", {}));
        d.notes.push_back(note);
        diags.add(d);
        diags.warning("launch", "grid not given");
        const QVector<DiagnosticItem> items = diagnosticItemsFrom(diags, &sm);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].file, QStringLiteral("kern.py"));
        QCOMPARE(items[0].line, 2);
        QCOMPARE(items[0].col, 9);
        QCOMPARE(items[0].category, QStringLiteral("name"));
        QCOMPARE(items[0].notes.size(), 2); // the nested note is flattened
        QCOMPARE(items[0].notes[1].message, QStringLiteral("nested"));
        QCOMPARE(items[1].severity, Severity::Warning);
        QVERIFY(items[1].file.isEmpty());
    }

    void activationReportsTheLocation() {
        DiagnosticsView view;
        DiagnosticItem d = item(Severity::Error, "bad", "/k/a.py", 7, 3);
        d.notes = {item(Severity::Note, "see", "/k/b.py", 2, 1)};
        view.diagnosticsModel()->setDiagnostics({d, item(Severity::Warning, "nowhere")});
        QSignalSpy spy(&view, &DiagnosticsView::locationActivated);
        view.setCurrentIndex(view.model()->index(0, 2));
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0], (QVariantList{QStringLiteral("/k/a.py"), 7, 3}));
        view.setCurrentIndex(view.model()->index(0, 0, view.model()->index(0, 0)));
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy[1][0].toString(), QStringLiteral("/k/b.py"));
        view.setCurrentIndex(view.model()->index(1, 0)); // no location: nothing to go to
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
    }
};

TLIFT_GUI_TEST_MAIN(TestDiagnosticsModel)
#include "test_diagnostics_model.moc"
