#include "browse/TableDataView.h"

#include "Error.h"
#include "browse/CellViewer.h"
#include "browse/ColumnFilter.h"
#include "browse/GridCellDelegate.h"
#include "browse/RowExport.h"
#include "browse/TableDataFilterHeader.h"
#include "browse/TableDataModel.h"
#include "common/Counts.h"
#include "common/StateColors.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSet>
#include <QTimer>
#include <algorithm>

namespace wharf::ui {

TableDataView::TableDataView(QWidget *parent)
    : QTableView(parent)
    , m_header(new TableDataFilterHeader(this))
    , m_filterTimer(new QTimer(this))
    , m_copy(new QAction(tr("&Copy"), this))
    , m_copyCsv(new QAction(tr("Copy as CS&V (with header)"), this))
    , m_copyJson(new QAction(tr("Copy as &JSON"), this))
    , m_count(new QAction(tr("Count all rows"), this))
    , m_first(new QAction(tr("First rows"), this))
    , m_last(new QAction(tr("Last rows"), this))
{
    setHorizontalHeader(m_header);
    setTabKeyNavigation(false); // Tab leaves the grid; arrows move between cells
    setItemDelegate(new GridCellDelegate(this));
    setSortingEnabled(true); // header clicks call TableDataModel::sort: ORDER BY on the server
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setMinimumSectionSize(60);
    // One line per row, of one fixed height: no per-row size hints for pages of 200 rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(std::max(fontMetrics().height() + 6, 20));
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, m_header, &TableDataFilterHeader::placeEditors);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &TableDataView::applyFilters);
    connect(m_header, &TableDataFilterHeader::filterEdited, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_header, &TableDataFilterHeader::filterCommitted, this, &TableDataView::applyFilters);

    m_copy->setObjectName(QStringLiteral("copyTsvAction"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setToolTip(tr("Copy the selected cells as tab-separated text"));
    m_copyCsv->setObjectName(QStringLiteral("copyCsvAction"));
    m_copyJson->setObjectName(QStringLiteral("copyJsonAction"));
    connect(m_copy, &QAction::triggered, this, &TableDataView::copySelection);
    connect(m_copyCsv, &QAction::triggered, this, &TableDataView::copySelectionAsCsv);
    connect(m_copyJson, &QAction::triggered, this, &TableDataView::copySelectionAsJson);
    auto *filter = new QAction(tr("&Filter this column"), this);
    filter->setObjectName(QStringLiteral("filterColumnAction"));
    filter->setShortcut(QKeySequence::Find);
    filter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    filter->setToolTip(tr("Type a filter for the current column (Esc or Down returns to the rows)"));
    connect(filter, &QAction::triggered, this, [this] { focusFilter(std::max(0, currentIndex().column())); });
    m_count->setObjectName(QStringLiteral("countRowsAction"));
    m_count->setToolTip(tr("Count the rows the filters keep, exactly (the database reads them all)"));
    connect(m_count, &QAction::triggered, this, [this] {
        if (m_model)
            m_model->requestCount();
    });
    m_first->setObjectName(QStringLiteral("firstRowsAction"));
    m_first->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    m_first->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_first->setToolTip(tr("Show the table from its first row (Ctrl+Home)"));
    connect(m_first, &QAction::triggered, this, [this] {
        if (!m_model)
            return;
        if (m_model->firstRowOffset() > 0)
            m_model->jumpTo(0);
        else if (m_model->rowCount() > 0)
            setCurrentIndex(m_model->index(0, std::max(0, currentIndex().column())));
    });
    m_last->setObjectName(QStringLiteral("lastRowsAction"));
    m_last->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    m_last->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_last->setToolTip(tr("Show the last rows of the table (Ctrl+End), counting them first if needed"));
    connect(m_last, &QAction::triggered, this, [this] {
        if (!m_model)
            return;
        if (!m_model->hasMore() && m_model->rowCount() > 0) {
            setCurrentIndex(m_model->index(m_model->rowCount() - 1, std::max(0, currentIndex().column())));
            return;
        }
        m_goToLastRow = true; // once the last page is in
        m_model->jumpToEnd();
    });
    auto *view = new QAction(tr("&View value…"), this);
    view->setObjectName(QStringLiteral("viewCellAction"));
    view->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter)});
    view->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(view, &QAction::triggered, this, &TableDataView::viewCurrentCell);
    connect(this, &QAbstractItemView::doubleClicked, this, &TableDataView::viewCurrentCell);
    auto *copyCell = new QAction(tr("Copy ce&ll"), this);
    copyCell->setObjectName(QStringLiteral("copyCellAction"));
    connect(copyCell, &QAction::triggered, this, &TableDataView::copyCell);
    auto *copyRow = new QAction(tr("Copy &row"), this);
    copyRow->setObjectName(QStringLiteral("copyRowAction"));
    connect(copyRow, &QAction::triggered, this, &TableDataView::copyRow);
    auto *copyColumn = new QAction(tr("Copy c&olumn (rows fetched)"), this);
    copyColumn->setObjectName(QStringLiteral("copyColumnAction"));
    connect(copyColumn, &QAction::triggered, this, &TableDataView::copyColumn);
    auto *exportAll = new QAction(tr("E&xport all rows…"), this);
    exportAll->setObjectName(QStringLiteral("exportAction"));
    exportAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    exportAll->setToolTip(tr("Write every row the filters keep, in this order, to a CSV, TSV or JSON lines file"));
    connect(exportAll, &QAction::triggered, this, &TableDataView::exportRequested);
    m_export = exportAll;
    m_exportPackage = new QAction(tr("Export as dlt &package…"), this);
    m_exportPackage->setObjectName(QStringLiteral("exportPackageAction"));
    m_exportPackage->setToolTip(tr("Write every row the filters keep as a dlt load package (insert_values, with "
                                   "the table's schema), to load them elsewhere with Wharf or dlt"));
    connect(m_exportPackage, &QAction::triggered, this, &TableDataView::exportPackageRequested);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *separator2 = new QAction(this);
    separator2->setSeparator(true);
    addActions({view, separator, m_copy, copyCell, copyRow, copyColumn, m_copyCsv, m_copyJson, separator2, filter,
                m_count, m_first, m_last});
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void TableDataView::setDataModel(TableDataModel *model)
{
    m_model = model;
    setModel(model);
    // Reset on every sort or filter change; the editors (and what is typed in them) stay
    // unless the table itself changed.
    connect(model, &QAbstractItemModel::modelReset, this, &TableDataView::syncEditors);
    // Once the first rows of a new table are in, the columns take the width of their content.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_sizeToContent)
            sizeColumnsToContent();
        if (m_goToLastRow && !m_model->hasMore()) {
            m_goToLastRow = false;
            setCurrentIndex(m_model->index(m_model->rowCount() - 1, std::max(0, currentIndex().column())));
            scrollToBottom();
        }
    });
    syncEditors();
}

