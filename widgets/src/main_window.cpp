#include "tlift/widgets/main_window.h"

#include "tlift/widgets/diagnostics_view.h"
#include "tlift/widgets/dock_layout.h"
#include "tlift/widgets/empty_state.h"
#include "tlift/widgets/math_view.h"
#include "tlift/widgets/recent_files.h"
#include "tlift/widgets/source_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDebug>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStringDecoder>

namespace tlift::widgets {
namespace {

constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

struct LoadedText {
    QString text;
    QString error; // empty on success
};

LoadedText readTextFile(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return {{}, QObject::tr("no such file")};
    if (info.isDir()) return {{}, QObject::tr("it is a folder")};
    if (info.size() > kMaxFileBytes) return {{}, QObject::tr("it is larger than 16 MiB")};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {{}, file.errorString()};
    const QByteArray bytes = file.readAll();
    if (bytes.contains('\0')) return {{}, QObject::tr("it is not a text file")};
    QStringDecoder decode(QStringDecoder::Utf8);
    QString text = decode(bytes);
    if (decode.hasError()) return {{}, QObject::tr("it is not UTF-8 text")};
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return {text, {}};
}

QString firstLocalFile(const QMimeData* mime) {
    if (!mime || !mime->hasUrls()) return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile()) return url.toLocalFile();
    return {};
}

// Dock title bars set off from the panes, and splitters wide enough to grab.
QString chromeStyleSheet(const QPalette& p) {
    const bool dark = Theme::isDarkPalette(p);
    const QColor window = p.color(QPalette::Window);
    const QColor title = dark ? window.lighter(118) : window.darker(104);
    const QColor line = p.color(QPalette::Mid);
    return QStringLiteral(
               "QDockWidget::title { background: %1; padding: 4px 8px; border-bottom: 1px solid %2; }"
               "QMainWindow::separator { background: %3; width: 5px; height: 5px; }"
               "QMainWindow::separator:hover { background: %4; }")
        .arg(title.name(), line.name(), window.name(), p.color(QPalette::Highlight).name());
}

const char* kEngineMissing = QT_TRANSLATE_NOOP(
    "tlift::widgets::MainWindow", "The lifting engine is not connected to the explorer yet.");

} // namespace

MainWindow::MainWindow(QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_recent(std::make_unique<RecentFiles>(settings)),
      m_preferences(Preferences::load(*settings)) {
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks | GroupedDragging);
    setWindowTitle(QApplication::applicationName());
    createPanes();
    createActions();
    createStatusBar();
    resize(1480, 920); // the default layout's weights become pixels of this size
    resetLayout();
    restoreGeometry(m_settings->value(QStringLiteral("layout/geometry")).toByteArray());
    restoreLayout();
    applyPreferences(m_preferences, false);
    updateFormulaPlaceholder();
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::dockNames() const { return m_dockOrder; }

QDockWidget* MainWindow::addPane(const QString& name, const QString& title, QWidget* widget) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QStringLiteral("dock.") + name);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    m_docks.insert(name, dock);
    m_dockOrder.push_back(name);
    return dock;
}

void MainWindow::createPanes() {
    const QString engine = tr(kEngineMissing);
    m_source = new SourceView;
    auto* sourceEmpty = new EmptyState(
        tr("No kernel open"),
        tr("Open a Triton kernel (.py) or its TTIR (.ttir) with File \u203a Open (Ctrl+O), "
           "or drop the file on this window."));
    m_sourceStack = new QStackedWidget;
    m_sourceStack->addWidget(sourceEmpty);
    m_sourceStack->addWidget(m_source);
    addPane(QStringLiteral("source"), tr("Source"), m_sourceStack);

    m_math = new MathView;
    addPane(QStringLiteral("formula"), tr("Formula"), m_math);

    addPane(QStringLiteral("trace"), tr("Trace"),
            new EmptyState(tr("No trace yet"),
                           tr("After a lift, every statement of the kernel appears here with what "
                              "it did to the block values, as formulas over the program ids and "
                              "lane indices; selecting a step marks its source lines.\n\n") + engine));
    addPane(QStringLiteral("search"), tr("Search tree"),
            new EmptyState(tr("No search yet"),
                           tr("The synthesis search grows here during a lift: every candidate, "
                              "the rule that made it, why it was pruned or refuted, and the one "
                              "that was verified.\n\n") + engine));
    addPane(QStringLiteral("egraph"), tr("E-graph"),
            new EmptyState(tr("No e-graph yet"),
                           tr("The e-graph of the simplification appears here, with the extracted "
                              "term and the rules that fired.\n\n") + engine));
    addPane(QStringLiteral("launch"), tr("Launch context"),
            new EmptyState(tr("No launch context yet"),
                           tr("What the kernel's arguments are bound to: tensors with their shapes, "
                              "strides and dtypes, scalars, constexprs and the grid, inferred from "
                              "the kernel and its Python wrapper.\n\n") + engine));

    m_diagnostics = new DiagnosticsView;
    m_diagnostics->setEmptyText(tr("No diagnostics."));
    addPane(QStringLiteral("diagnostics"), tr("Diagnostics"), m_diagnostics);

    connect(m_diagnostics, &DiagnosticsView::locationActivated, this, &MainWindow::goToLocation);
}

