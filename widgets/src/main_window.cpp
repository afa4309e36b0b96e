#include "tlift/widgets/main_window.h"

#include "tlift/widgets/diagnostics_view.h"
#include "tlift/widgets/dock_layout.h"
#include "tlift/widgets/empty_state.h"
#include "tlift/widgets/lift_formulas.h"
#include "tlift/widgets/math_view.h"
#include "tlift/widgets/recent_files.h"
#include "tlift/widgets/search_pane.h"
#include "tlift/widgets/search_tree_model.h"
#include "tlift/widgets/source_view.h"
#include "tlift/widgets/trace_model.h"
#include "tlift/widgets/trace_pane.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
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
#include <QToolBar>

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

const QString kChannel = QStringLiteral("file");

} // namespace

MainWindow::MainWindow(QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_recent(std::make_unique<RecentFiles>(settings)),
      m_preferences(Preferences::load(*settings)), m_bridge(new JobBridge(this)) {
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks | GroupedDragging);
    setWindowTitle(QApplication::applicationName());
    createPanes();
    createActions();
    createStatusBar();
    connectBridge();
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

    m_trace = new TracePane;
    m_trace->setEmptyText(tr("No trace yet"),
                          tr("Lift the kernel (Ctrl+L): every statement appears here with what it "
                             "did to the block values, as formulas over the program ids and lane "
                             "indices; selecting a step marks its source lines."));
    addPane(QStringLiteral("trace"), tr("Trace"), m_trace);
    m_search = new SearchPane;
    m_search->setEmptyText(tr("No search yet"),
                           tr("Lift the kernel (Ctrl+L): the synthesis search grows here, every "
                              "candidate with the rule that made it and its fate (expanded, pruned, "
                              "refuted, tested, verified). Lift \u203a Lift Paused stops before the "
                              "first search event, to step through it."));
    addPane(QStringLiteral("search"), tr("Search tree"), m_search);
    addPane(QStringLiteral("egraph"), tr("E-graph"),
            new EmptyState(tr("No e-graph view yet"),
                           tr("This pane does not draw the e-graph yet. The rules the "
                              "simplification used are listed under each formula in the Formula "
                              "pane (\u201cE-graph rules used\u201d).")));
    addPane(QStringLiteral("launch"), tr("Launch context"),
            new EmptyState(tr("No launch context view yet"),
                           tr("This pane does not show the launch context yet. The facts a lift "
                              "inferred (shapes, strides, grid, constexprs) are listed with the "
                              "assumptions of each formula in the Formula pane.")));

    m_diagnostics = new DiagnosticsView;
    m_diagnostics->setEmptyText(tr("No diagnostics."));
    addPane(QStringLiteral("diagnostics"), tr("Diagnostics"), m_diagnostics);

    connect(m_diagnostics, &DiagnosticsView::locationActivated, this, &MainWindow::goToLocation);
    connect(m_trace, &TracePane::stepSelected, this, [this](int stepId) {
        highlightSource(m_trace->model()->range(m_trace->model()->rowOfStep(stepId)));
    });
    connect(m_source, &SourceView::lineActivated, this, [this](int line) {
        const QVector<int> rows = m_trace->model()->rowsOnLine(line);
        QVector<int> steps;
        for (int r : rows) steps << m_trace->model()->step(r)->id;
        if (steps.isEmpty()) return;
        m_trace->selectSteps(steps);
        QVector<LineRange> ranges;
        for (int r : rows) ranges << m_trace->model()->range(r);
        m_source->setHighlights(ranges, m_source->codeColors().linkedRange);
    });
    connect(m_search, &SearchPane::nodeSelected, this, [this](int id) {
        const synth::SearchNode* n = m_search->model()->node(id);
        if (n && n->span.valid()) highlightSource(m_trace->model()->spans().range(n->span));
    });
}

