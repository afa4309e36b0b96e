#pragma once
// Diagnostics as a tree model: one row per diagnostic (severity, file:line:col, message), its
// notes as child rows. Columns count in characters, as LineRange does.

#include "tlift/util/diagnostic.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QString>
#include <QVector>

#include <array>

namespace tlift::widgets {

struct DiagnosticItem {
    util::Severity severity = util::Severity::Error;
    QString category;
    QString message;
    QString file; // full path; empty when the diagnostic is not tied to a file
    int line = 0; // 1-based; 0 when unknown
    int col = 0;  // 1-based UTF-16 column; 0 when unknown
    QVector<DiagnosticItem> notes;

    // `sm` resolves file names and converts the core's byte columns; it may be null.
    static DiagnosticItem fromUtil(const util::Diagnostic& d, const util::SourceManager* sm);
    QString location() const; // "name.py:12:5", "name.py:12", "name.py" or ""
};

QVector<DiagnosticItem> diagnosticItemsFrom(const util::Diagnostics& diagnostics,
                                            const util::SourceManager* sm);

class DiagnosticsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, LocationColumn, MessageColumn, ColumnCount };
    enum Role { FileRole = Qt::UserRole + 1, LineRole, ColumnRole, SeverityRole, CategoryRole };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    void setDiagnostics(const QVector<DiagnosticItem>& items);
    void append(const DiagnosticItem& item);
    void clear();
    const QVector<DiagnosticItem>& diagnostics() const { return m_items; }
    int count(util::Severity severity) const;
    // The diagnostic (or note) an index points at; null for an invalid index.
    const DiagnosticItem* itemAt(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<DiagnosticItem> m_items;
    std::array<QIcon, 3> m_icons; // by util::Severity
};

} // namespace tlift::widgets
