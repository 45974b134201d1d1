#pragma once

#include "load/LoadEvents.h"

#include <QObject>

namespace wharf {
class Loader;
}

namespace wharf::ui {

/// One load at a time, from the GUI: resolves the configuration when asked to start (so edits
/// to .dlt/*.toml and the environment apply), runs the package on wharf::Loader's thread and
/// logs dlt's load summary when it finishes. GUI thread only; never blocks.
class LoadSession : public QObject {
    Q_OBJECT
public:
    explicit LoadSession(QObject *parent = nullptr);
    ~LoadSession() override; ///< a running load is cancelled and waited for (Loader's rule)

    /// From a successful start() until `finished` was emitted.
    bool isRunning() const;
    /// The loader whose signals the window shows (for tests and wiring).
    Loader *loader() const { return m_loader; }

    /// Starts loading `packageDir` into destination `destinationName`. Returns an empty string
    /// on success, else why it could not start (configuration error, already running, ...).
    QString start(const QString &packageDir, const QString &destinationName);

public slots:
    void cancel();

signals:
    void started(const QString &packageDir, int jobsTotal);
    /// The Loader's events, re-emitted (queued values).
    void jobStateChanged(const wharf::JobEvent &event);
    void progressChanged(const wharf::LoadProgress &progress);
    /// After the summary has been logged.
    void finished(const wharf::PackageResult &result);

private:
    void onPackageFinished(const PackageResult &result);

    Loader *m_loader;
    bool m_running = false; ///< from a successful start() to packageFinished
    QString m_destinationName;
    QString m_location;
    QString m_pipelineName;
};

} // namespace wharf::ui
