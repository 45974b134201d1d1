#include "browse/BrowserWorker.h"

#include "config/ConfigResolver.h"

#include <QThread>
#include <atomic>
#include <mutex>
#include <optional>

namespace wharf::ui {

/// What the GUI thread may touch while the worker runs: the open browser (only to cancel it)
/// and the newest page generation.
struct BrowserShared {
    std::mutex mutex;
    DatasetBrowser *browser = nullptr; ///< guarded by mutex; owned by the backend
    quint64 runningPage = 0;           ///< generation of the page being read, 0 = none; guarded
    std::atomic<quint64> latestPage{0};
    std::atomic_bool stopping{false};
    std::atomic_bool userCancel{false}; ///< cancelCurrent(): the cancelled request is not run again

    /// Interrupts the running statement when it reads a page older than `generation` (or
    /// anything, for 0).
    void cancelRunning(quint64 generation)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (browser && (generation == 0 || (runningPage != 0 && runningPage < generation)))
            browser->cancel();
    }
};

/// The worker-thread side: owns the browser and its connection. Every slot runs on the worker
/// thread; answers go out as signals (queued to the GUI thread by the connection type).
class BrowserBackend : public QObject {
    Q_OBJECT
public:
    explicit BrowserBackend(std::shared_ptr<BrowserShared> shared)
        : m_shared(std::move(shared))
    {}
    ~BrowserBackend() override { drop(); }

    void setTarget(quint64 epoch, const QString &name, const std::optional<ResolvedDestination> &resolved)
    {
        drop();
        m_epoch = epoch;
        m_name = name;
        m_resolved = resolved;
    }

    void listDatasets(quint64 epoch)
    {
        run(
            epoch, [&] { emit datasetsListed(epoch, browser().listDatasets()); },
            [&](const ErrorInfo &e) { emit datasetsFailed(epoch, e); });
    }

    void listTables(quint64 epoch, const QString &dataset)
    {
        run(
            epoch, [&] { emit tablesListed(epoch, dataset, browser().listTables(dataset)); },
            [&](const ErrorInfo &e) { emit tablesFailed(epoch, dataset, e); });
    }

    /// Work for the grid's current generation (a page, a count): skipped when the table, sort
    /// or filters changed since it was asked for, and interrupted by abandonPagesBefore() while
    /// it runs. `work` reads and returns what to emit once it is no longer cancellable.
    template <typename Work, typename OnError>
    void runForGeneration(quint64 epoch, quint64 generation, Work &&work, OnError &&onError)
    {
        if (generation < m_shared->latestPage.load())
            return; // asked for before the table, sort or filter changed: nobody waits for it
        run(
            epoch,
            [&] {
                DatasetBrowser &b = browser();
                setRunningPage(generation);
                try {
                    const auto announce = work(b);
                    setRunningPage(0);
                    announce();
                } catch (...) {
                    setRunningPage(0);
                    throw;
                }
            },
            onError, [&] { return generation >= m_shared->latestPage.load(); });
    }

    void fetchPage(quint64 epoch, quint64 generation, const PageRequest &request)
    {
        runForGeneration(
            epoch, generation,
            [&](DatasetBrowser &b) {
                const BrowserPage page = b.fetchPage(request);
                return [this, epoch, generation, page] { emit pageFetched(epoch, generation, page); };
            },
            [&](const ErrorInfo &e) { emit pageFailed(epoch, generation, e); });
    }

    void countRows(quint64 epoch, quint64 generation, const PageRequest &request)
    {
        runForGeneration(
            epoch, generation,
            [&](DatasetBrowser &b) {
                const qint64 rows = b.countRows(request);
                return [this, epoch, generation, rows] { emit rowsCounted(epoch, generation, rows); };
            },
            [&](const ErrorInfo &e) { emit countFailed(epoch, generation, e); });
    }

    void call(quint64 epoch, quint64 ticket, const BrowserWorker::Call &work)
    {
        run(
            epoch, [&] { emit answered(epoch, ticket, work(browser())); },
            [&](const ErrorInfo &e) { emit callFailed(epoch, ticket, e); });
    }

