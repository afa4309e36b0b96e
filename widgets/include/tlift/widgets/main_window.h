#pragma once
// The explorer's window: the kernel source and the panes of a lift in docks the user arranges,
// the menus and shortcuts, recent files, drag and drop, and the saved layout. Lift (Ctrl+L)
// runs the engine on the current file in the background (through a JobBridge): the trace, the
// search tree as it grows, the typeset summary with its verdict, and the diagnostics arrive in
// their panes; pause, step, resume and cancel drive the job.

#include "tlift/widgets/job_bridge.h"
#include "tlift/widgets/line_range.h"
#include "tlift/widgets/preferences_dialog.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QStackedWidget;
class QToolBar;

namespace tlift::widgets {

class DiagnosticsView;
class MathView;
class RecentFiles;
class SearchPane;
class SourceView;
class TracePane;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Bump when docks are added or renamed: a saved layout of another version is not restored.
    static constexpr int kLayoutVersion = 1;

    // `settings` (not owned) keeps the layout, the recent files and the preferences.
    explicit MainWindow(QSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the file's text; on failure reports why in the diagnostics pane and returns false.
    bool openFile(const QString& path);
    bool reload();
    QString currentFile() const { return m_file; }

    SourceView* sourceView() const { return m_source; }
    MathView* mathView() const { return m_math; }
    DiagnosticsView* diagnosticsView() const { return m_diagnostics; }
    TracePane* tracePane() const { return m_trace; }
    SearchPane* searchPane() const { return m_search; }
    JobBridge* bridge() const { return m_bridge; }
    QToolBar* toolBar() const { return m_toolBar; }
    QDockWidget* dock(const QString& name) const { return m_docks.value(name); }
    QStringList dockNames() const;
    // Lift (Ctrl+L, F5): lifts the current file's kernel (the one picked, else the first).
    QAction* liftAction() const { return m_liftAction; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* resumeAction() const { return m_resumeAction; }
    QAction* cancelAction() const { return m_cancelAction; }

    // Starts a lift of the current file; false when no file is open. With `paused` the job stops
    // before its first search event (for stepping through the search).
    bool lift(bool paused = false);
    bool isLifting() const;
    // The last finished lift (null before one finished, or while a new one runs).
    ResultPtr lastResult() const { return m_result; }
    // The kernel to lift: empty for the file's first kernel.
    QString selectedKernel() const;
    // Options of the next lift (seed, budgets); the kernel is taken from the picker.
    void setLiftOptions(const engine::LiftOptions& options) { m_liftOptions = options; }

    void resetLayout();
    void saveLayout();
    bool restoreLayout(); // false when nothing (or an older version) was saved
    QStringList recentFiles() const;

    Preferences preferences() const { return m_preferences; }
    // Applies them now; with `save` they are also kept for the next start.
    void applyPreferences(const Preferences& preferences, bool save = true);
    void showPreferences();

signals:
    void fileOpened(const QString& path);
    void liftStarted(quint64 job);
    // A lift ended (finished, cancelled or failed) and its results are in the panes.
    void liftFinished(quint64 job, int state);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createPanes();
    QDockWidget* addPane(const QString& name, const QString& title, QWidget* widget);
    void createActions();
    void createFileMenu();
    void createViewMenu();
    void createStatusBar();
    void fillRecentMenu();
    void openDialog();
    void goToLine();
    void goToLocation(const QString& file, int line, int col);
    void reportOpenFailure(const QString& path, const QString& reason);
    void updateFormulaPlaceholder();
    void applyTheme();
    void connectBridge();
    void updateRunActions();
    void onTraced(const TracePtr& trace);
    void onFinished(quint64 job, int state, const ResultPtr& result, const TracePtr& trace, const QString& message);
    void showDiagnostics(const ResultPtr& result, const TracePtr& trace, const QString& message);
    void fillKernelPicker(const TracePtr& trace);
    void highlightSource(const LineRange& range);

    QSettings* m_settings;
    std::unique_ptr<RecentFiles> m_recent;
    Preferences m_preferences;
    QString m_file;

    QStackedWidget* m_sourceStack = nullptr;
    SourceView* m_source = nullptr;
    MathView* m_math = nullptr;
    DiagnosticsView* m_diagnostics = nullptr;
    TracePane* m_trace = nullptr;
    SearchPane* m_search = nullptr;
    JobBridge* m_bridge = nullptr;
    engine::LiftOptions m_liftOptions;
    ResultPtr m_result;
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_kernelBox = nullptr;
    QHash<QString, QDockWidget*> m_docks;
    QStringList m_dockOrder;

    QMenu* m_recentMenu = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_liftAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QLabel* m_positionLabel = nullptr;
    QLabel* m_languageLabel = nullptr;
    QLabel* m_engineLabel = nullptr;
};

} // namespace tlift::widgets
