#include "browse/BrowserPanel.h"

#include "browse/ExportController.h"

#include "common/Counts.h"

#include "browse/BrowserColumnsModel.h"
#include "browse/BrowserWorker.h"
#include "browse/DatasetTreeModel.h"
#include "browse/TableDataModel.h"
#include "browse/TableDataView.h"
#include "destination/ResolvedDestination.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace wharf::ui {

namespace {
// With this many datasets or fewer, all of them open at once: one click on Run shows tables.
constexpr int kAutoExpandDatasets = 4;
} // namespace

BrowserPanel::BrowserPanel(QWidget *parent)
    : QWidget(parent)
    , m_worker(new BrowserWorker(this))
    , m_tree(new DatasetTreeModel(this))
    , m_data(new TableDataModel(this))
    , m_columns(new BrowserColumnsModel(this))
{
    setObjectName(QStringLiteral("browserPanel"));
    buildLayout();
    wireWorker();
    showPlaceholder(tr("Choose a destination to browse its datasets."));
    updateStatus();
}

BrowserPanel::~BrowserPanel() = default;

void BrowserPanel::buildLayout()
{
    m_refreshAction = new QAction(tr("&Refresh datasets"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshBrowserAction"));
    m_refreshAction->setToolTip(tr("List the datasets and tables again and re-read the rows"));
    connect(m_refreshAction, &QAction::triggered, this, &BrowserPanel::refresh);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setDefaultAction(m_refreshAction);
    refreshButton->setText(tr("Refresh"));

    m_locationLabel = new QLabel(this);
    m_locationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QHBoxLayout;
    top->addWidget(m_locationLabel, 1);
    top->addWidget(refreshButton);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("browserError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { background: #fbe3e3; color: #8a1010; padding: 4px; }"));
    m_errorLabel->hide();

    m_treeView = new QTreeView(this);
    m_treeView->setObjectName(QStringLiteral("datasetTree"));
    m_treeView->setModel(m_tree);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->header()->setStretchLastSection(false);
    m_treeView->header()->setSectionResizeMode(DatasetTreeModel::NameColumn, QHeaderView::Stretch);
    m_treeView->header()->setSectionResizeMode(DatasetTreeModel::RowsColumn, QHeaderView::ResizeToContents);

    m_columnsView = new QTableView(this);
    m_columnsView->setTabKeyNavigation(false); // Tab moves on to the next control
    m_columnsView->setObjectName(QStringLiteral("columnsView"));
    m_columnsView->setModel(m_columns);
    m_columnsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columnsView->setWordWrap(false);
    m_columnsView->verticalHeader()->hide();
    m_columnsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_columnsView->verticalHeader()->setDefaultSectionSize(std::max(fontMetrics().height() + 6, 20));
    // The name takes what the types (short) leave; long names elide in the middle.
    m_columnsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columnsView->horizontalHeader()->setSectionResizeMode(BrowserColumnsModel::NameColumn, QHeaderView::Stretch);
    m_columnsView->horizontalHeader()->setStretchLastSection(false);
    m_columnsView->setTextElideMode(Qt::ElideMiddle);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(QStringLiteral("browserTreeSplitter"));
    left->setChildrenCollapsible(false);
    left->addWidget(m_treeView);
    left->addWidget(m_columnsView);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);

    m_dataView = new TableDataView(this);
    // What a copy took, where the status is read (a Ctrl+A, Ctrl+C of a big table takes only
    // the rows fetched so far, and says so).
    connect(m_dataView, &TableDataView::copied, this, [this](const QString &what) {
        m_statusLabel->setText(what);
        m_status = what;
        emit statusChanged(what);
    });
    m_dataView->setObjectName(QStringLiteral("tableDataView"));
    m_dataView->setDataModel(m_data);
    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_dataView);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy indicator
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_statusLabel = new QLabel(this);
    auto *statusLine = new QHBoxLayout;
    statusLine->addWidget(m_busy);
    statusLine->addWidget(m_statusLabel, 1);
    // The grid's moves that the rows fetched so far cannot answer: the database does.
    for (QAction *action : m_dataView->tableActions()) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        statusLine->addWidget(button);
    }
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_stack, 1);
    rightLayout->addLayout(statusLine);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("browserSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({360, 740});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addWidget(split, 1);

    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_treeView, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        m_expanded.insert(index.data(DatasetTreeModel::DatasetRole).toString());
    });
    connect(m_treeView, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        m_expanded.remove(index.data(DatasetTreeModel::DatasetRole).toString());
    });
}