    void stop()
    {
        drop();
        QThread::currentThread()->quit();
    }

signals:
    void connected(quint64 epoch, const QString &location);
    void datasetsListed(quint64 epoch, const QList<wharf::BrowserDataset> &datasets);
    void datasetsFailed(quint64 epoch, const wharf::ErrorInfo &error);
    void tablesListed(quint64 epoch, const QString &dataset, const QList<wharf::BrowserTable> &tables);
    void tablesFailed(quint64 epoch, const QString &dataset, const wharf::ErrorInfo &error);
    void pageFetched(quint64 epoch, quint64 generation, const wharf::BrowserPage &page);
    void pageFailed(quint64 epoch, quint64 generation, const wharf::ErrorInfo &error);
    void rowsCounted(quint64 epoch, quint64 generation, qint64 rows);
    void countFailed(quint64 epoch, quint64 generation, const wharf::ErrorInfo &error);
    void answered(quint64 epoch, quint64 ticket, const QVariant &value);
    void callFailed(quint64 epoch, quint64 ticket, const wharf::ErrorInfo &error);

private:
    // Runs `work`, turning exceptions into `fail` values (nothing crosses the thread edge). A
    // cancel meant for an abandoned page can land on the next statement (PQcancel is
    // asynchronous): a cancelled request that is still wanted runs once more.
    template <typename Work, typename Fail>
    void run(
        quint64 epoch, Work &&work, Fail &&fail, const std::function<bool()> &stillWanted = [] { return true; })
    {
        if (epoch != m_epoch || m_shared->stopping)
            return;
        m_shared->userCancel = false; // a cancel asked while nothing ran is for nobody
        for (int attempt = 0;; ++attempt) {
            try {
                work();
                return;
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Cancelled && m_shared->userCancel.exchange(false)) {
                    fail(ErrorInfo::from(e)); // the user's: said, never retried
                    return;
                }
                if (e.kind() == ErrorKind::Cancelled && attempt == 0 && !m_shared->stopping && stillWanted())
                    continue;
                if (e.kind() != ErrorKind::Cancelled || stillWanted())
                    fail(ErrorInfo::from(e));
                return;
            } catch (const std::exception &e) {
                fail(ErrorInfo::fromStd(e));
                return;
            }
        }
    }

    DatasetBrowser &browser()
    {
        if (m_browser)
            return *m_browser;
        if (!m_resolved) {
            if (m_name.isEmpty())
                throw Error(ErrorKind::Config, tr("no destination selected"));
            const ConfigResolver resolver(ConfigLocations::defaults());
            m_resolved = ResolvedDestination::resolve(resolver, m_name);
        }
        std::unique_ptr<DatasetBrowser> made = m_resolved->destination->createBrowser(m_resolved->config);
        made->open();
        {
            std::lock_guard<std::mutex> lock(m_shared->mutex);
            m_shared->browser = made.get();
        }
        m_browser = std::move(made);
        emit connected(m_epoch, m_resolved->displayLocation());
        return *m_browser;
    }

    void setRunningPage(quint64 generation)
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->runningPage = generation;
    }

    void drop()
    {
        {
            std::lock_guard<std::mutex> lock(m_shared->mutex);
            m_shared->browser = nullptr;
        }
        m_browser.reset(); // closes the connection, outside the lock
        if (!m_name.isEmpty())
            m_resolved.reset(); // resolved again on the next connection: config files may change
    }

    std::shared_ptr<BrowserShared> m_shared;
    std::unique_ptr<DatasetBrowser> m_browser;
    std::optional<ResolvedDestination> m_resolved;
    QString m_name;
    quint64 m_epoch = 0;
};

