#pragma once
// The synthesis search tree as it grows: every node under its first parent, coloured by its fate,
// updated in place when its fate changes (the engine reports a node again then). Big trees stay
// cheap: a parent shows its children a page at a time (canFetchMore / fetchMore), and the model
// says how many of its nodes are shown.

#include "tlift/widgets/job_bridge.h"

#include <QAbstractItemModel>
#include <QColor>

#include <array>

namespace tlift::widgets {

class SearchTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NodeColumn, FateColumn, PhaseColumn, TermColumn, SizeColumn, TimeColumn, ColumnCount };
    enum Role { NodeIdRole = Qt::UserRole + 1, FateRole, ReasonRole };
    static constexpr int kFateCount = static_cast<int>(synth::Fate::Rejected) + 1;

    explicit SearchTreeModel(QObject* parent = nullptr);

    void clear();
    // New nodes are appended; known ones (same id) take the new fate, reason and values.
    void applyNodes(const QVector<SearchNodePtr>& nodes);
    // The whole tree of a finished lift: whatever the live events missed is filled in.
    void applySnapshot(const std::vector<synth::SearchNode>& nodes);

    int nodeCount() const { return m_count; }
    int shownCount() const { return m_shown; }
    int fateCount(synth::Fate fate) const { return m_fates[static_cast<std::size_t>(fate)]; }
    const synth::SearchNode* node(int id) const;
    QModelIndex indexOfNode(int id, int column = 0) const; // invalid when not shown
    int lastNodeId() const { return m_lastId; }

    // Children shown per parent before fetchMore.
    void setPageSize(int n) { m_pageSize = std::max(1, n); }
    int pageSize() const { return m_pageSize; }
    void setDarkTheme(bool dark);

    static QColor fateColor(synth::Fate fate, bool dark);
    static QString fateLabel(synth::Fate fate);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        SearchNodePtr node;
        int parent = -1;      // entry id of the parent; -1 for roots
        int pos = -1;         // position among the parent's children
        QVector<int> children;
        int shown = 0;        // children shown (a prefix of `children`)
        int limit = 0;        // children that may be shown before the next fetchMore
    };
    void apply(const SearchNodePtr& node);
    void append(const SearchNodePtr& node);
    void update(const SearchNodePtr& node);
    Entry* entry(int id);
    const Entry* entry(int id) const;
    QModelIndex indexOfEntry(int id, int column) const;
    // The children list and counters of a parent (-1: the roots).
    QVector<int>& childrenOf(int parent) { return parent < 0 ? m_roots : m_entries[parent].children; }
    const QVector<int>& childrenOf(int parent) const { return parent < 0 ? m_roots : m_entries[parent].children; }
    int& shownOf(int parent) { return parent < 0 ? m_rootsShown : m_entries[parent].shown; }
    int shownOf(int parent) const { return parent < 0 ? m_rootsShown : m_entries[parent].shown; }
    int& limitOf(int parent) { return parent < 0 ? m_rootsLimit : m_entries[parent].limit; }

    QVector<Entry> m_entries; // by node id
    QVector<int> m_roots;
    int m_rootsShown = 0;
    int m_rootsLimit = 0;
    int m_count = 0;
    int m_shown = 0;
    int m_lastId = -1;
    int m_pageSize = 500;
    bool m_dark = false;
    bool m_inserting = false;
    std::array<int, kFateCount> m_fates{};
};

} // namespace tlift::widgets