void BrowserPanel::wireWorker()
{
    connect(m_worker, &BrowserWorker::connected, this, [this](const QString &location) {
        m_location = location;
        m_locationLabel->setText(tr("Datasets in %1").arg(location));
    });
    connect(m_worker, &BrowserWorker::datasetsListed, this, &BrowserPanel::onDatasetsListed);
    connect(m_worker, &BrowserWorker::datasetsFailed, this, &BrowserPanel::onDatasetsFailed);
    connect(m_worker, &BrowserWorker::tablesListed, this, &BrowserPanel::onTablesListed);
    connect(m_worker, &BrowserWorker::tablesFailed, this, &BrowserPanel::onTablesFailed);
    connect(m_tree, &DatasetTreeModel::tablesRequested, this, &BrowserPanel::requestTables);

    connect(m_data, &TableDataModel::pageRequested, m_worker, &BrowserWorker::fetchPage);
    connect(m_data, &TableDataModel::generationChanged, m_worker, &BrowserWorker::abandonPagesBefore);
    connect(m_worker, &BrowserWorker::pageFetched, m_data, &TableDataModel::applyPage);
    connect(m_worker, &BrowserWorker::pageFailed, m_data, &TableDataModel::applyError);
    connect(m_data, &TableDataModel::countRequested, m_worker, &BrowserWorker::countRows);
    connect(m_worker, &BrowserWorker::rowsCounted, m_data, &TableDataModel::applyCount);
    connect(m_worker, &BrowserWorker::countFailed, m_data, &TableDataModel::applyCountError);
    connect(m_data, &TableDataModel::countChanged, this, &BrowserPanel::updateStatus);
    connect(m_dataView, &TableDataView::exportRequested, this, &BrowserPanel::askExport);
    connect(m_dataView, &TableDataView::exportPackageRequested, this, [this] {
        if (m_data->hasTable())
            m_export->askPackage(m_data->table().name, exportResolver(), m_data->currentRequest(),
                                 m_data->table().columns, estimatedRows());
    });
    m_export = new ExportController(this);
    connect(m_export, &ExportController::finished, this,
            [this](qint64 rows, const QString &error, bool cancelled, const QString &what) {
                m_statusLabel->setText(what);
                m_status = what;
                emit statusChanged(what);
                emit exportFinished(rows, error, cancelled);
            });
    connect(m_data, &TableDataModel::loadingChanged, this, &BrowserPanel::updateStatus);
    connect(m_data, &TableDataModel::rowsFetched, this, [this] {
        clearError(ErrorSource::Grid);
        updateStatus();
    });
    connect(m_data, &TableDataModel::errorOccurred, this,
            [this](const QString &message) { setError(ErrorSource::Grid, message); });
}

QString BrowserPanel::currentDataset() const
{
    return m_data->dataset();
}

QString BrowserPanel::currentTable() const
{
    return m_data->table().name;
}

QString BrowserPanel::errorText() const
{
    return m_errorSource == ErrorSource::None ? QString() : m_errorLabel->toolTip();
}

QString BrowserPanel::statusText() const
{
    return m_status;
}

bool BrowserPanel::isBusy() const
{
    return m_listingDatasets || !m_loadingTables.isEmpty() || m_data->isLoading();
}

TableExportJob *BrowserPanel::exportJob() const
{
    return m_export->job();
}

TableExportJob::Resolver BrowserPanel::exportResolver() const
{
    if (!m_resolved)
        return ExportController::resolverFor(m_destinationName);
    const ResolvedDestination resolved = *m_resolved;
    return [resolved] { return resolved; };
}

qint64 BrowserPanel::estimatedRows() const
{
    return m_data->exactCount() >= 0 ? m_data->exactCount() : m_data->table().rows;
}

bool BrowserPanel::exportTo(const QString &path, ExportFormat format)
{
    if (!m_data->hasTable() || m_export->isRunning())
        return false;
    return m_export->exportTo(path, format, m_data->table().name, exportResolver(), m_data->currentRequest(),
                              estimatedRows());
}

bool BrowserPanel::exportPackageTo(const QString &folder)
{
    if (!m_data->hasTable() || m_export->isRunning())
        return false;
    return m_export->exportPackageTo(folder, m_data->table().name, exportResolver(), m_data->currentRequest(),
                                     m_data->table().columns, estimatedRows());
}

void BrowserPanel::askExport()
{
    if (m_data->hasTable())
        m_export->ask(m_data->table().name, exportResolver(), m_data->currentRequest(), estimatedRows());
}

