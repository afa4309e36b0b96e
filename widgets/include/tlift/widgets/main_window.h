#pragma once
// The explorer's window: the kernel source and the panes of a lift in docks the user arranges,
// the menus and shortcuts, recent files, drag and drop, and the saved layout. Panes fed by the
// lifting engine show what they are waiting for until the engine is connected.

#include "tlift/widgets/preferences_dialog.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QStackedWidget;

namespace tlift::widgets {

class DiagnosticsView;
class MathView;
class RecentFiles;
class SourceView;

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
    QDockWidget* dock(const QString& name) const { return m_docks.value(name); }
    QStringList dockNames() const;
    // Disabled until the engine is connected; whoever connects it enables it and handles it.
    QAction* liftAction() const { return m_liftAction; }

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

    QSettings* m_settings;
    std::unique_ptr<RecentFiles> m_recent;
    Preferences m_preferences;
    QString m_file;

    QStackedWidget* m_sourceStack = nullptr;
    SourceView* m_source = nullptr;
    MathView* m_math = nullptr;
    DiagnosticsView* m_diagnostics = nullptr;
    QHash<QString, QDockWidget*> m_docks;
    QStringList m_dockOrder;

    QMenu* m_recentMenu = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_liftAction = nullptr;
    QLabel* m_positionLabel = nullptr;
    QLabel* m_languageLabel = nullptr;
    QLabel* m_engineLabel = nullptr;
};

} // namespace tlift::widgets
