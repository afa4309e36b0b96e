#pragma once
// The Search tree pane: the synthesis search growing live, nodes coloured by fate with the
// reason on hover, counters per fate, the stage's progress, and the run controls (pause, step,
// resume, cancel: the window's actions). Big trees stay responsive: children come a page at a
// time, pruned nodes can be hidden, and the pane says how many nodes are shown. Ctrl+wheel,
// Ctrl++ and Ctrl+- zoom.

#include "tlift/widgets/job_bridge.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QTreeView;

namespace tlift::widgets {

class EmptyState;
class SearchFilterModel;
class SearchTreeModel;

class SearchPane : public QWidget {
    Q_OBJECT
public:
    explicit SearchPane(QWidget* parent = nullptr);

    SearchTreeModel* model() const { return m_model; }
    SearchFilterModel* filterModel() const { return m_filter; }
    QTreeView* view() const { return m_view; }
    QToolBar* controls() const { return m_controls; }
    QProgressBar* progressBar() const { return m_progress; }

    void reset(const QString& what);     // a new job: empty tree, "what" in the status line
    void addNodes(const QVector<SearchNodePtr>& nodes);
    void setProgress(const QString& stage, double fraction);
    void setRunState(bool busy, bool paused);
    void setResult(const ResultPtr& result, int jobState);
    void setEmptyText(const QString& title, const QString& text);
    void setDarkTheme(bool dark);
    void selectNode(int id);
    int currentNodeId() const;
    void zoom(int steps);

signals:
    void nodeSelected(int id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCounters();
    void onCurrentChanged();
    void showDetail(int id);
    void followLatest();

    SearchTreeModel* m_model;
    SearchFilterModel* m_filter;
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    QToolBar* m_controls;
    QProgressBar* m_progress;
    QLabel* m_stage;
    QLabel* m_counters;
    QLabel* m_shown;
    QCheckBox* m_hidePruned;
    QCheckBox* m_follow;
    QLineEdit* m_filterEdit;
    QTreeView* m_view;
    QLabel* m_detail;
    QString m_finalCounters;
    bool m_dark = false;
    bool m_selecting = false;
    int m_basePointSize = 0;
    int m_zoom = 0;
};

} // namespace tlift::widgets