void MainWindow::createActions() {
    createFileMenu();

    QMenu* lift = menuBar()->addMenu(tr("&Lift"));
    m_liftAction = lift->addAction(tr("&Lift Kernel"));
    m_liftAction->setShortcut(Qt::Key_F5);
    m_liftAction->setEnabled(false);
    m_liftAction->setStatusTip(tr(kEngineMissing));
    m_liftAction->setToolTip(tr(kEngineMissing));

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    QAction* goLine = go->addAction(tr("Go to &Line\u2026"), this, &MainWindow::goToLine);
    goLine->setShortcut(Qt::CTRL | Qt::Key_L);

    createViewMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About tritonlift-explorer"), this, [this] {
        QMessageBox::about(this, tr("About tritonlift-explorer"),
                           tr("<b>tritonlift-explorer</b> %1<br>Lifts Triton kernels to verified "
                              "mathematics.")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open\u2026"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    m_reloadAction = file->addAction(tr("Re&load"), this, [this] { reload(); });
    m_reloadAction->setShortcut(Qt::CTRL | Qt::Key_R);
    m_reloadAction->setEnabled(false);
    file->addSeparator();
    QAction* prefs = file->addAction(tr("&Preferences\u2026"), this, &MainWindow::showPreferences);
    prefs->setShortcut(Qt::CTRL | Qt::Key_Comma);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::createViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_dockOrder.size(); ++i) {
        QAction* toggle = m_docks.value(m_dockOrder[i])->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        view->addAction(toggle);
    }
    view->addSeparator();
    view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
}

void MainWindow::createStatusBar() {
    m_positionLabel = new QLabel;
    m_languageLabel = new QLabel;
    m_engineLabel = new QLabel(tr("Engine: not connected"));
    m_engineLabel->setToolTip(tr(kEngineMissing));
    for (QLabel* label : {m_positionLabel, m_languageLabel, m_engineLabel}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }
    connect(m_source, &SourceView::cursorMoved, this, [this](int line, int col) {
        m_positionLabel->setText(tr("Ln %1, Col %2").arg(line).arg(col));
    });
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    for (const QString& f : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); });
        a->setToolTip(f);
        a->setStatusTip(f);
    }
    if (files.isEmpty()) m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [this] { m_recent->clear(); })
        ->setEnabled(!files.isEmpty());
}

QStringList MainWindow::recentFiles() const { return m_recent->files(); }

