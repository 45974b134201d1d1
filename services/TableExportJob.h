#pragma once

#include "browse/PackageExport.h"
#include "browse/TableExport.h"
#include "destination/ResolvedDestination.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace wharf::ui {

/// One export of a table (or the filtered, sorted view of it, or a console query) to a file or
/// as a dlt load package, on a pool thread with a connection of its own, so that the browser
/// keeps browsing meanwhile. The file or package appears whole or not at all: a cancelled or
/// failed export leaves nothing behind.
class TableExportJob : public QObject {
    Q_OBJECT
public:
    /// `resolve` runs on the pool thread: the destination and configuration to read from.
    using Resolver = std::function<wharf::ResolvedDestination()>;

    explicit TableExportJob(QObject *parent = nullptr);
    ~TableExportJob() override;

    /// Starts the export; false when one is running already.
    bool start(Resolver resolve, const wharf::PageRequest &request, wharf::ExportFormat format, const QString &path);
    /// Starts writing the rows as a dlt load package (exportAsPackage); false when an export
    /// is running already.
    bool startPackage(Resolver resolve, const wharf::PageRequest &request, const QList<wharf::BrowserColumn> &columns,
                      const wharf::PackageExportOptions &options);
    /// The file or package folder the last export that succeeded wrote.
    const QString &written() const { return m_written; }
    /// Stops it between pages, or interrupts the statement running.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progressed(qint64 rows);
    /// `error` is empty on success; `cancelled` when cancel() stopped it.
    void finished(qint64 rows, const QString &error, bool cancelled);

private:
    struct ExportOutcome {
        qint64 rows = 0;
        QString where;
    };
    using Progress = std::function<bool(qint64)>;
    using Work = std::function<ExportOutcome(wharf::DatasetBrowser &, const Progress &)>;
    bool run(Resolver resolve, Work work);

    struct Shared {
        std::atomic_bool cancelled{false};
        std::mutex mutex;
        wharf::DatasetBrowser *browser = nullptr; ///< while it reads, for cancel()
    };
    std::shared_ptr<Shared> m_shared;
    QFuture<void> m_future;
    bool m_running = false;
    QString m_written;
};

} // namespace wharf::ui
