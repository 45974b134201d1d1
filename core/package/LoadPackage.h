#pragma once

#include "package/JobFileName.h"
#include "schema/Schema.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace wharf {

/// The state folders of a package (spec 1.2). Job files move between them by rename.
enum class JobFolder { New, Started, Completed, Failed };

QString jobFolderName(JobFolder f); ///< "new_jobs", "started_jobs", ...

/// One job file found in a package.
struct JobFile {
    QString path; ///< absolute
    JobFileName name;
    JobFolder folder = JobFolder::New;
    qint64 size = 0;
};

/// A recorded but not yet applied job outcome (.pending_transitions/<file>, spec 2.7).
struct PendingTransition {
    QString fileName;
    bool completed = false; ///< false = failed
    QString failedMessage;
};

/// A dlt load package folder as dlt writes it (spec section 1): job folders, schema, state.
/// Only the loader's coordinating thread may call the mutating methods. All writes are atomic
/// (rename of a complete file), so dlt and Wharf can each resume what the other left.
class LoadPackage {
public:
    /// Opens `dir` (the `<load_id>` folder). Creates missing state folders (git drops empty
    /// ones). Throws wharf::Error(Terminal) when it is not a package or cannot be read.
    static LoadPackage open(const QString &dir);
    /// Is `dir` a package folder (has schema.json or new_jobs/)?
    static bool looksLikePackage(const QString &dir);
    /// `dir` itself when it is a package, else every package folder directly below it (or
    /// below its `load/normalized/`), sorted by load id (oldest first, as dlt does).
    static QStringList findPackages(const QString &dir);

    const QString &dir() const { return m_dir; }
    const QString &loadId() const { return m_loadId; }
    QString schemaPath() const;
    /// Reads schema.json. Throws Error(Terminal) if missing or broken.
    Schema loadSchema() const;

    /// Job files of one folder sorted by name (dlt lists directory order; sorting keeps runs
    /// reproducible, spec Q18). Files that are not job files are an error (Terminal), except
    /// `.exception` files in failed_jobs/.
    QList<JobFile> jobs(JobFolder folder) const;
    QList<JobFile> allJobs() const;

    /// Moves a job file to another folder; returns the new path. Throws Error(Internal).
    QString moveJob(const JobFile &job, JobFolder to);
    /// Moves a job (started, or failed for Retry failed jobs) back to new_jobs/ with
    /// retry_count + 1; returns the new path. Throws Error(Internal).
    QString requeueForRetry(const JobFile &job);
    /// Writes failed_jobs/<file>.exception with the error text.
    void writeFailedMessage(const QString &jobFileName, const QString &message);
    QString failedMessage(const QString &jobFileName) const;
    /// Deletes failed_jobs/<file>.exception (no error when there is none).
    void removeFailedMessage(const QString &jobFileName);

    void writePendingTransition(const PendingTransition &t);
    void removePendingTransition(const QString &jobFileName);
    /// Throws Error(Terminal) for a marker that is not valid JSON (as dlt does).
    QList<PendingTransition> pendingTransitions() const;

    /// schema_updates.json present: the destination has not been migrated for this package.
    bool needsSchemaMigration() const;
    /// Writes applied_schema_updates.json and deletes schema_updates.json (spec 2.5 step 3).
    void commitSchemaUpdate(const QJsonObject &applied);
    /// Table names listed in schema_updates.json (or applied_schema_updates.json).
    QStringList schemaUpdateTables() const;

    /// Flushes the job folders and the package folder to disk, so that every job move so far
    /// survives a power cut (before the destination forgets what the ledger knew of them).
    /// Throws Error(Internal) when the file system refuses.
    void syncJobFolders() const;

    /// package_completed.json exists; its content is the bare word loaded/aborted.
    bool isCompleted() const;
    QString completionState() const;
    /// Writes the marker. Throws Error(Internal) when already completed.
    void markCompleted(bool aborted);
    /// Deletes the completion marker of an aborted package and, when it sits in
    /// `<pipeline>/load/loaded/`, moves it back into `load/normalized/`; returns the folder.
    /// Throws Error(Terminal) for a package that is not aborted (a loaded one is never taken
    /// back), Error(Internal) when a file cannot be removed or moved.
    QString reopenAborted();
    /// When the package sits in `<pipeline>/load/normalized/`, renames it into
    /// `<pipeline>/load/loaded/` (spec 1.7) and returns the new folder; else returns dir().
    QString archive();

    /// load_package_state.json as JSON (empty when missing).
    QJsonObject packageState() const;
    /// Writes `metrics` as the `load_metrics` of load_package_state.json (atomically), the
    /// rest of the state as it is; dlt leaves the state's version alone for them.
    void saveLoadMetrics(const QJsonObject &metrics) const;
    /// The package state's created_at (ISO-8601, dlt's type marker removed); empty when missing.
    QString createdAt() const;
    /// The pipeline state carried in the package (decoded from its compressed `state`), if any.
    QJsonObject pipelineState() const;
    /// dlt's default for the dataset: the pipeline's dataset_name (pipeline folder next to the
    /// package, the pipeline working dir, or the state inside the package), else
    /// `<pipeline or schema name>_dataset`.
    QString defaultDatasetName() const;
    QString pipelineName() const;

private:
    QString folderPath(JobFolder f) const;
    QString m_dir;
    QString m_loadId;
};

} // namespace wharf
