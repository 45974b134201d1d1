#pragma once

#include "load/PackageLoader.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <memory>

namespace wharf {

/// Runs PackageLoader on its own coordinating thread and re-emits its events as signals
/// carrying values, for the GUI. One package at a time. Lives on (and signals on) the thread
/// that created it.
///
/// Events are coalesced: the loader's threads only append to a mailbox, and a timer on this
/// object's thread drains it every batchIntervalMs(), so a package of ten thousand jobs costs
/// the GUI one signal per interval instead of one queued call per job event.
class Loader : public QObject {
    Q_OBJECT
public:
    explicit Loader(QObject *parent = nullptr);
    ~Loader() override; ///< cancels and waits for a running load

    bool isRunning() const;

    /// Starts loading `packageDir`; returns false if a load is already running.
    bool start(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
               const QString &packageDir);

    /// How often queued events are delivered while a load runs.
    static constexpr int batchIntervalMs() { return 50; }

public slots:
    /// Stops starting jobs and interrupts running ones; `packageFinished` follows.
    void cancel();

signals:
    /// Once per load, before any jobsChanged: every job of the package as the load found it.
    void jobsListed(const QList<wharf::JobEvent> &jobs);
    /// The job state changes since the last batch, in the order they happened (a job may
    /// appear more than once).
    void jobsChanged(const QList<wharf::JobEvent> &events);
    /// The latest progress, at most once per batch.
    void progressChanged(const wharf::LoadProgress &progress);
    /// After the last jobsChanged of the load.
    void packageFinished(const wharf::PackageResult &result);

private:
    class Relay;
    struct Mailbox;
    void drain();

    std::unique_ptr<CancelToken> m_cancel;
    std::shared_ptr<Mailbox> m_mailbox;
    QThread *m_thread = nullptr;
    QTimer m_drainTimer;
};

} // namespace wharf
