#include "load/JobsPanel.h"

#include "LogBus.h"
#include "load/JobsModel.h"
#include "load/PackageJobs.h"
#include "package/JobSample.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

namespace {

struct PackageRead {
    QString loadId;
    QList<JobEvent> jobs;
    QString error;
};

// Runs on a pool thread: a package of ten thousand jobs takes a while to list.
PackageRead readPackage(const QString &dir, const SecretMasker &mask)
{
    PackageRead read;
    try {
        const LoadPackage package = LoadPackage::open(dir);
        read.loadId = package.loadId();
        read.jobs = jobEventsFor(package, package.allJobs());
        for (JobEvent &job : read.jobs)
            job = maskJob(std::move(job), mask);
    } catch (const Error &e) {
        read.error = e.fullText();
    }
    return read;
}

} // namespace

JobsPanel::JobsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new JobsModel(this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
{
    m_caption->setObjectName(QStringLiteral("jobsCaption"));
    setUpView();
    createActions();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);

    connect(m_model, &JobsModel::countsChanged, this, &JobsPanel::updateCaption);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JobsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int current = m_view->currentIndex().row();
        if (current >= from.row() && current <= to.row())
            updateActions();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &JobsPanel::updateActions);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &JobsPanel::activate);
    updateCaption();
    updateActions();
}

void JobsPanel::setUpView()
{
    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setTabKeyNavigation(false); // Tab moves on to the next control, as everywhere else
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &JobsPanel::showContextMenu);
    // One fixed row height: with ResizeToContents every update would measure rows again.
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(std::max(fontMetrics().height() + 6, 20));
    // Columns sized once from the font, not from the contents on every event.
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the error column takes the rest
    const auto width = [this](const QString &sample) { return fontMetrics().horizontalAdvance(sample) + 36; };
    m_view->setColumnWidth(JobsModel::StateColumn, width(QStringLiteral("completed")) + 16);
    m_view->setColumnWidth(JobsModel::TableColumn, width(QStringLiteral("issues__assignees (8194f4afe9)")));
    m_view->setColumnWidth(JobsModel::FormatColumn, width(QStringLiteral("insert_values")));
    m_view->setColumnWidth(JobsModel::SizeColumn, width(QStringLiteral("1023.9 KiB")));
    m_view->setColumnWidth(JobsModel::RowsColumn, width(QStringLiteral("1,000,000")));
    m_view->setColumnWidth(JobsModel::RetriesColumn, width(tr("Retries")));
    m_view->setColumnWidth(JobsModel::DurationColumn, width(QStringLiteral("1000 ms")));
}

void JobsPanel::createActions()
{
    m_showErrorAction = new QAction(tr("Show job &error…"), this);
    m_showErrorAction->setObjectName(QStringLiteral("showJobErrorAction"));
    m_showErrorAction->setToolTip(tr("The full error of the selected job (also: double-click a failed job)"));
    connect(m_showErrorAction, &QAction::triggered, this, [this] {
        if (const auto job = currentJob(); job && hasError(*job))
            emit errorRequested(*job);
    });
    m_revealAction = new QAction(tr("Re&veal job file"), this);
    m_revealAction->setObjectName(QStringLiteral("revealJobFileAction"));
    m_revealAction->setToolTip(tr("Open the folder that holds the selected job's file"));
    connect(m_revealAction, &QAction::triggered, this, [this] { revealJobFile(m_view->currentIndex().row()); });
    m_firstRowsAction = new QAction(tr("Show &first rows…"), this);
    m_firstRowsAction->setObjectName(QStringLiteral("jobFirstRowsAction"));
    m_firstRowsAction->setToolTip(tr("The first rows of the selected job's file, read as the load reads them"));
    connect(m_firstRowsAction, &QAction::triggered, this, [this] {
        if (const auto job = currentJob(); job && !job->filePath.isEmpty())
            emit firstRowsRequested(*job);
    });
    m_countRowsAction = new QAction(tr("Cou&nt rows in the files"), this);
    m_countRowsAction->setObjectName(QStringLiteral("countJobRowsAction"));
    m_countRowsAction->setToolTip(tr("Read every job file still to load and show how many rows each holds (what the "
                                     "load will load)"));
    connect(m_countRowsAction, &QAction::triggered, this, &JobsPanel::countRows);
    m_copyErrorAction = new QAction(tr("&Copy error"), this);
    connect(m_copyErrorAction, &QAction::triggered, this, [this] {
        if (const auto job = currentJob())
            QApplication::clipboard()->setText(job->error.fullText());
    });
}

