#include "load/JobsModel.h"

#include "common/StateColors.h"
#include "common/StateIcons.h"
#include "load/PackageJobs.h"

#include <QLocale>
#include <algorithm>

namespace wharf::ui {

namespace {

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

void JobsModel::showJobs(const QString &loadId, const QList<JobEvent> &jobs)
{
    beginResetModel();
    m_loadId = loadId;
    m_jobs.clear();
    m_counted.clear();
    m_rowByJob.clear();
    m_jobsPerTable.clear();
    m_counts.fill(0);
    m_jobs.reserve(jobs.size());
    for (const auto &e : jobs) {
        if (m_rowByJob.contains(e.jobId))
            continue;
        m_rowByJob.insert(e.jobId, int(m_jobs.size()));
        ++m_jobsPerTable[e.table];
        ++m_counts[std::size_t(e.state)];
        m_jobs.append(e);
    }
    endResetModel();
    emit countsChanged();
}

void JobsModel::showPackage(const QString &loadId, const QList<JobFile> &jobs)
{
    QList<JobEvent> events;
    events.reserve(jobs.size());
    for (const auto &f : jobs)
        events.append(jobEventFromFile(loadId, f));
    showJobs(loadId, events);
}

void JobsModel::clear()
{
    showJobs({}, {});
}

void JobsModel::applyEvent(const JobEvent &event)
{
    applyEvents({event});
}

void JobsModel::applyEvents(const QList<JobEvent> &events)
{
    if (events.isEmpty())
        return;
    QList<JobEvent> inserts;
    QList<int> changedRows;
    m_pending = &inserts;
    for (const JobEvent &event : events) {
        if (event.loadId != m_loadId) {
            commit(inserts, changedRows);
            showJobs(event.loadId, {});
            m_pending = &inserts;
        }
        const int row = m_rowByJob.value(event.jobId, -1);
        if (row < 0) {
            addRow(event, changedRows);
            continue;
        }
        JobEvent &slot = row < m_jobs.size() ? m_jobs[row] : inserts[row - m_jobs.size()];
        --m_counts[std::size_t(slot.state)];
        ++m_counts[std::size_t(event.state)];
        slot = event;
        if (row < m_jobs.size())
            changedRows.append(row);
    }
    commit(inserts, changedRows);
    emit countsChanged();
}

void JobsModel::addRow(const JobEvent &event, QList<int> &changedRows)
{
    m_rowByJob.insert(event.jobId, int(m_jobs.size() + m_pending->size()));
    ++m_counts[std::size_t(event.state)];
    m_pending->append(event);
    // A second file of a table changes how the table's rows name themselves ("issues (abc)").
    if (++m_jobsPerTable[event.table] != 2)
        return;
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs[row].table == event.table)
            changedRows.append(row);
}

void JobsModel::commit(QList<JobEvent> &inserts, QList<int> &changedRows)
{
    m_pending = nullptr;
    if (!changedRows.isEmpty()) {
        std::sort(changedRows.begin(), changedRows.end());
        int first = changedRows.first();
        int last = first;
        const auto flush = [&] { emit dataChanged(index(first, 0), index(last, ColumnCount - 1)); };
        for (int row : std::as_const(changedRows)) {
            if (row - last > kRangeGap) {
                flush();
                first = row;
            }
            last = std::max(last, row);
        }
        flush();
        changedRows.clear();
    }
    if (!inserts.isEmpty()) {
        const int start = int(m_jobs.size());
        beginInsertRows({}, start, start + int(inserts.size()) - 1);
        m_jobs.append(inserts);
        endInsertRows();
        inserts.clear();
    }
}

void JobsModel::setCountedRows(const QHash<QString, qint64> &rowsByJob)
{
    m_counted = rowsByJob;
    if (!m_jobs.isEmpty())
        emit dataChanged(index(0, RowsColumn), index(int(m_jobs.size()) - 1, RowsColumn));
}

void JobsModel::settle()
{
    QList<JobEvent> changed;
    for (const JobEvent &job : std::as_const(m_jobs)) {
        if (job.state != JobState::Running && job.state != JobState::Retry)
            continue;
        JobEvent ready = job;
        ready.state = JobState::Ready;
        changed.append(ready);
    }
    applyEvents(changed);
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
    case StateColumn:
        return jobStateName(job.state);
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
    case RowsColumn:
        if (job.state == JobState::Completed && job.rows >= 0)
            return QLocale().toString(job.rows);
        // Counted in the file before the load (Count rows): what the load will load.
        return m_counted.contains(job.jobId) ? QLocale().toString(m_counted.value(job.jobId)) : QString();
    case RetriesColumn:
        return job.retryCount;
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
        return job.filePath.isEmpty() ? job.fileName : job.filePath;
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateIcon(job.state);
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return colors::forState(job.state);
        if (index.column() == ErrorColumn && !job.error.message.isEmpty())
            return colors::forState(job.state == JobState::Retry ? JobState::Retry : JobState::Failed);
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
    case StateColumn:
        return tr("State");
    case TableColumn:
        return tr("Table");
    case FormatColumn:
        return tr("Format");
    case SizeColumn:
        return tr("Size");
    case RowsColumn:
        return tr("Rows");
    case RetriesColumn:
        return tr("Retries");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

} // namespace wharf::ui