void TableDataView::syncEditors()
{
    const QString key = m_model->dataset() + QLatin1Char('\n') + m_model->table().name + QLatin1Char('\n') +
                        m_model->columnNames().join(QLatin1Char('\n'));
    if (key == m_editorsFor && m_header->editorCount() == m_model->columnCount())
        return;
    m_editorsFor = key;
    m_filterTimer->stop();
    m_header->setSortIndicator(-1, Qt::AscendingOrder);
    m_header->resetEditors();
    for (int c = 0; c < m_header->editorCount(); ++c)
        m_header->editor(c)->installEventFilter(this);
    // Columns as wide as their titles (and editors) need, within reason, until the rows come.
    for (int c = 0; c < m_model->columnCount(); ++c)
        setColumnWidth(c, std::clamp(m_header->sectionSizeHint(c) + 24, 90, 260));
    m_sizeToContent = true;
    if (m_model->rowCount() > 0)
        sizeColumnsToContent();
}

void TableDataView::sizeColumnsToContent()
{
    m_sizeToContent = false;
    // The title or the widest value of the first page, whichever is wider: from a narrow
    // minimum (ids, flags) to a third of the view or kMaxColumnWidth (long text is elided).
    const int most = std::max(kMinColumnWidth * 2, std::min(kMaxColumnWidth, viewport()->width() / 3));
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const int wanted = std::max(m_header->sectionSizeHint(c) + 24, sizeHintForColumn(c) + 8);
        setColumnWidth(c, std::clamp(wanted, kMinColumnWidth, most));
    }
}

