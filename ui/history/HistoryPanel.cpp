#include "history/HistoryPanel.h"

#include "browse/BrowserWorker.h"
#include "browse/DatasetChooser.h"
#include "common/Counts.h"
#include "history/LoadRowsModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {

QTableView *listView(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setTabKeyNavigation(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_worker(new BrowserWorker(this))
    , m_loads(new LoadsModel(this))
    , m_rows(new LoadRowsModel(this))
    , m_datasets(new DatasetChooser(this))
    , m_status(new QLabel(this))
    , m_rowsCaption(new QLabel(this))
{
    m_datasets->setObjectName(QStringLiteral("historyDataset"));
    m_loadsView = listView(m_loads, QStringLiteral("loadsView"), this);
    m_loadsView->horizontalHeader()->setSectionResizeMode(LoadsModel::PackageColumn, QHeaderView::Stretch);
    m_loadsView->setTextElideMode(Qt::ElideMiddle);
    m_rowsView = listView(m_rows, QStringLiteral("loadRowsView"), this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_rowsCaption->setWordWrap(true);

    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setToolTip(tr("Read the datasets and their loads again"));
    connect(m_refreshAction, &QAction::triggered, this, &HistoryPanel::refresh);
    m_deleteAction = new QAction(tr("&Delete the rows of this load…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteLoadRowsAction"));
    m_deleteAction->setToolTip(tr("Delete every row the selected load left in this dataset, and its _dlt_loads row, "
                                  "in one transaction (asks first, with the counts)"));
    connect(m_deleteAction, &QAction::triggered, this, &HistoryPanel::deleteSelectedLoad);

    auto *datasetLabel = new QLabel(tr("Data&set:"), this);
    datasetLabel->setBuddy(m_datasets);
    auto *refresh = new QToolButton(this);
    refresh->setDefaultAction(m_refreshAction);
    auto *top = new QHBoxLayout;
    top->addWidget(datasetLabel);
    top->addWidget(m_datasets);
    top->addWidget(refresh);
    top->addWidget(m_status, 1);

    auto *deleteButton = new QPushButton(this);
    deleteButton->setObjectName(QStringLiteral("deleteLoadRowsButton"));
    const auto syncButton = [deleteButton, this] {
        deleteButton->setText(m_deleteAction->text());
        deleteButton->setEnabled(m_deleteAction->isEnabled());
        deleteButton->setToolTip(m_deleteAction->toolTip());
    };
    syncButton();
    connect(m_deleteAction, &QAction::changed, deleteButton, syncButton);
    connect(deleteButton, &QPushButton::clicked, m_deleteAction, &QAction::trigger);
    auto *rowsPane = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rowsPane);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_rowsCaption);
    rowsLayout->addWidget(m_rowsView, 1);
    rowsLayout->addWidget(deleteButton, 0, Qt::AlignRight);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_loadsView);
    splitter->addWidget(rowsPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_worker, &BrowserWorker::datasetsListed, this, [this](const QList<BrowserDataset> &datasets) {
        m_datasets->setDatasets(datasets); // datasetChosen lists the loads
        if (m_datasets->count() == 0)
            setStatus(tr("No dataset that dlt loaded into at %1 yet").arg(m_destination));
    });
    connect(m_worker, &BrowserWorker::datasetsFailed, this, [this](const ErrorInfo &error) {
        setStatus(tr("Cannot list the datasets: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0)));
        emit failed(error.message);
    });
    connect(m_worker, &BrowserWorker::answered, this, &HistoryPanel::answered);
    connect(m_worker, &BrowserWorker::callFailed, this, &HistoryPanel::callFailed);
    connect(m_datasets, &DatasetChooser::datasetChosen, this, [this] { listLoads(); });
    connect(m_loadsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { countRows(); });
    updateActions();
}

QString HistoryPanel::currentDataset() const
{
    return m_datasets->currentText();
}

QString HistoryPanel::statusText() const
{
    return m_status->text();
}

void HistoryPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void HistoryPanel::setDestination(const QString &name)
{
    if (name == m_destination)
        return;
    m_destination = name;
    m_loads->clear();
    m_rows->clear();
    m_datasets->clear();
    m_worker->useDestination(name);
    refresh();
}

void HistoryPanel::showDataset(const QString &dataset)
{
    m_datasets->want(dataset);
}

void HistoryPanel::selectLoad(const QString &loadId)
{
    const int row = m_loads->rowOf(loadId);
    if (row < 0) {
        m_wantedLoad = loadId;
        return;
    }
    m_loadsView->selectRow(row);
}

void HistoryPanel::refresh()
{
    if (m_destination.isEmpty())
        return;
    setStatus(tr("Reading the datasets…"));
    m_worker->listDatasets();
}

void HistoryPanel::listLoads()
{
    m_rows->clear();
    const QString dataset = currentDataset();
    if (dataset.isEmpty()) {
        m_loads->clear();
        updateActions();
        return;
    }
    setStatus(tr("Reading the loads of %1…").arg(dataset));
    m_loadsTicket = ++m_ticket;
    m_worker->call(m_loadsTicket,
                   [dataset](DatasetBrowser &browser) { return QVariant::fromValue(browser.listLoads(dataset)); });
    updateActions();
}

void HistoryPanel::countRows()
{
    const QModelIndex current = m_loadsView->selectionModel()->currentIndex();
    m_rows->clear();
    m_countTicket = 0;
    if (!current.isValid()) {
        m_rowsCaption->setText(tr("Select a load to see the rows it left in each table."));
        updateActions();
        return;
    }
    const QString dataset = currentDataset();
    const QString loadId = current.data(LoadsModel::LoadIdRole).toString();
    m_rowsCaption->setText(tr("Counting the rows of load %1…").arg(loadId));
    m_countTicket = ++m_ticket;
    m_worker->call(m_countTicket, [dataset, loadId](DatasetBrowser &browser) {
        return QVariant::fromValue(std::make_pair(loadId, browser.countLoadRows(dataset, loadId)));
    });
    updateActions();
}

void HistoryPanel::answered(quint64 ticket, const QVariant &value)
{
    if (ticket == m_loadsTicket) {
        m_loadsTicket = 0;
        const auto loads = value.value<QList<BrowserLoad>>();
        m_loads->setLoads(loads);
        const QString listed =
            loads.isEmpty() ? tr("No loads recorded in %1 (_dlt_loads is empty or missing)").arg(currentDataset())
                            : tr("%1 in %2").arg(countOf(loads.size(), tr("load"), tr("loads")), currentDataset());
        setStatus(m_notice.isEmpty() ? listed : m_notice + QStringLiteral(" · ") + listed);
        m_notice.clear();
        const int wanted = m_loads->rowOf(m_wantedLoad);
        m_wantedLoad.clear();
        if (wanted >= 0)
            m_loadsView->selectRow(wanted);
        else if (!loads.isEmpty())
            m_loadsView->selectRow(0);
        emit loadsListed(currentDataset());
    } else if (ticket == m_countTicket) {
        m_countTicket = 0;
        const auto [loadId, rows] = value.value<std::pair<QString, QList<LoadTableRows>>>();
        m_rows->setRows(loadId, rows);
        m_rowsCaption->setText(rows.isEmpty() ? tr("Load %1 has no rows left in %2.").arg(loadId, currentDataset())
                                              : tr("Load %1 left %2 in %3:")
                                                    .arg(loadId, countOf(m_rows->totalRows(), tr("row"), tr("rows")),
                                                         countOf(rows.size(), tr("table"), tr("tables"))));
        emit rowsCounted(loadId);
    } else if (ticket == m_deleteTicket) {
        m_deleteTicket = 0;
        const auto deleted = value.value<QList<LoadTableRows>>();
        qint64 total = 0;
        for (const LoadTableRows &r : deleted)
            total += r.rows;
        const QString loadId = m_deleting;
        m_deleting.clear();
        m_notice = tr("Deleted %1 of load %2").arg(countOf(total, tr("row"), tr("rows")), loadId);
        setStatus(m_notice);
        emit rowsDeleted(currentDataset(), loadId, total);
        listLoads();
        return; // listLoads() updated the actions
    }
    updateActions();
}

void HistoryPanel::callFailed(quint64 ticket, const ErrorInfo &error)
{
    const QString why = error.message.section(QLatin1Char('\n'), 0, 0);
    if (ticket == m_loadsTicket) {
        m_loadsTicket = 0;
        m_loads->clear();
        setStatus(tr("Cannot read the loads: %1").arg(why));
    } else if (ticket == m_countTicket) {
        m_countTicket = 0;
        m_rowsCaption->setText(tr("Cannot count the rows: %1").arg(why));
    } else if (ticket == m_deleteTicket) {
        m_deleteTicket = 0;
        setStatus(tr("Nothing was deleted: %1").arg(why));
        m_deleting.clear();
    } else {
        return;
    }
    emit failed(error.message);
    updateActions();
}

void HistoryPanel::deleteSelectedLoad()
{
    if (!m_deleteAction->isEnabled() || m_confirm)
        return;
    const QString dataset = currentDataset();
    const QString loadId = m_rows->loadId();
    QStringList lines;
    for (const LoadTableRows &r : m_rows->rows())
        lines.append(r.root.isEmpty()
                         ? tr("%1: %2").arg(r.table, countOf(r.rows, tr("row"), tr("rows")))
                         : tr("%1: %2 (nested in %3)").arg(r.table, countOf(r.rows, tr("row"), tr("rows")), r.root));
    const qint64 total = m_rows->totalRows();
    m_confirm = new QMessageBox(
        QMessageBox::Warning, tr("Delete the rows of a load"),
        tr("Delete %1 of load %2 from dataset %3?").arg(countOf(total, tr("row"), tr("rows")), loadId, dataset),
        QMessageBox::NoButton, this);
    m_confirm->setObjectName(QStringLiteral("confirmDeleteLoad"));
    m_confirm->setInformativeText(
        tr("%1\n\nThe load's row in _dlt_loads goes too. It is one transaction: everything or nothing. It cannot "
           "be undone. The package stays marked loaded; to load its rows again, use Load a copy.")
            .arg(lines.join(QLatin1Char('\n'))));
    QPushButton *yes =
        m_confirm->addButton(tr("Delete %1").arg(countOf(total, tr("row"), tr("rows"))), QMessageBox::DestructiveRole);
    QPushButton *no = m_confirm->addButton(QMessageBox::Cancel);
    m_confirm->setDefaultButton(no);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::finished, this, [this, yes, dataset, loadId] {
        const bool confirmed = m_confirm && m_confirm->clickedButton() == yes;
        m_confirm = nullptr;
        if (!confirmed || dataset != currentDataset())
            return;
        m_deleting = loadId;
        setStatus(tr("Deleting the rows of load %1…").arg(loadId));
        m_deleteTicket = ++m_ticket;
        m_worker->call(m_deleteTicket, [dataset, loadId](DatasetBrowser &browser) {
            return QVariant::fromValue(browser.deleteLoadRows(dataset, loadId));
        });
        updateActions();
    });
    m_confirm->open();
}

void HistoryPanel::updateActions()
{
    const bool deleting = m_deleteTicket != 0;
    const bool counted = !m_rows->loadId().isEmpty() && m_countTicket == 0;
    m_deleteAction->setEnabled(!deleting && counted && m_rows->totalRows() >= 0 && !m_confirm);
    m_datasets->setEnabled(!deleting);
    m_refreshAction->setEnabled(!deleting);
}

} // namespace wharf::ui