BrowserWorker::BrowserWorker(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_shared(std::make_shared<BrowserShared>())
{
    qRegisterMetaType<wharf::ErrorInfo>();
    qRegisterMetaType<wharf::BrowserPage>();
    qRegisterMetaType<QList<wharf::BrowserDataset>>();
    qRegisterMetaType<QList<wharf::BrowserTable>>();
    m_thread->setObjectName(QStringLiteral("wharf-browser"));
    m_backend = new BrowserBackend(m_shared);
    m_backend->moveToThread(m_thread);
    // The thread outlives this object when a statement or a connection attempt is still
    // running at destruction: both clean up after themselves when it finishes.
    connect(m_thread, &QThread::finished, m_backend, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);

    const auto current = [this](quint64 epoch) { return epoch == m_epoch; };
    connect(m_backend, &BrowserBackend::connected, this, [=, this](quint64 epoch, const QString &location) {
        if (current(epoch))
            emit connected(location);
    });
    connect(m_backend, &BrowserBackend::datasetsListed, this,
            [=, this](quint64 epoch, const QList<BrowserDataset> &datasets) {
                if (current(epoch))
                    emit datasetsListed(datasets);
            });
    connect(m_backend, &BrowserBackend::datasetsFailed, this, [=, this](quint64 epoch, const ErrorInfo &error) {
        if (current(epoch))
            emit datasetsFailed(error);
    });
    connect(m_backend, &BrowserBackend::tablesListed, this,
            [=, this](quint64 epoch, const QString &dataset, const QList<BrowserTable> &tables) {
                if (current(epoch))
                    emit tablesListed(dataset, tables);
            });
    connect(m_backend, &BrowserBackend::tablesFailed, this,
            [=, this](quint64 epoch, const QString &dataset, const ErrorInfo &error) {
                if (current(epoch))
                    emit tablesFailed(dataset, error);
            });
    connect(m_backend, &BrowserBackend::pageFetched, this,
            [=, this](quint64 epoch, quint64 generation, const BrowserPage &page) {
                if (current(epoch))
                    emit pageFetched(generation, page);
            });
    connect(m_backend, &BrowserBackend::pageFailed, this,
            [=, this](quint64 epoch, quint64 generation, const ErrorInfo &error) {
                if (current(epoch))
                    emit pageFailed(generation, error);
            });
    connect(m_backend, &BrowserBackend::rowsCounted, this, [=, this](quint64 epoch, quint64 generation, qint64 rows) {
        if (current(epoch))
            emit rowsCounted(generation, rows);
    });
    connect(m_backend, &BrowserBackend::countFailed, this,
            [=, this](quint64 epoch, quint64 generation, const ErrorInfo &error) {
                if (current(epoch))
                    emit countFailed(generation, error);
            });
    connect(m_backend, &BrowserBackend::answered, this,
            [=, this](quint64 epoch, quint64 ticket, const QVariant &value) {
                if (current(epoch))
                    emit answered(ticket, value);
            });
    connect(m_backend, &BrowserBackend::callFailed, this,
            [=, this](quint64 epoch, quint64 ticket, const ErrorInfo &error) {
                if (current(epoch))
                    emit callFailed(ticket, error);
            });
    m_thread->start();
}

void BrowserWorker::cancelCurrent()
{
    m_shared->userCancel = true;
    m_shared->cancelRunning(0);
}

void BrowserWorker::call(quint64 ticket, Call work)
{
    post(
        [backend = m_backend, epoch = m_epoch, ticket, work = std::move(work)] { backend->call(epoch, ticket, work); });
}

BrowserWorker::~BrowserWorker()
{
    m_shared->stopping = true;
    m_shared->cancelRunning(0);
    disconnect(m_backend, nullptr, this, nullptr);
    post([backend = m_backend] { backend->stop(); });
}

template <typename F> void BrowserWorker::post(F &&work)
{
    QMetaObject::invokeMethod(m_backend, std::forward<F>(work), Qt::QueuedConnection);
}

void BrowserWorker::useDestination(const QString &name)
{
    const quint64 epoch = ++m_epoch;
    m_shared->cancelRunning(0);
    post([backend = m_backend, epoch, name] { backend->setTarget(epoch, name, std::nullopt); });
}

void BrowserWorker::useResolvedDestination(const ResolvedDestination &destination)
{
    const quint64 epoch = ++m_epoch;
    m_shared->cancelRunning(0);
    post([backend = m_backend, epoch, destination] { backend->setTarget(epoch, QString(), destination); });
}

void BrowserWorker::clear()
{
    const quint64 epoch = ++m_epoch;
    m_shared->cancelRunning(0);
    post([backend = m_backend, epoch] { backend->setTarget(epoch, QString(), std::nullopt); });
}

void BrowserWorker::listDatasets()
{
    post([backend = m_backend, epoch = m_epoch] { backend->listDatasets(epoch); });
}

void BrowserWorker::listTables(const QString &dataset)
{
    post([backend = m_backend, epoch = m_epoch, dataset] { backend->listTables(epoch, dataset); });
}

void BrowserWorker::fetchPage(quint64 generation, const PageRequest &request)
{
    post([backend = m_backend, epoch = m_epoch, generation, request] {
        backend->fetchPage(epoch, generation, request);
    });
}

void BrowserWorker::countRows(quint64 generation, const PageRequest &request)
{
    post([backend = m_backend, epoch = m_epoch, generation, request] {
        backend->countRows(epoch, generation, request);
    });
}

void BrowserWorker::abandonPagesBefore(quint64 generation)
{
    quint64 latest = m_shared->latestPage.load();
    while (latest < generation && !m_shared->latestPage.compare_exchange_weak(latest, generation)) {
    }
    m_shared->cancelRunning(generation);
}

} // namespace wharf::ui

#include "BrowserWorker.moc"
