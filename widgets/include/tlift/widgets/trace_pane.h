#pragma once
// The Trace pane: the steps of symbolic execution in a filterable table, and the selected step's
// lane expression typeset below it. Selecting a step reports it (the source view marks its
// span); selectSteps() is how a click on a source line selects the steps of that line.

#include "tlift/widgets/job_bridge.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace tlift::widgets {

class EmptyState;
class MathView;
class TraceFilterModel;
class TraceModel;

class TracePane : public QWidget {
    Q_OBJECT
public:
    explicit TracePane(QWidget* parent = nullptr);

    void setTrace(TracePtr trace);
    void setEmptyText(const QString& title, const QString& text);
    TraceModel* model() const { return m_model; }
    TraceFilterModel* filterModel() const { return m_filter; }
    QTableView* view() const { return m_view; }
    MathView* detailView() const { return m_detail; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QComboBox* kindBox() const { return m_kindBox; }

    // Selects these steps (the first becomes current) without reporting them back.
    void selectSteps(const QVector<int>& stepIds);
    int currentStepId() const; // -1 when none
    void setLinkColor(const QColor& color);

signals:
    void stepSelected(int stepId);

private:
    void onCurrentChanged();
    void showDetail(int row);
    void updateCount();

    TraceModel* m_model;
    TraceFilterModel* m_filter;
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    QTableView* m_view;
    QLineEdit* m_filterEdit;
    QComboBox* m_kindBox;
    QLabel* m_count;
    QLabel* m_detailHeader;
    MathView* m_detail;
    bool m_selecting = false;
};

} // namespace tlift::widgets