void MainWindow::createActions() {
    createFileMenu();

    QMenu* lift = menuBar()->addMenu(tr("&Lift"));
    m_liftAction = lift->addAction(tr("&Lift"), this, [this] { this->lift(); });
    m_liftAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_L), QKeySequence(Qt::Key_F5)});
    m_liftAction->setToolTip(tr("Lift the kernel: trace, synthesize, verify, simplify (Ctrl+L)"));
    QAction* liftPaused = lift->addAction(tr("Lift &Paused"), this, [this] { this->lift(true); });
    liftPaused->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_L);
    liftPaused->setToolTip(tr("Lift, stopping before the first search event (then step)"));
    lift->addSeparator();
    m_pauseAction = lift->addAction(tr("P&ause"), this, [this] { m_bridge->pause(kChannel); });
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_stepAction = lift->addAction(tr("&Step"), this, [this] { m_bridge->step(kChannel); });
    m_stepAction->setShortcut(Qt::Key_F10);
    m_stepAction->setToolTip(tr("Let one more search event through, then pause (F10)"));
    m_resumeAction = lift->addAction(tr("&Resume"), this, [this] { m_bridge->resume(kChannel); });
    m_resumeAction->setShortcut(Qt::Key_F8);
    m_cancelAction = lift->addAction(tr("&Cancel"), this, [this] { m_bridge->cancel(kChannel); });
    m_cancelAction->setShortcut(Qt::SHIFT | Qt::Key_F5);

    m_toolBar = addToolBar(tr("Lift"));
    m_toolBar->setObjectName(QStringLiteral("toolbar.lift"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_liftAction);
    m_kernelBox = new QComboBox;
    m_kernelBox->setToolTip(tr("The kernel to lift (the file's kernels are known after a lift)"));
    m_kernelBox->setMinimumContentsLength(16);
    m_kernelBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_toolBar->addWidget(new QLabel(tr(" Kernel: ")));
    m_toolBar->addWidget(m_kernelBox);
    m_toolBar->addSeparator();
    for (QAction* a : {m_pauseAction, m_stepAction, m_resumeAction, m_cancelAction}) {
        m_toolBar->addAction(a);
        m_search->controls()->addAction(a);
    }

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    QAction* goLine = go->addAction(tr("Go to &Line\u2026"), this, &MainWindow::goToLine);
    goLine->setShortcut(Qt::CTRL | Qt::Key_G);

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
    m_engineLabel = new QLabel(tr("Engine: idle"));
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
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // The results of a lift belong to the text they were lifted from.
    m_bridge->forget(kChannel);
    m_result.reset();
    m_trace->setTrace(nullptr);
    m_search->reset(QString());
    m_math->setFormulas({});
    if (absolute != m_file) m_kernelBox->clear();
    m_file = absolute;
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
           "rests on.\n\nPress Lift (Ctrl+L) to lift the kernel.")
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
    m_trace->detailView()->setDarkTheme(theme.isDark);
    m_trace->setLinkColor(theme.code.linkedRange);
    m_search->setDarkTheme(theme.isDark);
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
            m_trace->detailView()->setDarkTheme(theme.isDark);
            m_trace->setLinkColor(theme.code.linkedRange);
            m_search->setDarkTheme(theme.isDark);
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

void MainWindow::connectBridge() {
    connect(m_bridge, &JobBridge::busyChanged, this, [this] { updateRunActions(); });
    connect(m_bridge, &JobBridge::pausedChanged, this, [this](const QString& channel, bool paused) {
        updateRunActions();
        if (channel == kChannel) m_search->setRunState(m_bridge->isBusy(kChannel), paused);
    });
    connect(m_bridge, &JobBridge::progress, this,
            [this](const QString&, quint64, const QString& stage, double fraction) {
                m_search->setProgress(stage, fraction);
                m_engineLabel->setText(tr("Engine: %1 %2%").arg(stage).arg(qRound(fraction * 100)));
            });
    connect(m_bridge, &JobBridge::traced, this, [this](const QString&, quint64, TracePtr t) { onTraced(t); });
    connect(m_bridge, &JobBridge::searchNodes, this,
            [this](const QString&, quint64, const QVector<SearchNodePtr>& nodes) { m_search->addNodes(nodes); });
    connect(m_bridge, &JobBridge::jobFinished, this,
            [this](const QString&, quint64 job, int state, ResultPtr result, TracePtr trace, const QString& message) {
                onFinished(job, state, result, trace, message);
            });
    updateRunActions();
}

QString MainWindow::selectedKernel() const {
    return m_kernelBox->count() > 1 ? m_kernelBox->currentText() : QString();
}

bool MainWindow::isLifting() const { return m_bridge->isBusy(kChannel); }

bool MainWindow::lift(bool paused) {
    if (m_file.isEmpty()) {
        statusBar()->showMessage(tr("Open a kernel first (Ctrl+O)."));
        return false;
    }
    engine::LiftOptions options = m_liftOptions;
    options.kernel = selectedKernel().toStdString();
    m_result.reset();
    m_trace->setTrace(nullptr);
    const QString name = QFileInfo(m_file).fileName();
    m_search->reset(tr("starting"));
    m_math->setPlaceholder(tr("Lifting %1\u2026").arg(name),
                           tr("Tracing, synthesizing, verifying and simplifying. The trace and the "
                              "search tree fill in as the engine reports them."));
    m_math->setFormulas({});
    m_diagnostics->diagnosticsModel()->clear();
    const JobPtr job = m_bridge->startLift(kChannel, m_file, options, paused);
    m_engineLabel->setText(paused ? tr("Engine: paused") : tr("Engine: lifting"));
    statusBar()->showMessage(tr("Lifting %1 (job %2)\u2026").arg(name).arg(job->id()));
    emit liftStarted(job->id());
    return true;
}

void MainWindow::updateRunActions() {
    const bool busy = m_bridge->isBusy(kChannel);
    const bool paused = m_bridge->isPaused(kChannel);
    m_pauseAction->setEnabled(busy && !paused);
    m_stepAction->setEnabled(busy);
    m_resumeAction->setEnabled(busy && paused);
    m_cancelAction->setEnabled(busy);
    if (busy && paused) m_engineLabel->setText(tr("Engine: paused"));
}

