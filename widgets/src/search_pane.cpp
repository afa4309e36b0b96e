#include "tlift/widgets/search_pane.h"

#include "tlift/widgets/empty_state.h"
#include "tlift/widgets/search_filter_model.h"
#include "tlift/widgets/search_tree_model.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace tlift::widgets {
namespace {

QString counterChip(const QString& label, int n, const QColor& color) {
    return QStringLiteral("<span style='color:%1'>\u25cf</span>&nbsp;%2&nbsp;<b>%3</b>")
        .arg(color.name(), label.toHtmlEscaped())
        .arg(n);
}

} // namespace

SearchPane::SearchPane(QWidget* parent)
    : QWidget(parent), m_model(new SearchTreeModel(this)), m_filter(new SearchFilterModel(this)),
      m_stack(new QStackedWidget), m_empty(new EmptyState(tr("No search yet"), QString())),
      m_controls(new QToolBar), m_progress(new QProgressBar), m_stage(new QLabel), m_counters(new QLabel),
      m_shown(new QLabel), m_hidePruned(new QCheckBox(tr("Hide pruned"))), m_follow(new QCheckBox(tr("Follow"))),
      m_filterEdit(new QLineEdit), m_view(new QTreeView), m_detail(new QLabel) {
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->header()->setSectionResizeMode(SearchTreeModel::TermColumn, QHeaderView::Stretch);
    m_view->setIndentation(12); // synthesis chains are deep: keep the rule names in view
    m_view->setIconSize(QSize(10, 10));
    m_view->setColumnWidth(SearchTreeModel::NodeColumn, 300);
    m_view->setColumnWidth(SearchTreeModel::FateColumn, 130);
    m_view->setColumnWidth(SearchTreeModel::PhaseColumn, 80);
    m_view->setColumnWidth(SearchTreeModel::SizeColumn, 44);
    m_view->setColumnWidth(SearchTreeModel::TimeColumn, 52);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_basePointSize = m_view->font().pointSize();

    m_controls->setIconSize(QSize(16, 16));
    m_controls->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progress->setMaximumWidth(160);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest node in view while the search runs"));
    m_hidePruned->setToolTip(tr("Hide candidates pruned as ill-typed or equivalent to an earlier one"));
    m_filterEdit->setPlaceholderText(tr("Filter nodes (rule, candidate, reason)\u2026"));
    m_filterEdit->setClearButtonEnabled(true);
    m_counters->setTextFormat(Qt::RichText);
    m_counters->setWordWrap(true);
    m_counters->setContentsMargins(6, 2, 6, 2);
    m_shown->setContentsMargins(4, 0, 4, 0);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setContentsMargins(8, 4, 8, 4);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* runBar = new QHBoxLayout;
    runBar->setContentsMargins(4, 2, 4, 0);
    runBar->addWidget(m_controls);
    runBar->addWidget(m_stage);
    runBar->addWidget(m_progress);
    runBar->addStretch(1);
    runBar->addWidget(m_shown);

    auto* filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(4, 0, 4, 2);
    filterBar->addWidget(m_filterEdit, 1);
    filterBar->addWidget(m_hidePruned);
    filterBar->addWidget(m_follow);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(2);
    contentLayout->addLayout(runBar);
    contentLayout->addWidget(m_counters);
    contentLayout->addLayout(filterBar);
    contentLayout->addWidget(split, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_filter->setText(t.trimmed());
        updateCounters();
    });
    connect(m_hidePruned, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setHidePruned(on);
        updateCounters();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SearchPane::onCurrentChanged);
    reset(QString());
}

void SearchPane::setEmptyText(const QString& title, const QString& text) { m_empty->setText(title, text); }

void SearchPane::setDarkTheme(bool dark) {
    m_dark = dark;
    m_model->setDarkTheme(dark);
    updateCounters();
}

void SearchPane::reset(const QString& what) {
    m_model->clear();
    m_finalCounters.clear();
    m_stage->setText(what);
    m_progress->setValue(0);
    m_detail->clear();
    m_stack->setCurrentIndex(what.isEmpty() ? 0 : 1);
    updateCounters();
}

void SearchPane::addNodes(const QVector<SearchNodePtr>& nodes) {
    m_model->applyNodes(nodes);
    m_stack->setCurrentIndex(1);
    updateCounters();
    followLatest();
}

void SearchPane::setProgress(const QString& stage, double fraction) {
    m_stage->setText(stage);
    m_progress->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
}

