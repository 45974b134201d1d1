#pragma once

#include "load/PackageLoader.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace wharf {

/// Runs PackageLoader on its own coordinating thread and re-emits its events as queued
/// signals carrying values, for the GUI. One package at a time.
class Loader : public QObject {
    Q_OBJECT
public:
    explicit Loader(QObject *parent = nullptr);
    ~Loader() override; ///< cancels and waits for a running load

    bool isRunning() const;

    /// Starts loading `packageDir`; returns false if a load is already running.
    bool start(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
               const QString &packageDir);

public slots:
    /// Stops starting jobs and interrupts running ones; `packageFinished` follows.
    void cancel();

signals:
    void jobStateChanged(const wharf::JobEvent &event);
    void progressChanged(const wharf::LoadProgress &progress);
    void packageFinished(const wharf::PackageResult &result);

private:
    class Relay;
    std::unique_ptr<CancelToken> m_cancel;
    QThread *m_thread = nullptr;
};

} // namespace wharf