void MainWindow::onTraced(const TracePtr& trace) {
    m_trace->setTrace(trace);
    fillKernelPicker(trace);
    if (trace && trace->diagnostics.hasErrors()) showDiagnostics(nullptr, trace, QString());
}

void MainWindow::fillKernelPicker(const TracePtr& trace) {
    if (!trace || !trace->source) return;
    const QSignalBlocker block(m_kernelBox);
    m_kernelBox->clear();
    for (const synth::KernelEntry& k : trace->source->kernels) m_kernelBox->addItem(QString::fromStdString(k.name));
    m_kernelBox->setCurrentText(QString::fromStdString(trace->kernel));
    m_kernelBox->setEnabled(m_kernelBox->count() > 1);
}

void MainWindow::onFinished(quint64 job, int state, const ResultPtr& result, const TracePtr& trace,
                            const QString& message) {
    const auto s = static_cast<engine::JobState>(state);
    m_result = result;
    if (trace && m_trace->model()->trace() != trace) onTraced(trace);
    m_search->setResult(result, state);
    const QString name = QFileInfo(m_file).fileName();
    if (result && !result->outputs.empty()) {
        m_math->setFormulas(formulaItemsFrom(*result));
    } else {
        m_math->setFormulas({});
        m_math->setPlaceholder(s == engine::JobState::Cancelled ? tr("Lift cancelled") : tr("No summary"),
                               s == engine::JobState::Cancelled
                                   ? tr("The lift of %1 was cancelled before it produced a summary.").arg(name)
                                   : tr("The lift of %1 produced no summary; the Diagnostics pane says why.")
                                         .arg(name));
    }
    showDiagnostics(result, trace, message);
    QString summary;
    if (result) {
        summary = tr("%1: %2 in %3 ms")
                      .arg(name, QString::fromLatin1(synth::statusName(result->overall())))
                      .arg(qRound(result->timings.total));
    } else {
        summary = tr("%1: %2").arg(name, QString::fromLatin1(engine::jobStateName(s)));
    }
    statusBar()->showMessage(summary);
    m_engineLabel->setText(tr("Engine: %1").arg(QString::fromLatin1(engine::jobStateName(s))));
    updateRunActions();
    emit liftFinished(job, state);
}

void MainWindow::showDiagnostics(const ResultPtr& result, const TracePtr& trace, const QString& message) {
    QVector<DiagnosticItem> items;
    const TracePtr t = trace ? trace : (result ? result->trace : nullptr);
    const util::SourceManager* sm = t && t->source ? t->source->sm.get() : nullptr;
    if (t) items += diagnosticItemsFrom(t->diagnostics, sm);
    if (result) items += diagnosticItemsFrom(result->diagnostics, sm);
    if (!message.isEmpty()) {
        // A failed job's message is the formatted diagnostic ("file:line:col: error: ...").
        DiagnosticItem d;
        d.severity = util::Severity::Error;
        d.category = QStringLiteral("lift");
        d.message = message.trimmed();
        d.file = m_file;
        const QStringList head = message.section(QLatin1Char('\n'), 0, 0).split(QLatin1Char(':'));
        if (head.size() >= 4) {
            bool okLine = false, okCol = false;
            const int line = head.value(1).toInt(&okLine);
            const int col = head.value(2).toInt(&okCol);
            if (okLine && okCol) {
                d.file = QFileInfo(head.value(0)).absoluteFilePath();
                d.line = line;
                d.col = col;
                QString text = head.mid(3).join(QLatin1Char(':')).trimmed();
                if (text.startsWith(QLatin1String("error:"))) text = text.mid(6).trimmed();
                d.message = text;
            }
        }
        items.push_back(d);
    }
    // The result repeats the trace's diagnostics.
    QVector<DiagnosticItem> unique;
    for (const DiagnosticItem& d : std::as_const(items)) {
        const bool seen = std::any_of(unique.begin(), unique.end(), [&](const DiagnosticItem& u) {
            return u.message == d.message && u.line == d.line && u.col == d.col && u.file == d.file;
        });
        if (!seen) unique.push_back(d);
    }
    items = unique;
    m_diagnostics->diagnosticsModel()->setDiagnostics(items);
    if (!items.isEmpty()) {
        for (const DiagnosticItem& d : std::as_const(items))
            if (d.severity == util::Severity::Error) {
                m_docks.value(QStringLiteral("diagnostics"))->raise();
                break;
            }
    }
}

void MainWindow::highlightSource(const LineRange& range) {
    if (!range.valid()) {
        m_source->setHighlights({}, m_source->codeColors().linkedRange);
        return;
    }
    m_source->setHighlights({range}, m_source->codeColors().linkedRange);
    m_source->scrollToRange(range);
}

} // namespace tlift::widgets
