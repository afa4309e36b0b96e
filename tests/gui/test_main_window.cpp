// MainWindow: opening files (and failing to), the docks and their saved layout, drag and drop,
// preferences, and a screenshot of the whole window on the bundled example.
#include "gui_test_main.h"

#include "tlift/widgets/diagnostics_view.h"
#include "tlift/widgets/empty_state.h"
#include "tlift/widgets/main_window.h"
#include "tlift/widgets/math_view.h"
#include "tlift/widgets/source_view.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTemporaryDir>

using namespace tlift::widgets;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kExample = QStringLiteral(TLIFT_SOURCE_DIR "/examples/softmax.py");

QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Colours that cover at least 0.5% of the image: a blank or black grab has one or two.
int commonColours(const QImage& image) {
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) ++counts[image.pixel(x, y)];
    const int total = ((image.height() + 1) / 2) * ((image.width() + 1) / 2);
    int common = 0;
    for (int n : counts) common += n * 200 >= total ? 1 : 0;
    return common;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        QFile::remove(path("settings.ini"));
        m_settings = std::make_unique<QSettings>(path("settings.ini"), QSettings::IniFormat);
    }

    void opensTheExample() {
        MainWindow w(m_settings.get());
        QCOMPARE(w.dock("source")->widget()->property("currentIndex").toInt(), 0); // empty state
        QVERIFY(w.openFile(kExample));
        QCOMPARE(w.sourceView()->toPlainText(), readAll(kExample));
        QVERIFY(w.sourceView()->toPlainText().contains("@triton.jit"));
        QCOMPARE(w.sourceView()->language(), SourceView::Language::Python);
        auto* stack = qobject_cast<QStackedWidget*>(w.dock("source")->widget());
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), w.sourceView());
        QVERIFY(w.windowTitle().startsWith("softmax.py"));
        QCOMPARE(w.currentFile(), QFileInfo(kExample).absoluteFilePath());
        QCOMPARE(w.recentFiles().value(0), QFileInfo(kExample).absoluteFilePath());
        MainWindow again(m_settings.get()); // recent files persist
        QCOMPARE(again.recentFiles().value(0), QFileInfo(kExample).absoluteFilePath());
    }

    void reportsFilesItCannotOpen() {
        MainWindow w(m_settings.get());
        QVERIFY(!w.openFile(path("missing.py")));
        QVERIFY(writeFile(path("binary.bin"), QByteArray("ab\0cd", 5)));
        QVERIFY(!w.openFile(path("binary.bin")));
        QVERIFY(writeFile(path("latin1.py"), QByteArray("x = '\xe9'\n")));
        QVERIFY(!w.openFile(path("latin1.py")));
        const auto& diags = w.diagnosticsView()->diagnosticsModel()->diagnostics();
        QCOMPARE(diags.size(), 3);
        QVERIFY2(diags[0].message.contains("no such file"), qPrintable(diags[0].message));
        QVERIFY2(diags[1].message.contains("not a text file"), qPrintable(diags[1].message));
        QVERIFY2(diags[2].message.contains("not UTF-8"), qPrintable(diags[2].message));
        QVERIFY(w.currentFile().isEmpty());
        QVERIFY(w.recentFiles().isEmpty());
    }

    void reloadsAndOpensOtherText() {
        MainWindow w(m_settings.get());
        QVERIFY(writeFile(path("k.ttir"), "tt.func @k() {\r\n  tt.return\r\n}\r\n"));
        QVERIFY(w.openFile(path("k.ttir")));
        QCOMPARE(w.sourceView()->language(), SourceView::Language::Plain);
        QCOMPARE(w.sourceView()->lineCount(), 4);
        QVERIFY(!w.sourceView()->toPlainText().contains('\r'));
        QVERIFY(writeFile(path("k.ttir"), "module {\n}\n"));
        QVERIFY(w.reload());
        QCOMPARE(w.sourceView()->toPlainText(), QStringLiteral("module {\n}\n"));
    }

    void defaultLayoutPlacesEveryDock() {
        MainWindow w(m_settings.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.dockNames().size(), 7);
        for (const QString& name : w.dockNames()) {
            QDockWidget* d = w.dock(name);
            QVERIFY2(w.dockWidgetArea(d) != Qt::NoDockWidgetArea, qPrintable(name));
            QVERIFY2(!d->isFloating() && d->toggleViewAction()->isChecked(), qPrintable(name));
        }
        QCOMPARE(w.dockWidgetArea(w.dock("source")), Qt::LeftDockWidgetArea);
        QCOMPARE(w.dockWidgetArea(w.dock("formula")), Qt::RightDockWidgetArea);
        QCOMPARE(w.tabifiedDockWidgets(w.dock("trace")).size(), 2);
        QVERIFY(w.dock("source")->isVisible() && w.dock("formula")->isVisible());
        QVERIFY(w.dock("source")->width() > w.width() / 3);
        // Panes without a view yet say so instead of showing anything made up.
        for (const char* name : {"egraph", "launch"}) {
            auto* empty = qobject_cast<EmptyState*>(w.dock(name)->widget());
            QVERIFY2(empty && empty->text().contains("does not"), name);
        }
    }

    void layoutRoundTrip() {
        {
            MainWindow w(m_settings.get());
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.dock("egraph")->close();
            w.addDockWidget(Qt::BottomDockWidgetArea, w.dock("diagnostics"));
            w.close(); // saves
        }
        QCOMPARE(m_settings->value("layout/version").toInt(), MainWindow::kLayoutVersion);
        MainWindow restored(m_settings.get());
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        QVERIFY(!restored.dock("egraph")->isVisible());
        QCOMPARE(restored.dockWidgetArea(restored.dock("diagnostics")), Qt::BottomDockWidgetArea);
        QVERIFY(restored.restoreLayout());

        restored.resetLayout();
        QVERIFY(restored.dock("egraph")->toggleViewAction()->isChecked());
        QCOMPARE(restored.dockWidgetArea(restored.dock("diagnostics")), Qt::LeftDockWidgetArea);

        m_settings->setValue("layout/version", MainWindow::kLayoutVersion + 1);
        QVERIFY(!restored.restoreLayout()); // another version's layout is not applied
    }

    void opensDroppedFiles() {
        MainWindow w(m_settings.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(writeFile(path("dropped.py"), "import triton\n"));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path("dropped.py"))});
        const QPoint at = w.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(w.currentFile(), path("dropped.py"));
        QCOMPARE(w.sourceView()->toPlainText(), QStringLiteral("import triton\n"));

        QMimeData text;
        text.setText("not a file");
        QDragEnterEvent refused(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &refused);
        QVERIFY(!refused.isAccepted());
    }

    void diagnosticsLeadToTheSource() {
        MainWindow w(m_settings.get());
        QVERIFY(w.openFile(kExample));
        DiagnosticItem d;
        d.message = "example";
        d.file = kExample;
        d.line = 20;
        d.col = 5;
        w.diagnosticsView()->diagnosticsModel()->setDiagnostics({d});
        w.diagnosticsView()->setCurrentIndex(w.diagnosticsView()->model()->index(0, 0));
        QTest::keyClick(w.diagnosticsView(), Qt::Key_Return);
        QCOMPARE(w.sourceView()->currentLine(), 20);
        QCOMPARE(w.sourceView()->textCursor().positionInBlock(), 4);
        QCOMPARE(w.sourceView()->highlights().value(0), LineRange::wholeLines(20, 20));
    }

    void preferencesApplyAndPersist() {
        {
            MainWindow w(m_settings.get());
            w.applyPreferences({ThemeMode::Dark, 14});
            QVERIFY(w.mathView()->darkTheme());
            QCOMPARE(w.sourceView()->codeColors().background, Theme::dark().code.background);
            QCOMPARE(w.sourceView()->font().pointSize(), 14);
            QVERIFY(Theme::isDarkPalette(QApplication::palette()));
        }
        MainWindow again(m_settings.get());
        QCOMPARE(again.preferences(), (Preferences{ThemeMode::Dark, 14}));
        again.applyPreferences({ThemeMode::Light, 11});
        QVERIFY(!again.mathView()->darkTheme());
        QVERIFY(!Theme::isDarkPalette(QApplication::palette()));
        again.applyPreferences({ThemeMode::Dark, 11});
        again.applyPreferences({ThemeMode::System, 11}); // the platform's palette comes back
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 QApplication::style()->standardPalette().color(QPalette::Window));
        QCOMPARE(again.mathView()->darkTheme(), Theme::isDarkPalette(QApplication::palette()));
    }

    void preferencesDialogPreviewsAndCancels() {
        PreferencesDialog dialog({ThemeMode::System, 11});
        QSignalSpy preview(&dialog, &PreferencesDialog::previewRequested);
        auto* theme = dialog.findChild<QComboBox*>();
        auto* size = dialog.findChild<QSpinBox*>();
        QVERIFY(theme && size);
        theme->setCurrentIndex(theme->findText("Dark"));
        size->setValue(15);
        QCOMPARE(dialog.preferences(), (Preferences{ThemeMode::Dark, 15}));
        QCOMPARE(preview.count(), 2);
        QCOMPARE(preview.last()[0].value<Preferences>(), (Preferences{ThemeMode::Dark, 15}));
        dialog.reject(); // previews the old preferences again
        QCOMPARE(preview.last()[0].value<Preferences>(), (Preferences{ThemeMode::System, 11}));
    }

    void screenshotOfTheWindow_data() {
        QTest::addColumn<int>("theme");
        QTest::addColumn<QString>("file");
        QTest::newRow("light") << int(ThemeMode::Light) << "explorer_window.png";
        QTest::newRow("dark") << int(ThemeMode::Dark) << "explorer_window_dark.png";
    }

    void screenshotOfTheWindow() {
        QFETCH(int, theme);
        QFETCH(QString, file);
        MainWindow w(m_settings.get());
        w.applyPreferences({ThemeMode(theme), 11}, false);
        w.resize(1600, 1000);
        QVERIFY(w.openFile(kExample));
        w.sourceView()->scrollToRange(LineRange::wholeLines(1, 1));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(QTest::qWaitFor([&] { return w.mathView()->isReady(); }, kTimeoutMs));
        QTest::qWait(100); // let the window take the page's last frame
        const QImage shot = w.grab().toImage();
        const QString out = QStringLiteral(TLIFT_GUI_OUTPUT_DIR "/") + file;
        QVERIFY(shot.save(out, "PNG"));
        qInfo().noquote() << "screenshot:" << out;
        QCOMPARE(shot.size(), w.size() * shot.devicePixelRatio());
        // The formula pane's region holds the rendered page, not a blank or black rectangle.
        const QRect formula(w.mathView()->mapTo(&w, QPoint(0, 0)), w.mathView()->size());
        const QColor pageBackground = theme == int(ThemeMode::Dark) ? QColor(0x16, 0x1b, 0x22) : QColor(Qt::white);
        QCOMPARE(shot.copy(formula).pixelColor(5, 5), pageBackground);
        const QRect source(w.sourceView()->viewport()->mapTo(&w, QPoint(0, 0)), w.sourceView()->viewport()->size());
        QVERIFY(commonColours(shot.copy(source)) >= 2); // code on a background
    }
};

TLIFT_GUI_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
