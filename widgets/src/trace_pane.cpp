#include "tlift/widgets/trace_pane.h"

#include "tlift/widgets/empty_state.h"
#include "tlift/widgets/formula_item.h"
#include "tlift/widgets/math_view.h"
#include "tlift/widgets/trace_filter_model.h"
#include "tlift/widgets/trace_model.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tlift::widgets {

TracePane::TracePane(QWidget* parent)
    : QWidget(parent), m_model(new TraceModel(this)), m_filter(new TraceFilterModel(this)),
      m_stack(new QStackedWidget), m_empty(new EmptyState(tr("No trace yet"), QString())),
      m_view(new QTableView), m_filterEdit(new QLineEdit), m_kindBox(new QComboBox), m_count(new QLabel),
      m_detailHeader(new QLabel), m_detail(new MathView) {
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setFont(QFont(QStringLiteral("DejaVu Sans Mono"), font().pointSize()));

    m_filterEdit->setPlaceholderText(tr("Filter steps (target, call, expression)\u2026"));
    m_filterEdit->setClearButtonEnabled(true);
    m_kindBox->addItem(tr("All kinds"));
    using symexec::StepKind;
    for (StepKind k : {StepKind::Assign, StepKind::Load, StepKind::Store, StepKind::Reduce, StepKind::Loop,
                       StepKind::Branch, StepKind::Call, StepKind::Note})
        m_kindBox->addItem(TraceModel::kindName(k), static_cast<int>(k));
    m_count->setContentsMargins(6, 0, 4, 0);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 4);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_kindBox);
    bar->addWidget(m_count);

    m_detailHeader->setContentsMargins(8, 4, 8, 2);
    m_detailHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailHeader->setWordWrap(true);
    m_detail->setPlaceholder(tr("No step selected"),
                             tr("Select a step to see its lane expression typeset; the source view marks the "
                                "statement it comes from."));
    auto* detail = new QWidget;
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(0);
    detailLayout->addWidget(m_detailHeader);
    detailLayout->addWidget(m_detail, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 100}); // the steps first; the typeset detail needs a few lines
    split->setChildrenCollapsible(false);

    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addLayout(bar);
    contentLayout->addWidget(split, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_filter->setText(t.trimmed());
        updateCount();
    });
    connect(m_kindBox, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant k = m_kindBox->currentData();
        m_filter->setKind(k.isValid() ? std::optional<int>(k.toInt()) : std::nullopt);
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TracePane::onCurrentChanged);
    setTrace(nullptr);
}

void TracePane::setEmptyText(const QString& title, const QString& text) { m_empty->setText(title, text); }

void TracePane::setTrace(TracePtr trace) {
    const int previous = currentStepId();
    m_model->setTrace(std::move(trace));
    m_stack->setCurrentIndex(m_model->rowCount() > 0 ? 1 : 0);
    m_view->resizeColumnsToContents();
    m_view->setColumnWidth(TraceModel::TargetColumn,
                           std::min(m_view->columnWidth(TraceModel::TargetColumn), 180));
    // The expression column stretches to the pane; its whole text is in the tooltip and below.
    m_view->setColumnWidth(TraceModel::ValueColumn, 200);
    updateCount();
    if (previous >= 0 && m_model->rowOfStep(previous) >= 0) selectSteps({previous});
    else showDetail(-1);
}

void TracePane::updateCount() {
    const int all = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == all ? tr("%n step(s)", nullptr, all) : tr("%1 of %2 steps").arg(shown).arg(all));
}

int TracePane::currentStepId() const {
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(TraceModel::StepIdRole).toInt() : -1;
}

void TracePane::selectSteps(const QVector<int>& stepIds) {
    m_selecting = true;
    QItemSelection selection;
    QModelIndex first;
    for (int id : stepIds) {
        const int row = m_model->rowOfStep(id);
        if (row < 0) continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
        if (!index.isValid()) continue; // filtered out
        if (!first.isValid()) first = index;
        selection.select(index, index.siblingAtColumn(TraceModel::ColumnCount - 1));
    }
    auto* sm = m_view->selectionModel();
    if (first.isValid()) {
        sm->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        sm->select(selection, QItemSelectionModel::ClearAndSelect);
        m_view->scrollTo(first);
        showDetail(m_filter->mapToSource(first).row());
    } else {
        sm->clear();
        showDetail(-1);
    }
    m_selecting = false;
}

void TracePane::setLinkColor(const QColor& color) {
    // Selected steps wear the colour their source lines wear.
    QPalette p = m_view->palette();
    p.setColor(QPalette::Highlight, color);
    p.setColor(QPalette::HighlightedText, color.lightness() > 128 ? QColor(0x1f, 0x23, 0x28) : QColor(0xe6, 0xed, 0xf3));
    m_view->setPalette(p);
}

void TracePane::onCurrentChanged() {
    if (m_selecting) return;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? m_filter->mapToSource(current).row() : -1;
    showDetail(row);
    if (row >= 0) emit stepSelected(m_model->step(row)->id);
}

void TracePane::showDetail(int row) {
    const symexec::TraceStep* s = m_model->step(row);
    if (!s) {
        m_detailHeader->clear();
        m_detail->setFormulas({});
        return;
    }
    const LineRange r = m_model->range(row);
    QString where = r.valid() ? tr("line %1").arg(r.line) : tr("no source line");
    m_detailHeader->setText(tr("<b>#%1</b> &nbsp;%2 &nbsp;\u00b7&nbsp; %3 &nbsp;\u00b7&nbsp; <code>%4</code>")
                                .arg(s->id)
                                .arg(TraceModel::kindName(s->kind), where,
                                     QString::fromStdString(s->description).toHtmlEscaped()));
    FormulaItem item;
    item.title = m_model->index(row, TraceModel::TargetColumn).data().toString();
    if (item.title.isEmpty()) item.title = TraceModel::kindName(s->kind);
    item.title += QStringLiteral("  ") + m_model->index(row, TraceModel::ShapeColumn).data().toString();
    item.latex = m_model->valueLatex(row);
    if (item.latex.isEmpty()) item.latex = QStringLiteral("\\text{%1}").arg(latexText(QString::fromStdString(s->description)));
    m_detail->setFormulas({item});
}

} // namespace tlift::widgets