void MainWindow::openDialog() {
    const QString start = m_file.isEmpty() ? QString() : QFileInfo(m_file).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Kernel"), start,
        tr("Triton kernels (*.py *.ttir);;Python (*.py);;TTIR (*.ttir);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

bool MainWindow::openFile(const QString& path) {
    const LoadedText loaded = readTextFile(path);
    if (!loaded.error.isEmpty()) {
        reportOpenFailure(path, loaded.error);
        return false;
    }
    m_file = QFileInfo(path).absoluteFilePath();
    m_source->setSource(loaded.text, SourceView::languageForFile(m_file));
    m_sourceStack->setCurrentWidget(m_source);
    m_diagnostics->diagnosticsModel()->clear();
    m_recent->add(m_file);
    m_reloadAction->setEnabled(true);
    const QString name = QFileInfo(m_file).fileName();
    setWindowFilePath(m_file);
    setWindowTitle(tr("%1 \u2014 %2").arg(name, QApplication::applicationName()));
    m_languageLabel->setText(m_source->language() == SourceView::Language::Python
                                 ? tr("Python / Triton")
                                 : tr("Plain text"));
    const int lines = m_source->lineCount();
    statusBar()->showMessage(lines == 1 ? tr("Opened %1 (1 line)").arg(m_file)
                                        : tr("Opened %1 (%2 lines)").arg(m_file).arg(lines));
    updateFormulaPlaceholder();
    emit fileOpened(m_file);
    return true;
}

bool MainWindow::reload() {
    if (m_file.isEmpty()) return false;
    const int line = m_source->currentLine();
    const int scroll = m_source->verticalScrollBar()->value();
    if (!openFile(m_file)) return false;
    m_source->scrollToRange(LineRange::wholeLines(line, line));
    m_source->verticalScrollBar()->setValue(scroll);
    return true;
}

void MainWindow::reportOpenFailure(const QString& path, const QString& reason) {
    DiagnosticItem d;
    d.severity = util::Severity::Error;
    d.category = QStringLiteral("file");
    d.message = tr("cannot open %1: %2").arg(QDir::toNativeSeparators(path), reason);
    d.file = QFileInfo(path).absoluteFilePath();
    m_diagnostics->diagnosticsModel()->append(d);
    m_docks.value(QStringLiteral("diagnostics"))->raise();
    statusBar()->showMessage(d.message);
}

void MainWindow::goToLine() {
    if (m_file.isEmpty()) return;
    bool ok = false;
    const int line = QInputDialog::getInt(this, tr("Go to Line"), tr("Line:"), m_source->currentLine(),
                                          1, m_source->lineCount(), 1, &ok);
    if (ok) goToLocation(m_file, line, 1);
}

void MainWindow::goToLocation(const QString& file, int line, int col) {
    if (QFileInfo(file).absoluteFilePath() != m_file && !openFile(file)) return;
    const LineRange target = LineRange::wholeLines(line, line);
    m_source->setHighlights({target}, m_source->codeColors().linkedRange);
    m_source->scrollToRange(LineRange::span(line, std::max(1, col), line, std::max(1, col)));
    m_docks.value(QStringLiteral("source"))->raise();
    m_source->setFocus();
}

void MainWindow::updateFormulaPlaceholder() {
    if (m_file.isEmpty()) {
        m_math->setPlaceholder(
            tr("No kernel open"),
            tr("Open a Triton kernel with File \u203a Open (Ctrl+O) or drop it on the window. Its "
               "lifted summary is typeset here, with its verdict and the assumptions it rests on."));
        return;
    }
    m_math->setPlaceholder(
        tr("No formulas yet"),
        tr("The lifted summary of %1 will be typeset here: one formula per output tensor, with its "
           "verdict (proved, proved up to a size, tested, refuted, unknown) and every assumption it "
           "rests on.\n\nLifting (F5) needs the lifting engine, which is not connected to the "
           "explorer yet.")
            .arg(QFileInfo(m_file).fileName()));
}

void MainWindow::resetLayout() {
    for (QDockWidget* d : std::as_const(m_docks)) {
        d->setFloating(false);
        removeDockWidget(d);
        d->show();
    }
    QFile file(QStringLiteral(":/explorer/default_layout.json"));
    QString error;
    DockLayout layout;
    const bool ok = file.open(QIODevice::ReadOnly) && layout.parse(file.readAll(), &error) &&
                    layout.apply(this, m_docks, &error);
    if (ok) return;
    // A broken resource is a build error; keep every pane reachable anyway.
    qWarning().noquote() << "default layout:" << (error.isEmpty() ? file.errorString() : error);
    for (const QString& name : std::as_const(m_dockOrder))
        addDockWidget(Qt::LeftDockWidgetArea, m_docks.value(name));
}

void MainWindow::saveLayout() {
    m_settings->setValue(QStringLiteral("layout/version"), kLayoutVersion);
    m_settings->setValue(QStringLiteral("layout/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("layout/state"), saveState(kLayoutVersion));
    m_settings->sync();
}

bool MainWindow::restoreLayout() {
    if (m_settings->value(QStringLiteral("layout/version")).toInt() != kLayoutVersion) return false;
    const QByteArray state = m_settings->value(QStringLiteral("layout/state")).toByteArray();
    return !state.isEmpty() && restoreState(state, kLayoutVersion);
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(m_preferences, this);
    const Preferences before = m_preferences;
    connect(&dialog, &PreferencesDialog::previewRequested, this,
            [this](const Preferences& p) { applyPreferences(p, false); });
    applyPreferences(dialog.exec() == QDialog::Accepted ? dialog.preferences() : before);
}

void MainWindow::applyPreferences(const Preferences& preferences, bool save) {
    m_preferences = preferences;
    if (save) m_preferences.save(*m_settings);
    applyTheme();
}

void MainWindow::applyTheme() {
    const ThemeMode mode = m_preferences.theme;
    // An empty palette gives the platform's own back.
    QApplication::setPalette(mode == ThemeMode::System ? QPalette()
                                                       : Theme::forMode(mode, {}).palette);
    const Theme theme = Theme::forMode(mode, QApplication::palette());
    setStyleSheet(chromeStyleSheet(QApplication::palette()));
    m_source->setCodeColors(theme.code);
    m_source->setCodeFontSize(m_preferences.fontSize);
    m_math->setDarkTheme(theme.isDark);
    m_math->setFontPointSize(m_preferences.fontSize);
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    // Following the system: a new system palette recolours the code and the formulas.
    if (event->type() == QEvent::PaletteChange && m_preferences.theme == ThemeMode::System) {
        const Theme theme = Theme::forMode(ThemeMode::System, palette());
        if (theme.isDark != m_math->darkTheme()) {
            setStyleSheet(chromeStyleSheet(palette()));
            m_source->setCodeColors(theme.code);
            m_math->setDarkTheme(theme.isDark);
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (firstLocalFile(event->mimeData()).isEmpty()) return event->ignore();
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = firstLocalFile(event->mimeData());
    if (path.isEmpty()) return event->ignore();
    event->acceptProposedAction();
    openFile(path);
}

} // namespace tlift::widgets