void BrowserPanel::setDestination(const QString &name)
{
    m_destinationName = name;
    m_resolved.reset();
    m_worker->useDestination(name);
    startOver(name);
}

void BrowserPanel::setResolvedDestination(const ResolvedDestination &destination)
{
    m_resolved = destination;
    m_destinationName.clear();
    m_worker->useResolvedDestination(destination);
    startOver(destination.displayLocation());
}

void BrowserPanel::startOver(const QString &location)
{
    m_hasDestination = true;
    m_location = location;
    m_locationLabel->setText(tr("Datasets in %1").arg(location));
    m_tree->clear();
    m_data->clear();
    m_columns->clear();
    m_expanded.clear();
    m_loadingTables.clear();
    m_pendingDataset.clear();
    m_pendingTable.clear();
    clearError(ErrorSource::Catalog);
    clearError(ErrorSource::Grid);
    showPlaceholder(tr("Reading the datasets of %1…").arg(location));
    refresh();
}

void BrowserPanel::refresh()
{
    if (!m_hasDestination)
        return;
    // Come back to what is shown now, unless another selection is already pending.
    if (m_pendingDataset.isEmpty() && m_data->hasTable()) {
        m_pendingDataset = m_data->dataset();
        m_pendingTable = m_data->table().name;
    }
    m_listingDatasets = true;
    m_loadingTables.clear();
    m_worker->listDatasets();
    updateStatus();
}

void BrowserPanel::selectTable(const QString &dataset, const QString &table)
{
    m_pendingDataset = dataset;
    m_pendingTable = table;
    applyPendingSelection();
}

