#include "load/QueueModel.h"

#include "LoadQueue.h"
#include "common/Counts.h"
#include "common/StateColors.h"
#include "common/StateIcons.h"

#include <QLocale>

namespace wharf::ui {

namespace {

// The job state whose colour and icon an outcome borrows.
JobState lookOf(QueueOutcome outcome)
{
    switch (outcome) {
    case QueueOutcome::Running:
        return JobState::Running;
    case QueueOutcome::Loaded:
    case QueueOutcome::Skipped:
        return JobState::Completed;
    case QueueOutcome::Partly:
    case QueueOutcome::Stopped:
    case QueueOutcome::Cancelled:
        return JobState::Retry;
    case QueueOutcome::Aborted:
    case QueueOutcome::NotLoaded:
        return JobState::Failed;
    case QueueOutcome::Waiting:
        break;
    }
    return JobState::Ready;
}

QString seconds(qint64 ms)
{
    return QObject::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

} // namespace

QueueModel::QueueModel(LoadQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    connect(queue, &LoadQueue::entriesReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(queue, &LoadQueue::entryChanged, this,
            [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_queue->entries().size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueEntry &e = m_queue->entries().at(index.row());
    const bool ended = e.outcome != QueueOutcome::Waiting && e.outcome != QueueOutcome::Running;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OrderColumn:
            return index.row() + 1;
        case PackageColumn:
            return e.loadId;
        case OutcomeColumn:
            return queueOutcomeText(e.outcome);
        case RowsColumn:
            // Rows of a package that did not load would read as loaded: shown for loaded ones only.
            return e.outcome == QueueOutcome::Loaded || e.outcome == QueueOutcome::Partly
                       ? QVariant(QLocale().toString(e.rows))
                       : QVariant();
        case TimeColumn:
            return ended && e.elapsedMs > 0 ? QVariant(seconds(e.elapsedMs)) : QVariant();
        case DetailsColumn:
            return e.message;
        }
        break;
    case Qt::ToolTipRole:
        return index.column() == DetailsColumn && !e.message.isEmpty() ? e.message : e.packageDir;
    case Qt::DecorationRole:
        return index.column() == OutcomeColumn ? QVariant(stateIcon(lookOf(e.outcome))) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == OutcomeColumn && e.outcome != QueueOutcome::Waiting
                   ? QVariant(colors::forState(lookOf(e.outcome)))
                   : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == OrderColumn || index.column() == RowsColumn || index.column() == TimeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case OutcomeRole:
        return int(e.outcome);
    case PackageDirRole:
        return e.packageDir;
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderColumn:
        return tr("#");
    case PackageColumn:
        return tr("Package");
    case OutcomeColumn:
        return tr("Outcome");
    case RowsColumn:
        return tr("Rows");
    case TimeColumn:
        return tr("Time");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

QString queueSummaryText(const QueueSummary &s)
{
    const QString loaded = countOf(s.loaded, QObject::tr("package"), QObject::tr("packages"));
    const QString rows = countOf(s.rows, QObject::tr("row"), QObject::tr("rows"));
    if (s.cancelled)
        return QObject::tr("Queue cancelled: %1 of %2 loaded; Resume queue goes on where it stopped")
            .arg(s.loaded)
            .arg(s.packages);
    if (!s.stoppedBy.isEmpty())
        return QObject::tr("Queue stopped at package %1 (%2): %3 of %4 loaded; Resume queue goes on where it stopped")
            .arg(s.stoppedBy, s.reason)
            .arg(s.loaded)
            .arg(s.packages);
    if (s.notLoaded > 0)
        return QObject::tr("Queue done: %1 loaded, %2 not loaded (aborted); %3 in %4")
            .arg(loaded)
            .arg(s.notLoaded)
            .arg(rows, seconds(s.elapsedMs));
    return QObject::tr("Queue done: %1 loaded, %2 in %3").arg(loaded, rows, seconds(s.elapsedMs));
}

} // namespace wharf::ui
