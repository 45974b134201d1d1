#pragma once

#include "Error.h"
#include "browse/DatasetBrowser.h"
#include "destination/ResolvedDestination.h"

#include <QObject>
#include <QVariant>
#include <functional>
#include <memory>

class QThread;

namespace wharf::ui {

class BrowserBackend;
struct BrowserShared;

/// Runs one DatasetBrowser on a thread of its own, so that the GUI thread never waits for a
/// database (ARCHITECTURE.md section 5): the connection is made, used and closed on that
/// thread. Lives in the GUI thread; every method returns at once and answers come back as
/// queued signals carrying values. Requests run in the order they were made.
///
/// Results of an older destination are dropped here; pages carry the generation of the model
/// that asked for them, and the model drops stale ones (abandonPagesBefore() saves the work).
class BrowserWorker : public QObject {
    Q_OBJECT
public:
    explicit BrowserWorker(QObject *parent = nullptr);
    /// Interrupts the running statement and lets the thread finish on its own: never waits for
    /// it (a connection attempt may take connect_timeout seconds).
    ~BrowserWorker() override;

    /// Browses destination `name` (a type such as "sqlite", or a named destination), its
    /// configuration resolved on the worker like a load resolves it (.dlt/*.toml, environment),
    /// again whenever the connection has to be made.
    void useDestination(const QString &name);
    /// Browses an already resolved destination.
    void useResolvedDestination(const wharf::ResolvedDestination &destination);
    /// Forgets the destination and closes the connection.
    void clear();

    void listDatasets();
    void listTables(const QString &dataset);
    void fetchPage(quint64 generation, const wharf::PageRequest &request);
    /// Counts the rows `request`'s filters keep (rowsCounted or countFailed follows); dropped
    /// and interrupted with the pages of its generation.
    void countRows(quint64 generation, const wharf::PageRequest &request);
    /// Work on the browser that the requests above do not name (the load history): `work`
    /// runs on the worker thread with the connected browser and returns a value;
    /// `answered(ticket, value)` or `callFailed(ticket, error)` follows.
    using Call = std::function<QVariant(wharf::DatasetBrowser &)>;
    void call(quint64 ticket, Call work);
    /// The user asked to stop what runs now (the SQL console's Esc): the statement is
    /// interrupted on the server and its request fails with Error(Cancelled), not run again.
    void cancelCurrent();
    /// Pages of older generations are not needed any more: skip the queued ones and interrupt
    /// the running one.
    void abandonPagesBefore(quint64 generation);

signals:
    /// A connection was made; `location` has its password masked.
    void connected(const QString &location);
    void datasetsListed(const QList<wharf::BrowserDataset> &datasets);
    void datasetsFailed(const wharf::ErrorInfo &error);
    void tablesListed(const QString &dataset, const QList<wharf::BrowserTable> &tables);
    void tablesFailed(const QString &dataset, const wharf::ErrorInfo &error);
    void pageFetched(quint64 generation, const wharf::BrowserPage &page);
    void pageFailed(quint64 generation, const wharf::ErrorInfo &error);
    void rowsCounted(quint64 generation, qint64 rows);
    void countFailed(quint64 generation, const wharf::ErrorInfo &error);
    void answered(quint64 ticket, const QVariant &value);
    void callFailed(quint64 ticket, const wharf::ErrorInfo &error);

private:
    template <typename F> void post(F &&work);

    QThread *m_thread;
    BrowserBackend *m_backend; ///< lives in m_thread
    std::shared_ptr<BrowserShared> m_shared;
    quint64 m_epoch = 0; ///< bumped with each destination; older answers are dropped
};

} // namespace wharf::ui
