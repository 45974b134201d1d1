#pragma once

#include "SecretMasking.h"
#include "load/LoadEvents.h"

#include <QList>
#include <QObject>

namespace wharf {
class Loader;
}

namespace wharf::ui {

/// One load at a time, from the GUI: resolves the configuration when asked to start (so edits
/// to .dlt/*.toml and the environment apply), runs the package on wharf::Loader's thread and
/// logs dlt's load summary when it finishes. Also Retry failed jobs (a load that first moves
/// the failed jobs back, on the loader's thread) and Abort package (on a pool thread). Every
/// error it passes on has the destination's secrets masked. GUI thread only; never blocks.
class LoadSession : public QObject {
    Q_OBJECT
public:
    explicit LoadSession(QObject *parent = nullptr);
    ~LoadSession() override; ///< a running load is cancelled and waited for (Loader's rule)

    /// From a successful start() until `finished` was emitted.
    bool isRunning() const;
    /// Running, or an abort under way: no other action on packages now.
    bool isBusy() const { return m_running || m_aborting || m_copying; }
    /// The loader whose signals the window shows (for tests and wiring).
    Loader *loader() const { return m_loader; }

    /// Starts loading `packageDir` into destination `destinationName`, into `dataset` (empty:
    /// the configured or the pipeline's dataset). Returns an empty string on success, else why
    /// it could not start (configuration error, already running, ...).
    QString start(const QString &packageDir, const QString &destinationName, const QString &dataset = {});
    /// Retry failed jobs: moves the failed jobs of `packageDir` (not completed) back to
    /// new_jobs/ with retry_count + 1 and loads the package again (packageactions).
    QString retryFailedJobs(const QString &packageDir, const QString &destinationName, const QString &dataset = {});
    /// Abort package (not while a load runs): marks it aborted and moves it to load/loaded/
    /// as dlt does, on a pool thread; `packageAborted` follows. Returns why it cannot start,
    /// or an empty string.
    QString abortPackage(const QString &packageDir);
    /// Works out what loading `packageDir` into destination `destinationName` would run (the
    /// text of `wharf info --sql`: dataset, tables emptied or dropped, per table chain its
    /// disposition, strategy and follow-up SQL), without connecting, on a pool thread;
    /// `previewReady` follows. Any number may run; the caller keeps the answer it asked for last.
    void previewPackage(const QString &packageDir, const QString &destinationName, const QString &dataset = {});
    /// Copies the (loaded) package `packageDir` for loading once more elsewhere
    /// (packageactions::copyForAnotherLoad) into `targetParent`, on a pool thread;
    /// `packageCopied` follows. Returns why it cannot start, or an empty string.
    QString copyPackage(const QString &packageDir, const QString &targetParent);

    /// Masks the secrets of destination `destinationName` (as configured now, or as the
    /// running load resolved them) and, whatever the destination, URL passwords and
    /// `password=` pairs (maskGenericSecrets).
    SecretMasker secretMasker(const QString &destinationName);

public slots:
    void cancel();

signals:
    /// previewPackage() ended: the plan as text, or why there is none.
    void previewReady(const QString &packageDir, const QString &destinationName, const QString &text,
                      const QString &error);
    /// `jobsTotal` is 0: the loader lists the package on its own thread (jobsListed).
    void started(const QString &packageDir, int jobsTotal);
    /// The Loader's batched events, re-emitted with secrets masked.
    void jobsListed(const QList<wharf::JobEvent> &jobs);
    void jobsChanged(const QList<wharf::JobEvent> &events);
    void progressChanged(const wharf::LoadProgress &progress);
    /// After the summary has been logged.
    void finished(const wharf::PackageResult &result);
    /// Abort package ended: `newDir` is where the package is now; `error` empty on success.
    void packageAborted(const QString &packageDir, const QString &newDir, const QString &error);
    /// copyPackage() ended: the copy's folder, or why there is none.
    void packageCopied(const QString &packageDir, const QString &copyDir, const QString &error);

private:
    QString startLoad(const QString &packageDir, const QString &destinationName, const QString &dataset,
                      bool retryFailed);
    QList<JobEvent> masked(const QList<JobEvent> &events) const;
    void onPackageFinished(const PackageResult &result);

    Loader *m_loader;
    bool m_running = false; ///< from a successful start() to packageFinished
    bool m_aborting = false;
    bool m_copying = false;
    QString m_destinationName;
    QString m_location;
    QString m_pipelineName;
    SecretMasker m_mask; ///< of the running (or last) load
};

} // namespace wharf::ui
