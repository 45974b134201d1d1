#pragma once

#include "load/LoadEvents.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace wharf::ui {

class LoadSession;

/// What became of one package of a queue.
enum class QueueOutcome {
    Waiting,   ///< not started yet (or left when the queue stopped before it)
    Running,   ///< being loaded now
    Loaded,    ///< LOADED, every job completed
    Partly,    ///< LOADED with failed jobs (load.raise_on_failed_jobs off)
    Aborted,   ///< a job failed for good: the package is aborted, as in dlt
    Stopped,   ///< the load stopped (server gone, retry limit): Resume goes on where it stopped
    Cancelled, ///< Cancel: Resume goes on where it stopped
    NotLoaded, ///< the load could not start or was refused (configuration, lock, ...)
    Skipped,   ///< completed before the queue reached it (loaded or aborted): nothing to do
};

/// Words for an outcome, as the queue list shows them ("loaded", "cancelled", ...).
QString queueOutcomeText(QueueOutcome outcome);
/// Loaded, Partly, Aborted and Skipped are final; the others are loaded again by resume().
bool isFinalOutcome(QueueOutcome outcome);

struct QueueEntry {
    QString packageDir; ///< where the package is now (an archived one moves to load/loaded/)
    QString loadId;
    QueueOutcome outcome = QueueOutcome::Waiting;
    qint64 rows = 0;
    qint64 elapsedMs = 0;
    QString message; ///< why it did not load (one line), or where it went
};

/// How a queue run ended (queueFinished).
struct QueueSummary {
    int packages = 0;  ///< in the queue
    int loaded = 0;    ///< Loaded or Partly (this run or an earlier one)
    int notLoaded = 0; ///< Aborted, Stopped, Cancelled or NotLoaded
    int waiting = 0;   ///< not reached: the queue stopped before them
    bool cancelled = false;
    qint64 rows = 0;      ///< of the packages this run loaded
    qint64 elapsedMs = 0; ///< of this run
    QString stoppedBy;    ///< the load id of the package that stopped the queue, if one did
    QString reason;       ///< its message
};

/// Loads several packages one after the other through a LoadSession, oldest load id first, as
/// `wharf load <folder>` does: a completed package is skipped, an aborted one (a job failed for
/// good) does not stop the queue, but a load that stopped, was cancelled or could not start
/// does, since later packages of a pipeline build on earlier ones. The queue is kept after it
/// stops: resume() loads what is not loaded yet, from where it stopped. A single Run is a
/// queue of one. GUI thread only.
class LoadQueue : public QObject {
    Q_OBJECT
public:
    explicit LoadQueue(LoadSession *session, QObject *parent = nullptr);

    /// Replaces the queue with `packageDirs` (sorted here by load id, duplicates dropped) and
    /// starts it into `destinationName` / `dataset` (empty: each package's default). Returns
    /// why it cannot start, or an empty string.
    QString start(const QStringList &packageDirs, const QString &destinationName, const QString &dataset = {});
    /// Starts the queue again from its first package that is not final, into the same
    /// destination and dataset. Returns why it cannot, or an empty string.
    QString resume();
    /// Stops the running package (it stays resumable) and the queue after it.
    void cancel();

    bool isRunning() const { return m_running; }
    /// Stopped with packages left to load.
    bool canResume() const;
    /// Packages a resume() would load.
    int remaining() const;
    const QList<QueueEntry> &entries() const { return m_entries; }
    /// The entry being loaded, or -1.
    int runningIndex() const { return m_running ? m_current : -1; }
    QString destinationName() const { return m_destination; }
    QString dataset() const { return m_dataset; }

    /// Sorts package folders oldest first by their load id (a Unix time; else as text).
    static QStringList sortedByLoadId(const QStringList &packageDirs);

signals:
    /// The whole list changed (start()).
    void entriesReset();
    void entryChanged(int index);
    /// The queue stopped: every package done, or one stopped it, or Cancel.
    void queueFinished(const wharf::ui::QueueSummary &summary);

private:
    void startNext();
    void packageFinished(const PackageResult &result);
    void finish(bool cancelled);
    void setOutcome(int index, QueueOutcome outcome, const QString &message = {});

    LoadSession *m_session;
    QList<QueueEntry> m_entries;
    QString m_destination;
    QString m_dataset;
    int m_current = -1;
    bool m_running = false;
    bool m_cancelRequested = false;
    qint64 m_runRows = 0;
    QElapsedTimer m_clock;
};

} // namespace wharf::ui

Q_DECLARE_METATYPE(wharf::ui::QueueSummary)
