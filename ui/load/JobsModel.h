#pragma once

#include "load/LoadEvents.h"
#include "package/LoadPackage.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <array>

namespace wharf::ui {

/// The jobs of one package and their states, fed by the loader's batched events
/// (Loader::jobsListed / jobsChanged). Rows are keyed by JobEvent::jobId (stable across
/// retries), so a retried job updates its row in place. A batch costs one insertion and one
/// dataChanged per run of neighbouring changed rows, never a reset, and the counts by state
/// are kept as the events arrive: ten thousand jobs stay cheap. GUI thread only.
class JobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StateColumn,
        TableColumn,
        FormatColumn,
        SizeColumn,
        RowsColumn,
        RetriesColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };
    /// Qt::UserRole: int(JobState) on every column.
    static constexpr int StateRole = Qt::UserRole;
    /// Qt::UserRole + 1: the job id.
    static constexpr int JobIdRole = Qt::UserRole + 1;

    explicit JobsModel(QObject *parent = nullptr);

    /// Replaces every row with `jobs` (the first of two events with one job id wins).
    void showJobs(const QString &loadId, const QList<JobEvent> &jobs);
    /// showJobs() for job files read from a package (see jobEventFromFile).
    void showPackage(const QString &loadId, const QList<JobFile> &jobs);
    void clear();

    const QString &loadId() const { return m_loadId; }
    const JobEvent &job(int row) const { return m_jobs.at(row); }
    int rowOfJob(const QString &jobId) const { return m_rowByJob.value(jobId, -1); }
    int countInState(JobState state) const { return m_counts[std::size_t(state)]; }
    /// True when there are rows and every one is Completed.
    bool allCompleted() const;
    /// Rows counted in the files of jobs still to load (countJobRows), by job id: shown in the
    /// Rows column until the jobs load. Cleared by showJobs().
    void setCountedRows(const QHash<QString, qint64> &rowsByJob);
    qint64 countedRows(const QString &jobId) const { return m_counted.value(jobId, -1); }
    /// The load stopped: jobs still shown running or waiting for a retry are back in
    /// new_jobs/ on disk and show as ready (their error stays, for the next Run to clear).
    void settle();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Neighbouring changed rows closer than this go into one dataChanged.
    static constexpr int kRangeGap = 16;

public slots:
    /// Adds or updates the row of `event.jobId`. An event of another load id clears the model
    /// first (a new load started).
    void applyEvent(const wharf::JobEvent &event);
    /// applyEvent() for a batch, in order, with one insertion and ranged dataChanged signals.
    void applyEvents(const QList<wharf::JobEvent> &events);

signals:
    /// The counts by state may have changed (once per showJobs or batch).
    void countsChanged();

private:
    QVariant display(const JobEvent &job, int column) const;
    void addRow(const JobEvent &event, QList<int> &changedRows);
    void commit(QList<JobEvent> &inserts, QList<int> &changedRows);

    QString m_loadId;
    QList<JobEvent> m_jobs;
    QHash<QString, int> m_rowByJob;       ///< may point past m_jobs into a batch's pending inserts
    QHash<QString, int> m_jobsPerTable;   ///< tables with several files show the file id too
    std::array<int, 5> m_counts{};        ///< by int(JobState), rows and pending inserts
    QList<JobEvent> *m_pending = nullptr; ///< the inserts of the batch being applied
    QHash<QString, qint64> m_counted;     ///< rows counted in files still to load
};

} // namespace wharf::ui