void TableDataView::viewCurrentCell()
{
    const QModelIndex cell = currentIndex();
    if (!m_model || !cell.isValid())
        return;
    if (!m_viewer)
        m_viewer = new CellViewer(this);
    m_viewer->showValue(m_model->table().columns.value(cell.column()).name, m_model->value(cell.row(), cell.column()),
                        m_model->jsonColumns().value(cell.column()));
}

void TableDataView::copyCell()
{
    const QModelIndex cell = currentIndex();
    if (!m_model || !cell.isValid())
        return;
    const QVariant value = m_model->value(cell.row(), cell.column());
    QApplication::clipboard()->setText(value.isNull() ? QString() : CellViewer::displayText(value, false));
    emit copied(tr("Copied the value of %1").arg(m_model->table().columns.value(cell.column()).name));
}

void TableDataView::copyRow()
{
    const QModelIndex cell = currentIndex();
    if (!m_model || !cell.isValid())
        return;
    QVariantList row;
    for (int c = 0; c < m_model->columnCount(); ++c)
        row.append(m_model->value(cell.row(), c));
    QApplication::clipboard()->setText(rowsToTsv({row}));
    emit copied(tr("Copied row %1 as TSV").arg(QLocale().toString(m_model->firstRowOffset() + cell.row() + 1)));
}

void TableDataView::copyColumn()
{
    const QModelIndex cell = currentIndex();
    if (!m_model || !cell.isValid())
        return;
    QList<QVariantList> rows;
    for (int r = 0; r < m_model->rowCount(); ++r)
        rows.append({m_model->value(r, cell.column())});
    QApplication::clipboard()->setText(rowsToTsv(rows));
    Block block;
    block.headers = {m_model->table().columns.value(cell.column()).name};
    block.rows = rows;
    announceCopy(block, QStringLiteral("text"));
}

void TableDataView::focusFilter(int column)
{
    if (QLineEdit *edit = m_header->editor(column)) {
        scrollTo(model()->index(std::max(0, currentIndex().row()), column));
        edit->setFocus(Qt::ShortcutFocusReason);
        edit->selectAll();
    }
}

bool TableDataView::eventFilter(QObject *watched, QEvent *event)
{
    // In a filter: Esc or Down go back to the rows (the column's current cell).
    if (event->type() == QEvent::KeyPress) {
        auto *edit = qobject_cast<QLineEdit *>(watched);
        const int key = static_cast<QKeyEvent *>(event)->key();
        const int column = edit ? int(m_header->editorIndex(edit)) : -1;
        if (column >= 0 && (key == Qt::Key_Escape || key == Qt::Key_Down)) {
            setFocus(Qt::ShortcutFocusReason);
            if (model() && model()->rowCount() > 0)
                setCurrentIndex(model()->index(std::max(0, currentIndex().row()), column));
            return true;
        }
    }
    return QTableView::eventFilter(watched, event);
}

