#pragma once
// The steps of symbolic execution (Spec::trace) as a table: step number, kind, line, target,
// block shape and the lane expression in the text form. The LaTeX of a step's expression is
// made on demand (for the detail view), never for the whole list.

#include "tlift/widgets/job_bridge.h"
#include "tlift/widgets/span_mapper.h"

#include <QAbstractTableModel>
#include <QHash>

namespace tlift::widgets {

class TraceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StepColumn, KindColumn, LineColumn, TargetColumn, ShapeColumn, ValueColumn, ColumnCount };
    enum Role { StepIdRole = Qt::UserRole + 1, KindRole, LineRole, EndLineRole };

    explicit TraceModel(QObject* parent = nullptr);

    void setTrace(TracePtr trace);
    void clear() { setTrace(nullptr); }
    const TracePtr& trace() const { return m_trace; }
    const SpanMapper& spans() const { return m_spans; }

    const symexec::TraceStep* step(int row) const;
    int rowOfStep(int stepId) const; // -1 when unknown
    LineRange range(int row) const;
    // Rows whose span covers the line, in order.
    QVector<int> rowsOnLine(int line) const;
    QString valueText(int row) const;  // the full text form
    QString valueLatex(int row) const; // KaTeX input
    static QString kindName(symexec::StepKind kind);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cachedText(int row) const;

    TracePtr m_trace;
    SpanMapper m_spans;
    QVector<LineRange> m_ranges;
    mutable QHash<int, QString> m_texts; // row -> value text, filled as rows are shown
};

} // namespace tlift::widgets