bool BrowserPanel::applyPendingSelection()
{
    if (m_pendingDataset.isEmpty())
        return false;
    const QModelIndex datasetIndex = m_tree->datasetIndex(m_pendingDataset);
    if (!datasetIndex.isValid())
        return false; // not listed (yet)
    if (!m_tree->tablesLoaded(m_pendingDataset)) {
        requestTables(m_pendingDataset);
        return false;
    }
    m_treeView->expand(datasetIndex);
    const QModelIndex tableIndex = m_tree->tableIndex(m_pendingDataset, m_pendingTable);
    const QModelIndex target = tableIndex.isValid() ? tableIndex : datasetIndex;
    m_pendingDataset.clear();
    m_pendingTable.clear();
    m_treeView->selectionModel()->setCurrentIndex(target,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_treeView->scrollTo(target);
    return true;
}

void BrowserPanel::requestTables(const QString &dataset)
{
    if (m_loadingTables.contains(dataset))
        return;
    const QModelIndex index = m_tree->datasetIndex(dataset);
    if (m_tree->canFetchMore(index)) {
        m_tree->fetchMore(index); // marks it loading and comes back through tablesRequested
        return;
    }
    m_loadingTables.insert(dataset);
    m_worker->listTables(dataset);
    updateStatus();
}

void BrowserPanel::onDatasetsListed(const QList<BrowserDataset> &datasets)
{
    m_listingDatasets = false;
    clearError(ErrorSource::Catalog);
    const QString shownDataset = m_data->dataset();
    m_tree->setDatasets(datasets);
    // Which datasets to open: those open before, the one to select, else all of a few.
    QSet<QString> open = m_expanded;
    if (!m_pendingDataset.isEmpty())
        open.insert(m_pendingDataset);
    const auto dltDatasets =
        std::count_if(datasets.cbegin(), datasets.cend(), [](const BrowserDataset &d) { return d.dlt; });
    if (open.isEmpty() && dltDatasets <= kAutoExpandDatasets)
        for (const BrowserDataset &d : datasets)
            if (!d.staging && d.dlt)
                open.insert(d.name);
    for (const BrowserDataset &d : datasets)
        if (open.contains(d.name))
            requestTables(d.name);
    if (datasets.isEmpty()) {
        m_data->clear();
        m_columns->clear();
        showPlaceholder(tr("No datasets in %1 yet.\nLoad a package (Run) and its tables appear here.").arg(m_location));
    } else if (!m_tree->datasetIndex(shownDataset).isValid()) {
        m_data->clear();
        m_columns->clear();
        showPlaceholder(tr("Select a table to see its rows."));
    }
    updateStatus();
}

void BrowserPanel::onDatasetsFailed(const ErrorInfo &error)
{
    m_listingDatasets = false;
    m_tree->clear();
    m_data->clear();
    m_columns->clear();
    showPlaceholder(tr("Cannot read the datasets of %1.").arg(m_location));
    setError(ErrorSource::Catalog, error.fullText());
    updateStatus();
}

void BrowserPanel::onTablesListed(const QString &dataset, const QList<BrowserTable> &tables)
{
    m_loadingTables.remove(dataset);
    m_tree->setTables(dataset, tables);
    const QModelIndex index = m_tree->datasetIndex(dataset);
    if (index.isValid()) {
        m_treeView->expand(index);
        m_expanded.insert(dataset);
    }
    if (!applyPendingSelection() && !m_data->hasTable() && !m_treeView->currentIndex().isValid()) {
        // Nothing chosen yet: show the first table with data, so that the grid is not empty.
        for (const BrowserTable &t : tables) {
            if (!t.isDltTable()) {
                selectTable(dataset, t.name);
                break;
            }
        }
    }
    updateStatus();
}

void BrowserPanel::onTablesFailed(const QString &dataset, const ErrorInfo &error)
{
    m_loadingTables.remove(dataset);
    m_tree->setTablesFailed(dataset, error.fullText());
    setError(ErrorSource::Catalog, error.fullText());
    updateStatus();
}

void BrowserPanel::onCurrentChanged(const QModelIndex &current)
{
    const BrowserTable *table = m_tree->table(current);
    const QString dataset = current.data(DatasetTreeModel::DatasetRole).toString();
    if (!table) {
        m_data->clear();
        m_columns->clear();
        showPlaceholder(dataset.isEmpty() ? tr("Select a table to see its rows.")
                                          : tr("Select a table of %1 to see its rows.").arg(dataset));
        emit currentTableChanged(QString(), QString());
        updateStatus();
        return;
    }
    showTable(dataset, *table);
}

void BrowserPanel::showTable(const QString &dataset, const BrowserTable &table)
{
    m_columns->setTable(table);
    m_stack->setCurrentWidget(m_dataView);
    QStringList columns;
    for (const BrowserColumn &c : table.columns)
        columns.append(c.name);
    if (dataset == m_data->dataset() && table.name == m_data->table().name && columns == m_data->columnNames()) {
        m_data->reload(); // refreshed: same table, same sort and filters, fresh rows
    } else {
        m_data->setTable(dataset, table);
        emit currentTableChanged(dataset, table.name);
    }
    updateStatus();
}

void BrowserPanel::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void BrowserPanel::setError(ErrorSource source, const QString &message)
{
    m_errorSource = source;
    // The first line in the banner, everything in its tooltip.
    m_errorLabel->setText(message.section(QLatin1Char('\n'), 0, 0));
    m_errorLabel->setToolTip(message);
    m_errorLabel->show();
    emit errorOccurred(message);
}

void BrowserPanel::clearError(ErrorSource source)
{
    if (m_errorSource != source)
        return;
    m_errorSource = ErrorSource::None;
    m_errorLabel->clear();
    m_errorLabel->setToolTip(QString());
    m_errorLabel->hide();
}

void BrowserPanel::updateStatus()
{
    QString text;
    const QLocale locale;
    if (m_listingDatasets) {
        text = tr("Reading the datasets…");
    } else if (!m_loadingTables.isEmpty()) {
        text = tr("Reading the tables…");
    } else if (m_data->hasTable()) {
        const QString name = m_data->dataset() + QLatin1Char('.') + m_data->table().name;
        const qint64 first = m_data->firstRowOffset();
        // Rows a..b of the filtered table, and how many there are: counted, or the estimate.
        const QString shown =
            first > 0 ? tr("rows %1–%2").arg(locale.toString(first + 1), locale.toString(first + m_data->rowCount()))
                      : countOf(m_data->rowCount(), tr("row"), tr("rows"));
        const QString total = m_data->isCounting() ? tr("counting…")
                              : m_data->exactCount() >= 0
                                  ? tr("%1 in all").arg(countOf(m_data->exactCount(), tr("row"), tr("rows")))
                                  : tr("table: %1 rows").arg(m_data->table().rowsText());
        if (m_data->isLoading())
            text = tr("Reading rows of %1…").arg(name);
        else if (!m_data->errorText().isEmpty())
            text = tr("Could not read %1").arg(name);
        else if (m_data->hasMore())
            text = tr("%1 shown, more as you scroll (%2)").arg(shown, total);
        else
            text = first > 0 || m_data->exactCount() >= 0 ? tr("%1 (%2)").arg(shown, total) : shown;
    }
    m_busy->setVisible(isBusy());
    m_statusLabel->setText(text);
    if (text != m_status) {
        m_status = text;
        emit statusChanged(text);
    }
}

} // namespace wharf::ui