void JobsPanel::updateActions()
{
    const auto job = currentJob();
    m_showErrorAction->setEnabled(job && hasError(*job));
    m_copyErrorAction->setEnabled(job && !job->error.message.isEmpty());
    m_revealAction->setEnabled(job && !job->filePath.isEmpty());
    m_firstRowsAction->setEnabled(job && !job->filePath.isEmpty());
    m_countRowsAction->setEnabled(!m_counting && m_model->rowCount() > m_model->countInState(JobState::Completed));
}

std::optional<JobEvent> JobsPanel::currentJob() const
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount())
        return std::nullopt;
    return m_model->job(row);
}

bool JobsPanel::hasError(const JobEvent &job)
{
    return job.state == JobState::Failed || job.state == JobState::Retry || !job.error.message.isEmpty();
}

void JobsPanel::showPackage(const QString &dir, const SecretMasker &mask)
{
    const quint64 generation = ++m_generation;
    m_sharedGeneration->store(generation);
    if (dir.isEmpty()) {
        m_model->clear();
        emit packageShown(dir, {});
        return;
    }
    auto *watcher = new QFutureWatcher<PackageRead>(this);
    connect(watcher, &QFutureWatcher<PackageRead>::finished, this, [this, watcher, dir, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer package was asked for, or a load took the table over
        const PackageRead read = watcher->result();
        if (read.error.isEmpty())
            m_model->showJobs(read.loadId, read.jobs);
        else
            m_model->clear();
        emit packageShown(dir, read.error);
    });
    watcher->setFuture(QtConcurrent::run(readPackage, dir, mask));
}

JobsPanel::~JobsPanel()
{
    m_sharedGeneration->store(0);
}

void JobsPanel::beginLive()
{
    m_sharedGeneration->store(++m_generation);
}

void JobsPanel::countRows()
{
    if (m_counting)
        return;
    QList<std::pair<QString, QString>> files; // job id, path
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const JobEvent &job = m_model->job(r);
        if (job.state != JobState::Completed && job.state != JobState::Running && !job.filePath.isEmpty())
            files.append({job.jobId, job.filePath});
    }
    if (files.isEmpty())
        return;
    struct Counted {
        QHash<QString, qint64> rows;
        QString error;
    };
    m_counting = true;
    updateActions();
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<Counted>(this);
    connect(watcher, &QFutureWatcher<Counted>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_counting = false;
        const Counted counted = watcher->result();
        if (generation == m_generation) { // still the package that was counted
            m_model->setCountedRows(counted.rows);
            qint64 total = 0;
            for (const qint64 n : counted.rows)
                total += n;
            emit rowsCounted(total, int(counted.rows.size()), counted.error);
        }
        updateActions();
    });
    // Every file read to its end (gzip inflated): never on the GUI thread. Another package or
    // a load starting makes the rest pointless.
    const auto current = m_sharedGeneration;
    watcher->setFuture(QtConcurrent::run([files, generation, current] {
        Counted counted;
        for (const auto &[jobId, path] : files) {
            try {
                counted.rows.insert(jobId, countJobRows(path, [&] { return current->load() == generation; }));
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Cancelled)
                    break;
                if (counted.error.isEmpty())
                    counted.error = e.fullText();
            }
        }
        return counted;
    }));
}

bool JobsPanel::revealJobFile(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QString path = m_model->job(row).filePath;
    if (path.isEmpty())
        return false;
    // Desktops cannot select a file in every file manager; the folder is what works everywhere.
    const QString folder = QFileInfo(path).absolutePath();
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        return true;
    qCWarning(lcUi).noquote() << "could not open the folder" << folder;
    return false;
}

void JobsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_showErrorAction);
    menu.addAction(m_copyErrorAction);
    menu.addSeparator();
    menu.addAction(m_firstRowsAction);
    menu.addAction(m_countRowsAction);
    menu.addAction(m_revealAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void JobsPanel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const JobEvent &job = m_model->job(index.row());
    if (hasError(job))
        emit errorRequested(job);
    else if (job.state == JobState::Completed)
        emit tableRequested(job.table);
    else if (job.state == JobState::Ready && !job.filePath.isEmpty())
        emit firstRowsRequested(job);
}

void JobsPanel::updateCaption()
{
    const int total = m_model->rowCount();
    if (total == 0) {
        m_caption->setText(tr("<b>Jobs</b> — select a package"));
        return;
    }
    QStringList parts;
    for (auto state : {JobState::Ready, JobState::Running, JobState::Retry, JobState::Completed, JobState::Failed}) {
        const int n = m_model->countInState(state);
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(QLocale().toString(n), jobStateName(state));
    }
    m_caption->setText(
        tr("<b>Jobs</b> of %1 — %2").arg(m_model->loadId().toHtmlEscaped(), parts.join(QStringLiteral(", "))));
}

} // namespace wharf::ui
