#include "tlift/widgets/trace_model.h"

#include <QFileInfo>

namespace tlift::widgets {
namespace {

// Terms are DAGs; their text is a tree and can be exponentially long. Past this many tree nodes
// a step says how large its term is instead of printing it.
constexpr std::size_t kMaxTextNodes = 20000;
constexpr std::size_t kMaxLatexNodes = 4000;
constexpr int kMaxCellChars = 400;

QString shapeText(const symexec::Shape& shape) {
    QStringList dims;
    for (std::int64_t d : shape) dims << QString::number(d);
    return QStringLiteral("[%1]").arg(dims.join(QStringLiteral(", ")));
}

QString tooLarge(std::size_t nodes) {
    return QObject::tr("(a term of %1 nodes, too large to print)").arg(nodes);
}

} // namespace

TraceModel::TraceModel(QObject* parent) : QAbstractTableModel(parent) {}

QString TraceModel::kindName(symexec::StepKind kind) { return QString::fromLatin1(symexec::stepKindName(kind)); }

void TraceModel::setTrace(TracePtr trace) {
    beginResetModel();
    m_trace = trace && trace->spec ? std::move(trace) : nullptr;
    m_spans = SpanMapper(m_trace ? m_trace->source : nullptr);
    m_ranges.clear();
    m_texts.clear();
    if (m_trace)
        for (const symexec::TraceStep& s : m_trace->spec->trace) m_ranges.push_back(m_spans.range(s.span));
    endResetModel();
}

const symexec::TraceStep* TraceModel::step(int row) const {
    if (!m_trace || row < 0 || row >= rowCount()) return nullptr;
    return &m_trace->spec->trace[static_cast<std::size_t>(row)];
}

int TraceModel::rowOfStep(int stepId) const {
    if (!m_trace) return -1;
    const auto& steps = m_trace->spec->trace;
    // Ids are the positions in practice; search when they are not.
    if (stepId >= 0 && stepId < rowCount() && steps[static_cast<std::size_t>(stepId)].id == stepId) return stepId;
    for (int r = 0; r < rowCount(); ++r)
        if (steps[static_cast<std::size_t>(r)].id == stepId) return r;
    return -1;
}

LineRange TraceModel::range(int row) const { return row >= 0 && row < m_ranges.size() ? m_ranges[row] : LineRange{}; }

QVector<int> TraceModel::rowsOnLine(int line) const {
    QVector<int> rows;
    for (int r = 0; r < m_ranges.size(); ++r)
        if (m_ranges[r].containsLine(line)) rows.push_back(r);
    return rows;
}

QString TraceModel::valueText(int row) const {
    const symexec::TraceStep* s = step(row);
    if (!s) return {};
    if (s->kind == symexec::StepKind::Loop) return QString::fromStdString(s->description);
    if (!s->value) return QString::fromStdString(s->description);
    const std::size_t nodes = engine::treeSize(s->value);
    if (nodes > kMaxTextNodes) return tooLarge(nodes);
    const QString text = QString::fromStdString(engine::toText(s->value));
    return s->isPointer ? QStringLiteral("&%1[%2]").arg(QString::fromStdString(s->pointerBuffer), text) : text;
}

QString TraceModel::valueLatex(int row) const {
    const symexec::TraceStep* s = step(row);
    if (!s || !s->value || s->kind == symexec::StepKind::Loop) return {};
    const std::size_t nodes = engine::treeSize(s->value);
    if (nodes > kMaxLatexNodes) return QStringLiteral("\\text{%1}").arg(tooLarge(nodes));
    QString lhs = QString::fromStdString(s->target.empty() ? std::string(symexec::stepKindName(s->kind)) : s->target);
    lhs = QString::fromStdString(engine::latexName(lhs.toStdString()));
    const QString value = QString::fromStdString(engine::toLatex(s->value));
    if (s->isPointer)
        return QStringLiteral("%1 = \\&\\,%2\\left[%3\\right]")
            .arg(lhs, QString::fromStdString(engine::latexName(s->pointerBuffer)), value);
    return lhs + QStringLiteral(" = ") + value;
}

QString TraceModel::cachedText(int row) const {
    auto it = m_texts.find(row);
    if (it != m_texts.end()) return *it;
    QString text = valueText(row);
    if (text.size() > kMaxCellChars) text = text.left(kMaxCellChars) + QStringLiteral("\u2026");
    m_texts.insert(row, text);
    return text;
}

int TraceModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_trace) return 0;
    return static_cast<int>(m_trace->spec->trace.size());
}

int TraceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TraceModel::data(const QModelIndex& index, int role) const {
    const symexec::TraceStep* s = index.isValid() ? step(index.row()) : nullptr;
    if (!s) return {};
    const LineRange r = m_ranges[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn: return s->id;
        case KindColumn: return kindName(s->kind);
        case LineColumn: return r.valid() ? QVariant(r.line) : QVariant(QStringLiteral("\u2013"));
        case TargetColumn:
            return s->kind == symexec::StepKind::Store ? QStringLiteral("\u2192 %1").arg(QString::fromStdString(s->target))
                                                       : QString::fromStdString(s->target);
        case ShapeColumn: return s->shape.empty() ? QStringLiteral("scalar") : shapeText(s->shape);
        case ValueColumn: return cachedText(index.row());
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = QString::fromStdString(s->description);
        const QString where = m_spans.path(s->span);
        if (!where.isEmpty())
            tip = QStringLiteral("%1:%2\n%3").arg(QFileInfo(where).fileName()).arg(s->span.line).arg(tip);
        if (index.column() == ValueColumn) tip += QStringLiteral("\n\n") + cachedText(index.row());
        return tip;
    }
    case Qt::TextAlignmentRole:
        return index.column() == StepColumn || index.column() == LineColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case StepIdRole: return s->id;
    case KindRole: return static_cast<int>(s->kind);
    case LineRole: return r.line;
    case EndLineRole: return r.endLine;
    default: return {};
    }
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case StepColumn: return tr("#");
    case KindColumn: return tr("Kind");
    case LineColumn: return tr("Line");
    case TargetColumn: return tr("Target");
    case ShapeColumn: return tr("Shape");
    case ValueColumn: return tr("Lane expression");
    default: return {};
    }
}

} // namespace tlift::widgets
