#include "schema/SchemaPanel.h"

#include "browse/BrowserWorker.h"
#include "browse/DatasetChooser.h"
#include "common/Counts.h"
#include "schema/SchemaColumnsModel.h"
#include "schema/SchemaTablesModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace wharf::ui {

SchemaPanel::SchemaPanel(QWidget *parent)
    : QWidget(parent)
    , m_worker(new BrowserWorker(this))
    , m_datasets(new DatasetChooser(this))
    , m_schemas(new QComboBox(this))
    , m_tables(new SchemaTablesModel(this))
    , m_columns(new SchemaColumnsModel(this))
    , m_tablesView(new QTreeView(this))
    , m_columnsView(new QTableView(this))
    , m_columnsFilter(new QSortFilterProxyModel(this))
    , m_onlyDifferences(new QCheckBox(tr("Only &differences"), this))
    , m_status(new QLabel(this))
    , m_tableCaption(new QLabel(this))
{
    m_datasets->setObjectName(QStringLiteral("schemaDataset"));
    m_schemas->setObjectName(QStringLiteral("schemaName"));
    m_schemas->setToolTip(tr("A dataset may hold the schemas of several sources"));
    m_schemas->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status->setObjectName(QStringLiteral("schemaStatus"));
    m_status->setWordWrap(true);
    m_tablesView->setObjectName(QStringLiteral("schemaTablesView"));
    m_tablesView->setModel(m_tables);
    m_tablesView->setUniformRowHeights(true);
    m_tablesView->setAlternatingRowColors(true);
    m_tablesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tablesView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tablesView->header()->setStretchLastSection(false);
    m_columnsView->setObjectName(QStringLiteral("schemaColumnsView"));
    // "Only differences" keeps the columns whose status is not Ok (those without a type stay
    // out too: dlt has not created them yet, by design).
    m_columnsFilter->setSourceModel(m_columns);
    m_columnsFilter->setFilterRole(SchemaColumnsModel::StatusRole);
    m_columnsFilter->setFilterKeyColumn(SchemaColumnsModel::NameColumn);
    connect(m_onlyDifferences, &QCheckBox::toggled, this, [this](bool only) {
        m_columnsFilter->setFilterRegularExpression(
            only ? QRegularExpression(QStringLiteral("^[%1%2%3]$")
                                          .arg(int(SchemaColumnView::Status::MissingInDatabase))
                                          .arg(int(SchemaColumnView::Status::TypeMismatch))
                                          .arg(int(SchemaColumnView::Status::NotInSchema)))
                 : QRegularExpression());
    });
    m_columnsView->setModel(m_columnsFilter);
    m_columnsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_columnsView->setTabKeyNavigation(false);
    m_columnsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columnsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columnsView->setAlternatingRowColors(true);
    m_columnsView->setWordWrap(false);
    m_columnsView->verticalHeader()->hide();
    m_columnsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columnsView->horizontalHeader()->setStretchLastSection(true);

    auto *datasetLabel = new QLabel(tr("Data&set:"), this);
    datasetLabel->setBuddy(m_datasets);
    auto *schemaLabel = new QLabel(tr("S&chema:"), this);
    schemaLabel->setBuddy(m_schemas);
    auto *refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Read the stored schemas and the tables again"));
    connect(refresh, &QToolButton::clicked, this, &SchemaPanel::refresh);
    auto *top = new QHBoxLayout;
    top->addWidget(datasetLabel);
    top->addWidget(m_datasets);
    top->addWidget(schemaLabel);
    top->addWidget(m_schemas);
    top->addWidget(refresh);
    top->addWidget(m_status, 1);

    auto *columnsPane = new QWidget(this);
    auto *columnsLayout = new QVBoxLayout(columnsPane);
    columnsLayout->setContentsMargins(0, 0, 0, 0);
    auto *captionRow = new QHBoxLayout;
    captionRow->addWidget(m_tableCaption, 1);
    captionRow->addWidget(m_onlyDifferences);
    columnsLayout->addLayout(captionRow);
    columnsLayout->addWidget(m_columnsView, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("schemaSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tablesView);
    splitter->addWidget(columnsPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_worker, &BrowserWorker::datasetsListed, m_datasets, &DatasetChooser::setDatasets);
    connect(m_worker, &BrowserWorker::datasetsFailed, this, [this](const ErrorInfo &error) {
        setStatus(tr("Cannot list the datasets: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0)));
    });
    connect(m_datasets, &DatasetChooser::datasetChosen, this, [this] { readSchemas(); });
    connect(m_schemas, &QComboBox::currentIndexChanged, this, &SchemaPanel::showSchema);
    connect(m_worker, &BrowserWorker::answered, this, [this](quint64 ticket, const QVariant &value) {
        if (ticket != m_readTicket)
            return;
        m_readTicket = 0;
        m_views = value.value<QList<SchemaView>>();
        {
            const QSignalBlocker block(m_schemas);
            m_schemas->clear();
            for (const SchemaView &v : std::as_const(m_views))
                m_schemas->addItem(v.name);
        }
        showSchema(m_schemas->currentIndex());
        emit schemasShown(m_datasets->dataset(), {});
    });
    connect(m_worker, &BrowserWorker::callFailed, this, [this](quint64 ticket, const ErrorInfo &error) {
        if (ticket != m_readTicket)
            return;
        m_readTicket = 0;
        setStatus(tr("Cannot read the schemas: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0)));
        emit schemasShown(m_datasets->dataset(), error.message);
    });
    connect(m_tablesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const int i = current.isValid() ? current.data(SchemaTablesModel::TableIndexRole).toInt() : -1;
                if (i < 0 || i >= m_tables->view().tables.size()) {
                    m_columns->clear();
                    m_tableCaption->clear();
                    return;
                }
                const SchemaTableView &t = m_tables->view().tables[i];
                m_columns->setTable(t);
                m_tableCaption->setText(
                    !t.inDatabase        ? tr("<b>%1</b> — not in the database yet").arg(t.name.toHtmlEscaped())
                    : t.differences == 0 ? tr("<b>%1</b> — matches the schema").arg(t.name.toHtmlEscaped())
                                         : tr("<b>%1</b> — %2 from the schema")
                                               .arg(t.name.toHtmlEscaped(),
                                                    countOf(t.differences, tr("difference"), tr("differences"))));
            });
}

QAbstractItemModel *SchemaPanel::shownColumns() const
{
    return m_columnsFilter;
}

QString SchemaPanel::statusText() const
{
    return m_status->text();
}

void SchemaPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void SchemaPanel::setDestination(const QString &name)
{
    if (name == m_destination)
        return;
    m_destination = name;
    m_views.clear();
    m_schemas->clear();
    m_tables->setView({});
    m_columns->clear();
    m_worker->useDestination(name);
    refresh();
}

void SchemaPanel::showDataset(const QString &dataset)
{
    m_datasets->want(dataset);
}

void SchemaPanel::refresh()
{
    if (m_destination.isEmpty())
        return;
    setStatus(tr("Reading the datasets…"));
    m_worker->listDatasets();
}

void SchemaPanel::readSchemas()
{
    const QString dataset = m_datasets->dataset();
    if (dataset.isEmpty()) {
        setStatus(tr("No dataset that dlt loaded into at %1 yet").arg(m_destination));
        return;
    }
    setStatus(tr("Reading the schemas of %1…").arg(dataset));
    m_readTicket = ++m_ticket;
    // Both reads and the comparison happen on the worker: a schema may have hundreds of tables.
    m_worker->call(m_readTicket, [dataset](DatasetBrowser &browser) {
        const QList<BrowserTable> tables = browser.listTables(dataset);
        QList<SchemaView> views;
        for (const QByteArray &json : browser.storedSchemas(dataset))
            views.append(compareSchema(Schema::fromJson(json, QStringLiteral("_dlt_version")), tables));
        return QVariant::fromValue(views);
    });
}

void SchemaPanel::showSchema(int index)
{
    if (index < 0 || index >= m_views.size()) {
        m_tables->setView({});
        m_columns->clear();
        m_tableCaption->clear();
        setStatus(m_views.isEmpty() ? tr("No dlt schema stored in %1 (no _dlt_version)").arg(m_datasets->dataset())
                                    : QString());
        return;
    }
    const SchemaView &view = m_views[index];
    m_tables->setView(view);
    m_tablesView->expandAll();
    setStatus(tr("Schema %1, version %2 (%3): %4")
                  .arg(view.name)
                  .arg(view.version)
                  .arg(view.versionHash.left(12), view.differences == 0
                                                      ? tr("the database matches it")
                                                      : countOf(view.differences, tr("difference"), tr("differences")) +
                                                            tr(" from the database")));
    // The first table with a difference, else the first table.
    QString first = view.tables.isEmpty() ? QString() : view.tables.first().name;
    for (const SchemaTableView &t : view.tables)
        if (t.differences > 0) {
            first = t.name;
            break;
        }
    selectTable(first);
}

bool SchemaPanel::selectTable(const QString &name)
{
    const QModelIndex index = m_tables->indexOfTable(name);
    if (!index.isValid())
        return false;
    m_tablesView->setCurrentIndex(index);
    return true;
}

} // namespace wharf::ui
