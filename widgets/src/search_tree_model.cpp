#include "tlift/widgets/search_tree_model.h"

#include <QFont>

namespace tlift::widgets {
namespace {

constexpr int kMaxTermChars = 300;

QString elided(const std::string& s) {
    QString t = QString::fromStdString(s);
    return t.size() > kMaxTermChars ? t.left(kMaxTermChars) + QStringLiteral("\u2026") : t;
}

} // namespace

SearchTreeModel::SearchTreeModel(QObject* parent) : QAbstractItemModel(parent) { m_rootsLimit = m_pageSize; }

QColor SearchTreeModel::fateColor(synth::Fate fate, bool dark) {
    using synth::Fate;
    switch (fate) {
    case Fate::Open: return dark ? QColor(0x9b, 0xa3, 0xab) : QColor(0x6e, 0x77, 0x81);
    case Fate::Expanded: return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae);
    case Fate::PrunedType: return dark ? QColor(0x6e, 0x76, 0x81) : QColor(0x9b, 0xa3, 0xab);
    case Fate::PrunedEquivalent: return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x8c, 0x95, 0x9f);
    case Fate::Refuted: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case Fate::Tested: return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
    case Fate::Verified: return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    case Fate::Rejected: return dark ? QColor(0xdb, 0x6d, 0x28) : QColor(0xbc, 0x4c, 0x00);
    }
    return {};
}

QString SearchTreeModel::fateLabel(synth::Fate fate) {
    using synth::Fate;
    switch (fate) {
    case Fate::Open: return tr("open");
    case Fate::Expanded: return tr("expanded");
    case Fate::PrunedType: return tr("pruned (type)");
    case Fate::PrunedEquivalent: return tr("pruned (equivalent)");
    case Fate::Refuted: return tr("refuted");
    case Fate::Tested: return tr("tested");
    case Fate::Verified: return tr("verified");
    case Fate::Rejected: return tr("rejected");
    }
    return {};
}

void SearchTreeModel::clear() {
    beginResetModel();
    m_entries.clear();
    m_roots.clear();
    m_rootsShown = 0;
    m_rootsLimit = m_pageSize;
    m_count = 0;
    m_shown = 0;
    m_lastId = -1;
    m_fates.fill(0);
    endResetModel();
}

void SearchTreeModel::setDarkTheme(bool dark) {
    if (dark == m_dark) return;
    emit layoutAboutToBeChanged();
    m_dark = dark;
    emit layoutChanged();
}

SearchTreeModel::Entry* SearchTreeModel::entry(int id) {
    return id >= 0 && id < m_entries.size() && m_entries[id].node ? &m_entries[id] : nullptr;
}

const SearchTreeModel::Entry* SearchTreeModel::entry(int id) const {
    return id >= 0 && id < m_entries.size() && m_entries[id].node ? &m_entries[id] : nullptr;
}

const synth::SearchNode* SearchTreeModel::node(int id) const {
    const Entry* e = entry(id);
    return e ? e->node.get() : nullptr;
}

void SearchTreeModel::applyNodes(const QVector<SearchNodePtr>& nodes) {
    for (const SearchNodePtr& n : nodes)
        if (n) apply(n);
}

void SearchTreeModel::applySnapshot(const std::vector<synth::SearchNode>& nodes) {
    for (const synth::SearchNode& n : nodes) {
        const Entry* e = entry(n.id);
        if (e && e->node->fate == n.fate && e->node->reason == n.reason && e->node->values == n.values) continue;
        apply(std::make_shared<const synth::SearchNode>(n));
    }
}

void SearchTreeModel::apply(const SearchNodePtr& node) {
    if (node->id < 0) return;
    if (entry(node->id)) update(node);
    else append(node);
}

void SearchTreeModel::append(const SearchNodePtr& node) {
    const int id = node->id;
    if (id >= m_entries.size()) m_entries.resize(id + 1);
    int parent = -1;
    for (int p : node->parents)
        if (p != id && entry(p)) {
            parent = p;
            break;
        }
    Entry& e = m_entries[id];
    e.node = node;
    e.parent = parent;
    e.limit = m_pageSize;
    QVector<int>& siblings = childrenOf(parent);
    e.pos = static_cast<int>(siblings.size());
    siblings.push_back(id);
    ++m_count;
    ++m_fates[static_cast<std::size_t>(node->fate)];
    m_lastId = std::max(m_lastId, id);

    // Shown when its parent is, when no sibling before it waits for a fetch, and within the page.
    const bool parentShown = parent < 0 || indexOfEntry(parent, 0).isValid();
    int& shown = shownOf(parent);
    if (!parentShown || shown != e.pos || shown >= limitOf(parent)) return;
    const QModelIndex parentIndex = parent < 0 ? QModelIndex() : indexOfEntry(parent, 0);
    // The child is in the list already: no fetch may reveal it while the insertion is announced.
    m_inserting = true;
    beginInsertRows(parentIndex, shown, shown);
    ++shown;
    ++m_shown;
    m_inserting = false;
    endInsertRows();
}

