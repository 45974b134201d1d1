#pragma once

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

/// One export of a table (or the filtered, sorted view of it) to a file, on a pool thread with
/// a connection of its own, so that the browser keeps browsing meanwhile. The file appears
/// whole or not at all (QSaveFile): a cancelled or failed export leaves nothing behind.
class TableExportJob : public QObject {
    Q_OBJECT
public:
    /// `resolve` runs on the pool thread: the destination and configuration to read from.
    using Resolver = std::function<wharf::ResolvedDestination()>;

    explicit TableExportJob(QObject *parent = nullptr);
    ~TableExportJob() override;

    /// Starts the export; false when one is running already.
    bool start(Resolver resolve, const wharf::PageRequest &request, wharf::ExportFormat format, const QString &path);
    /// Stops it between pages, or interrupts the statement running.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progressed(qint64 rows);
    /// `error` is empty on success; `cancelled` when cancel() stopped it.
    void finished(qint64 rows, const QString &error, bool cancelled);

private:
    struct Shared {
        std::atomic_bool cancelled{false};
        std::mutex mutex;
        wharf::DatasetBrowser *browser = nullptr; ///< while it reads, for cancel()
    };
    std::shared_ptr<Shared> m_shared;
    QFuture<void> m_future;
    bool m_running = false;
};

} // namespace wharf::ui