void TableDataView::applyFilters()
{
    m_filterTimer->stop();
    if (!m_model)
        return;
    QMap<int, QString> filters;
    for (int c = 0; c < m_header->editorCount(); ++c) {
        const QString text = m_header->filterText(c);
        QLineEdit *edit = m_header->editor(c);
        // A filter that does not parse (">" with nothing after it) is shown as such and left
        // out, instead of quietly matching nothing.
        QString problem;
        if (!text.trimmed().isEmpty()) {
            try {
                ColumnFilter::parse(text);
                filters.insert(c, text);
            } catch (const Error &e) {
                problem = e.message();
            }
        }
        QPalette pal = edit->palette();
        pal.setColor(QPalette::Text, problem.isEmpty() ? palette().color(QPalette::Text) : colors::failure());
        edit->setPalette(pal);
        edit->setToolTip(problem.isEmpty() ? m_header->filterHelp(c) : tr("Not applied: %1").arg(problem));
    }
    m_model->setFilters(filters);
}

TableDataView::Block TableDataView::selectedBlock() const
{
    Block block;
    if (!m_model)
        return block;
    QModelIndexList cells = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (cells.isEmpty() && currentIndex().isValid())
        cells.append(currentIndex());
    if (cells.isEmpty())
        return block;
    QList<int> rows;
    QList<int> columns;
    QSet<QPair<int, int>> selected;
    for (const QModelIndex &cell : cells) {
        rows.append(cell.row());
        columns.append(cell.column());
        selected.insert({cell.row(), cell.column()});
    }
    for (QList<int> *list : {&rows, &columns}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    const QList<bool> json = m_model->jsonColumns();
    for (int c : columns) {
        block.headers.append(m_model->table().columns[c].name);
        block.jsonColumns.append(json.value(c));
    }
    for (int r : rows) {
        QVariantList row;
        for (int c : columns)
            row.append(selected.contains({r, c}) ? m_model->value(r, c) : QVariant());
        block.rows.append(row);
    }
    return block;
}

QString TableDataView::selectionAsTsv() const
{
    return rowsToTsv(selectedBlock().rows);
}

QString TableDataView::selectionAsCsv() const
{
    const Block block = selectedBlock();
    return block.headers.isEmpty() ? QString() : rowsToCsv(block.headers, block.rows);
}

QString TableDataView::selectionAsJson() const
{
    const Block block = selectedBlock();
    return block.headers.isEmpty() ? QString()
                                   : QString::fromUtf8(rowsToJson(block.headers, block.rows, block.jsonColumns));
}

void TableDataView::announceCopy(const Block &block, const QString &format)
{
    const QLocale locale;
    QString what = tr("Copied %1 × %2 as %3")
                       .arg(countOf(block.rows.size(), tr("row"), tr("rows")),
                            countOf(block.headers.size(), tr("column"), tr("columns")), format);
    // All the rows fetched while the table has more: say that the rest is not on the clipboard.
    if (m_model && m_model->hasMore() && block.rows.size() >= m_model->rowCount())
        what += tr(" — only the rows fetched so far; the table has %1 rows (Export all rows writes them all)")
                    .arg(m_model->table().rowsText(locale));
    emit copied(what);
}

void TableDataView::copySelection()
{
    const Block block = selectedBlock();
    QApplication::clipboard()->setText(rowsToTsv(block.rows));
    announceCopy(block, QStringLiteral("TSV"));
}

void TableDataView::copySelectionAsCsv()
{
    const Block block = selectedBlock();
    QApplication::clipboard()->setText(block.headers.isEmpty() ? QString() : rowsToCsv(block.headers, block.rows));
    announceCopy(block, QStringLiteral("CSV"));
}

void TableDataView::copySelectionAsJson()
{
    const Block block = selectedBlock();
    QApplication::clipboard()->setText(
        block.headers.isEmpty() ? QString()
                                : QString::fromUtf8(rowsToJson(block.headers, block.rows, block.jsonColumns)));
    announceCopy(block, QStringLiteral("JSON"));
}

void TableDataView::keyPressEvent(QKeyEvent *event)
{
    // QAbstractItemView would copy only the current cell's display text.
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace wharf::ui
