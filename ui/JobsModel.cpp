#include "JobsModel.h"

#include "StateColors.h"

#include <QLocale>

namespace wharf::ui {

namespace {

QColor stateColor(JobState s)
{
    switch (s) {
    case JobState::Ready:
        return colors::neutral();
    case JobState::Running:
        return colors::running();
    case JobState::Completed:
        return colors::success();
    case JobState::Retry:
        return colors::warning();
    case JobState::Failed:
        break;
    }
    return colors::failure();
}

JobEvent eventFromFile(const QString &loadId, const JobFile &file)
{
    JobEvent e;
    e.loadId = loadId;
    e.jobId = file.name.jobId();
    e.fileName = file.name.fileName();
    e.filePath = file.path;
    e.table = file.name.table;
    e.format = file.name.formatName;
    e.size = file.size;
    e.retryCount = file.name.retryCount;
    // Not known from the files alone (a job finished in an earlier run): shown blank.
    e.rows = -1;
    e.durationMs = -1;
    switch (file.folder) {
    case JobFolder::New:
    case JobFolder::Started:
        e.state = JobState::Ready;
        break;
    case JobFolder::Completed:
        e.state = JobState::Completed;
        break;
    case JobFolder::Failed:
        e.state = JobState::Failed;
        break;
    }
    return e;
}

QString durationText(qint64 ms)
{
    if (ms < 1)
        return QStringLiteral("< 1 ms");
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
}

} // namespace

JobsModel::JobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void JobsModel::showPackage(const QString &loadId, const QList<JobFile> &jobs)
{
    beginResetModel();
    m_loadId = loadId;
    m_jobs.clear();
    m_rowByJob.clear();
    m_jobsPerTable.clear();
    for (const auto &f : jobs) {
        const JobEvent e = eventFromFile(loadId, f);
        if (m_rowByJob.contains(e.jobId))
            continue;
        m_rowByJob.insert(e.jobId, int(m_jobs.size()));
        ++m_jobsPerTable[e.table];
        m_jobs.append(e);
    }
    endResetModel();
}

void JobsModel::clear()
{
    showPackage({}, {});
}

void JobsModel::applyEvent(const JobEvent &event)
{
    if (event.loadId != m_loadId)
        showPackage(event.loadId, {});
    const int row = m_rowByJob.value(event.jobId, -1);
    if (row >= 0) {
        m_jobs[row] = event;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int newRow = int(m_jobs.size());
    beginInsertRows({}, newRow, newRow);
    m_jobs.append(event);
    m_rowByJob.insert(event.jobId, newRow);
    endInsertRows();
    // Counted after the insertion: the rows already there change their text only now, and say so.
    if (++m_jobsPerTable[event.table] == 2) {
        for (int row = 0; row <= newRow; ++row)
            if (m_jobs[row].table == event.table)
                emit dataChanged(index(row, TableColumn), index(row, TableColumn), {Qt::DisplayRole});
    }
}

int JobsModel::countInState(JobState state) const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(), [state](const JobEvent &e) { return e.state == state; }));
}

bool JobsModel::allCompleted() const
{
    return !m_jobs.isEmpty() && countInState(JobState::Completed) == m_jobs.size();
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::display(const JobEvent &job, int column) const
{
    const bool finished = job.state == JobState::Completed || job.state == JobState::Failed;
    switch (column) {
    case TableColumn:
        if (m_jobsPerTable.value(job.table) > 1) {
            const auto name = JobFileName::tryParse(job.fileName);
            return QStringLiteral("%1 (%2)").arg(job.table, name ? name->fileId : job.jobId);
        }
        return job.table;
    case FormatColumn:
        return job.format;
    case SizeColumn:
        return QLocale().formattedDataSize(job.size);
    case StateColumn:
        return jobStateName(job.state);
    case RetriesColumn:
        return job.retryCount;
    case RowsColumn:
        return job.state == JobState::Completed && job.rows >= 0 ? QLocale().toString(job.rows) : QString();
    case DurationColumn:
        return finished && job.durationMs >= 0 ? durationText(job.durationMs) : QString();
    case ErrorColumn:
        // One line in the table; the full text (detail, hint, statement) is the tooltip.
        return job.error.message.section(QLatin1Char('\n'), 0, 0);
    }
    return {};
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobEvent &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(job, index.column());
    case Qt::ToolTipRole:
        if (!job.error.message.isEmpty())
            return job.error.fullText();
        return job.fileName;
    case Qt::DecorationRole:
        // A QColor decoration is drawn as a small swatch by the standard delegate.
        if (index.column() == StateColumn)
            return stateColor(job.state);
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn || (index.column() == ErrorColumn && !job.error.message.isEmpty()))
            return stateColor(index.column() == ErrorColumn ? JobState::Failed : job.state);
        break;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SizeColumn:
        case RetriesColumn:
        case RowsColumn:
        case DurationColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            break;
        }
        break;
    case StateRole:
        return int(job.state);
    case JobIdRole:
        return job.jobId;
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TableColumn:
        return tr("Table");
    case FormatColumn:
        return tr("Format");
    case SizeColumn:
        return tr("Size");
    case StateColumn:
        return tr("State");
    case RetriesColumn:
        return tr("Retries");
    case RowsColumn:
        return tr("Rows");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

} // namespace wharf::ui
