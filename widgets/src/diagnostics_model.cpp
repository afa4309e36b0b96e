#include "tlift/widgets/diagnostics_model.h"

#include "tlift/widgets/line_range.h"

#include <QFileInfo>
#include <QIcon>
#include <QPainter>
#include <QSvgRenderer>

namespace tlift::widgets {
namespace {

// Model indexes of top-level rows carry id 0; a note carries its parent's row + 1.
constexpr quintptr kTopLevel = 0;

QIcon svgIcon(const QString& path) {
    QSvgRenderer renderer(path);
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

DiagnosticItem DiagnosticItem::fromUtil(const util::Diagnostic& d, const util::SourceManager* sm) {
    DiagnosticItem item;
    item.severity = d.severity;
    item.category = QString::fromStdString(d.category);
    item.message = QString::fromStdString(d.message);
    if (sm && d.span.file != util::kNoFile) {
        item.file = QString::fromStdString(std::string(sm->path(d.span.file)));
        const QString text = QString::fromUtf8(sm->text(d.span.file));
        const LineRange r = toLineRange(d.span, text);
        item.line = r.line;
        item.col = r.col;
    } else {
        item.line = static_cast<int>(d.span.line);
        item.col = static_cast<int>(d.span.col);
    }
    // Notes of notes are flattened: the pane shows one level under each diagnostic.
    for (const util::Diagnostic& n : d.notes) {
        DiagnosticItem note = fromUtil(n, sm);
        QVector<DiagnosticItem> nested = std::move(note.notes);
        note.notes.clear();
        item.notes.push_back(std::move(note));
        item.notes.append(nested);
    }
    return item;
}

QString DiagnosticItem::location() const {
    if (file.isEmpty()) return {};
    QString s = QFileInfo(file).fileName();
    if (line > 0) s += QStringLiteral(":%1").arg(line);
    if (line > 0 && col > 0) s += QStringLiteral(":%1").arg(col);
    return s;
}

QVector<DiagnosticItem> diagnosticItemsFrom(const util::Diagnostics& diagnostics,
                                            const util::SourceManager* sm) {
    QVector<DiagnosticItem> items;
    for (const util::Diagnostic& d : diagnostics.items()) items.push_back(DiagnosticItem::fromUtil(d, sm));
    return items;
}

DiagnosticsModel::DiagnosticsModel(QObject* parent) : QAbstractItemModel(parent) {
    m_icons[int(util::Severity::Error)] = svgIcon(QStringLiteral(":/explorer/icons/error.svg"));
    m_icons[int(util::Severity::Warning)] = svgIcon(QStringLiteral(":/explorer/icons/warning.svg"));
    m_icons[int(util::Severity::Note)] = svgIcon(QStringLiteral(":/explorer/icons/note.svg"));
}

void DiagnosticsModel::setDiagnostics(const QVector<DiagnosticItem>& items) {
    beginResetModel();
    m_items = items;
    endResetModel();
}

void DiagnosticsModel::append(const DiagnosticItem& item) {
    const int row = static_cast<int>(m_items.size());
    beginInsertRows({}, row, row);
    m_items.push_back(item);
    endInsertRows();
}

void DiagnosticsModel::clear() { setDiagnostics({}); }

int DiagnosticsModel::count(util::Severity severity) const {
    return static_cast<int>(std::count_if(m_items.begin(), m_items.end(),
                                          [severity](const auto& d) { return d.severity == severity; }));
}

const DiagnosticItem* DiagnosticsModel::itemAt(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this) return nullptr;
    if (index.internalId() == kTopLevel) return &m_items[index.row()];
    return &m_items[static_cast<int>(index.internalId() - 1)].notes[index.row()];
}

QModelIndex DiagnosticsModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, kTopLevel);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex DiagnosticsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kTopLevel) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTopLevel);
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(m_items.size());
    if (parent.column() != 0 || parent.internalId() != kTopLevel) return 0;
    return static_cast<int>(m_items[parent.row()].notes.size());
}

int DiagnosticsModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const {
    const DiagnosticItem* d = itemAt(index);
    if (!d) return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SeverityColumn) return QString::fromLatin1(util::severityName(d->severity));
        if (index.column() == LocationColumn) return d->location();
        return d->message;
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? QVariant(m_icons[int(d->severity)]) : QVariant();
    case Qt::ToolTipRole: {
        QString where = d->file;
        if (d->line > 0) where += QStringLiteral(":%1:%2").arg(d->line).arg(d->col);
        const QString category = d->category.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(d->category);
        return where.isEmpty() ? d->message + category : where + QStringLiteral("\n") + d->message + category;
    }
    case FileRole: return d->file;
    case LineRole: return d->line;
    case ColumnRole: return d->col;
    case SeverityRole: return static_cast<int>(d->severity);
    case CategoryRole: return d->category;
    default: return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case LocationColumn: return tr("Location");
    case MessageColumn: return tr("Message");
    default: return {};
    }
}

} // namespace tlift::widgets