void SearchPane::setRunState(bool busy, bool paused) {
    m_progress->setVisible(busy);
    if (busy && paused) m_stage->setText(tr("paused"));
}

void SearchPane::setResult(const ResultPtr& result, int jobState) {
    const auto state = static_cast<engine::JobState>(jobState);
    if (result) m_model->applySnapshot(result->search);
    m_progress->setValue(1000);
    m_progress->hide();
    if (result) {
        const synth::Counters& c = result->counters;
        const QString tried = c.searchSpace > 0 ? tr("%1 candidates tried of %2 allowed").arg(c.tried).arg(c.searchSpace)
                                                : tr("%1 candidates tried").arg(c.tried);
        m_finalCounters = tr("%1 \u00b7 %2 test inputs \u00b7 stop: %3")
                              .arg(tried)
                              .arg(c.testInputs)
                              .arg(QString::fromLatin1(util::stopReasonName(result->stop)));
    }
    m_stage->setText(QString::fromLatin1(engine::jobStateName(state)));
    if (m_model->nodeCount() > 0) m_stack->setCurrentIndex(1);
    updateCounters();
}

void SearchPane::updateCounters() {
    using synth::Fate;
    QStringList chips;
    for (Fate f : {Fate::Expanded, Fate::PrunedType, Fate::PrunedEquivalent, Fate::Refuted, Fate::Tested,
                   Fate::Verified, Fate::Rejected, Fate::Open}) {
        const int n = m_model->fateCount(f);
        if (n > 0 || f == Fate::Verified || f == Fate::Refuted)
            chips << counterChip(SearchTreeModel::fateLabel(f), n, SearchTreeModel::fateColor(f, m_dark));
    }
    QString text = chips.join(QStringLiteral(" &nbsp; "));
    if (!m_finalCounters.isEmpty()) text += QStringLiteral("<br>") + m_finalCounters.toHtmlEscaped();
    m_counters->setText(text);
    const int all = m_model->nodeCount();
    const int shown = m_model->shownCount();
    m_shown->setText(shown == all ? tr("%n node(s)", nullptr, all) : tr("%1 of %2 shown").arg(shown).arg(all));
}

void SearchPane::followLatest() {
    if (!m_follow->isChecked() || m_model->lastNodeId() < 0) return;
    const QModelIndex source = m_model->indexOfNode(m_model->lastNodeId());
    const QModelIndex index = m_filter->mapFromSource(source);
    if (index.isValid()) m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

void SearchPane::selectNode(int id) {
    const QModelIndex index = m_filter->mapFromSource(m_model->indexOfNode(id));
    if (!index.isValid()) return;
    m_selecting = true;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    showDetail(id);
    m_selecting = false;
}

int SearchPane::currentNodeId() const {
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(SearchTreeModel::NodeIdRole).toInt() : -1;
}

void SearchPane::onCurrentChanged() {
    const int id = currentNodeId();
    showDetail(id);
    if (!m_selecting && id >= 0) emit nodeSelected(id);
}

void SearchPane::showDetail(int id) {
    const synth::SearchNode* n = m_model->node(id);
    if (!n) {
        m_detail->clear();
        return;
    }
    QString html = QStringLiteral("<b>#%1</b> %2 &nbsp;<span style='color:%3'>%4</span>")
                       .arg(n->id)
                       .arg(QString::fromStdString(n->rule).toHtmlEscaped(),
                            SearchTreeModel::fateColor(n->fate, m_dark).name(),
                            SearchTreeModel::fateLabel(n->fate));
    if (!n->reason.empty()) html += QStringLiteral("<br>") + QString::fromStdString(n->reason).toHtmlEscaped();
    if (!n->text.empty())
        html += QStringLiteral("<br><code>%1</code>").arg(QString::fromStdString(n->text).left(2000).toHtmlEscaped());
    m_detail->setText(html);
}

void SearchPane::zoom(int steps) {
    m_zoom = std::clamp(m_zoom + steps, -4, 10);
    QFont f = m_view->font();
    f.setPointSize(std::max(6, m_basePointSize + m_zoom));
    m_view->setFont(f);
}

bool SearchPane::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Wheel && watched == m_view->viewport()) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            zoom(wheel->angleDelta().y() > 0 ? 1 : -1);
            return true;
        }
    }
    if (event->type() == QEvent::KeyPress && watched == m_view) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() & Qt::ControlModifier) {
            if (key->key() == Qt::Key_Plus || key->key() == Qt::Key_Equal) {
                zoom(1);
                return true;
            }
            if (key->key() == Qt::Key_Minus) {
                zoom(-1);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tlift::widgets