void SearchTreeModel::update(const SearchNodePtr& node) {
    Entry& e = m_entries[node->id];
    --m_fates[static_cast<std::size_t>(e.node->fate)];
    ++m_fates[static_cast<std::size_t>(node->fate)];
    e.node = node;
    const QModelIndex first = indexOfEntry(node->id, 0);
    if (first.isValid()) emit dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
}

QModelIndex SearchTreeModel::indexOfEntry(int id, int column) const {
    const Entry* e = entry(id);
    if (!e) return {};
    if (e->pos >= shownOf(e->parent)) return {};
    if (e->parent >= 0 && !indexOfEntry(e->parent, 0).isValid()) return {};
    return createIndex(e->pos, column, static_cast<quintptr>(id));
}

QModelIndex SearchTreeModel::indexOfNode(int id, int column) const { return indexOfEntry(id, column); }

QModelIndex SearchTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (parent.isValid() && parent.column() != 0) return {};
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : -1;
    if (row >= shownOf(p)) return {};
    return createIndex(row, column, static_cast<quintptr>(childrenOf(p)[row]));
}

QModelIndex SearchTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    const Entry* e = entry(static_cast<int>(child.internalId()));
    if (!e || e->parent < 0) return {};
    return indexOfEntry(e->parent, 0);
}

int SearchTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return m_rootsShown;
    if (parent.column() != 0) return 0;
    const Entry* e = entry(static_cast<int>(parent.internalId()));
    return e ? e->shown : 0;
}

int SearchTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool SearchTreeModel::hasChildren(const QModelIndex& parent) const {
    if (!parent.isValid()) return !m_roots.isEmpty();
    if (parent.column() != 0) return false;
    const Entry* e = entry(static_cast<int>(parent.internalId()));
    return e && !e->children.isEmpty();
}

bool SearchTreeModel::canFetchMore(const QModelIndex& parent) const {
    if (m_inserting || (parent.isValid() && parent.column() != 0)) return false;
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : -1;
    if (p >= 0 && !entry(p)) return false;
    return shownOf(p) < childrenOf(p).size();
}

void SearchTreeModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : -1;
    int& shown = shownOf(p);
    const int n = std::min<int>(m_pageSize, static_cast<int>(childrenOf(p).size()) - shown);
    m_inserting = true; // a view (or a model tester) reacting to the announcement must not fetch again
    beginInsertRows(parent, shown, shown + n - 1);
    shown += n;
    m_shown += n;
    limitOf(p) = std::max(limitOf(p), shown);
    m_inserting = false;
    endInsertRows();
}

QVariant SearchTreeModel::data(const QModelIndex& index, int role) const {
    const Entry* e = index.isValid() ? entry(static_cast<int>(index.internalId())) : nullptr;
    if (!e) return {};
    const synth::SearchNode& n = *e->node;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NodeColumn: return QStringLiteral("#%1  %2").arg(n.id).arg(QString::fromStdString(n.rule));
        case FateColumn: return fateLabel(n.fate);
        case PhaseColumn: return QString::fromLatin1(synth::phaseName(n.phase)).replace('_', ' ');
        case TermColumn: return elided(n.text);
        case SizeColumn: return n.size ? QVariant(static_cast<qulonglong>(n.size)) : QVariant();
        case TimeColumn: return QString::number(n.millis, 'f', n.millis < 10 ? 1 : 0);
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == NodeColumn ? QVariant(fateColor(n.fate, m_dark)) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == FateColumn ? QVariant(fateColor(n.fate, m_dark)) : QVariant();
    case Qt::FontRole:
        if (n.fate == synth::Fate::Verified || n.fate == synth::Fate::Tested) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn || index.column() == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                             : QVariant();
    case Qt::ToolTipRole: {
        QStringList lines;
        lines << QStringLiteral("#%1 %2 \u2014 %3").arg(n.id).arg(QString::fromStdString(n.rule), fateLabel(n.fate));
        if (!n.reason.empty()) lines << tr("why: %1").arg(QString::fromStdString(n.reason));
        if (n.equivalentTo >= 0) lines << tr("same values as #%1").arg(n.equivalentTo);
        if (n.failedInput >= 0) lines << tr("differs from the kernel on test input %1").arg(n.failedInput);
        if (!n.values.empty()) lines << tr("values: %1").arg(QString::fromStdString(n.values));
        if (n.parents.size() > 1) {
            QStringList ps;
            for (int p : n.parents) ps << QStringLiteral("#%1").arg(p);
            lines << tr("parents: %1").arg(ps.join(QStringLiteral(", ")));
        }
        if (!n.text.empty()) lines << QString() << elided(n.text);
        return lines.join(QLatin1Char('\n'));
    }
    case NodeIdRole: return n.id;
    case FateRole: return static_cast<int>(n.fate);
    case ReasonRole: return QString::fromStdString(n.reason);
    default: return {};
    }
}

QVariant SearchTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NodeColumn: return tr("Node");
    case FateColumn: return tr("Fate");
    case PhaseColumn: return tr("Phase");
    case TermColumn: return tr("Candidate");
    case SizeColumn: return tr("Size");
    case TimeColumn: return tr("ms");
    default: return {};
    }
}

} // namespace tlift::widgets
