#pragma once

#include "load/LoadEvents.h"
#include "package/LoadPackage.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace wharf::ui {

/// The jobs of one package and their states, fed by Loader::jobStateChanged. Rows are keyed by
/// JobEvent::jobId (stable across retries), so a retried job updates its row in place. GUI
/// thread only; events arrive queued from the loader.
class JobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TableColumn,
        FormatColumn,
        SizeColumn,
        StateColumn,
        RetriesColumn,
        RowsColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };
    /// Qt::UserRole: int(JobState) on every column.
    static constexpr int StateRole = Qt::UserRole;
    /// Qt::UserRole + 1: the job id.
    static constexpr int JobIdRole = Qt::UserRole + 1;

    explicit JobsModel(QObject *parent = nullptr);

    /// Shows the job files of a package before (or after) a load: new and started jobs as
    /// Ready, completed and failed ones as such. Replaces every row.
    void showPackage(const QString &loadId, const QList<JobFile> &jobs);
    void clear();

    const QString &loadId() const { return m_loadId; }
    const JobEvent &job(int row) const { return m_jobs.at(row); }
    int rowOfJob(const QString &jobId) const { return m_rowByJob.value(jobId, -1); }
    int countInState(JobState state) const;
    /// True when there are rows and every one is Completed.
    bool allCompleted() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    /// Adds or updates the row of `event.jobId`. An event of another load id clears the model
    /// first (a new load started).
    void applyEvent(const wharf::JobEvent &event);

private:
    QVariant display(const JobEvent &job, int column) const;

    QString m_loadId;
    QList<JobEvent> m_jobs;
    QHash<QString, int> m_rowByJob;
    QHash<QString, int> m_jobsPerTable; ///< tables with several files show the file id too
};

} // namespace wharf::ui
