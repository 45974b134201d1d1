#include "load/Loader.h"

#include <QMutex>
#include <QPointer>
#include <optional>

namespace wharf {

/// What the coordinating thread has reported and this thread has not delivered yet.
struct Loader::Mailbox {
    QMutex mutex;
    std::optional<QList<JobEvent>> listed;
    QList<JobEvent> events;
    std::optional<LoadProgress> progress;
};

class Loader::Relay : public LoadObserver {
public:
    explicit Relay(std::shared_ptr<Mailbox> mailbox)
        : m_mailbox(std::move(mailbox))
    {}
    void jobsListed(const QList<JobEvent> &jobs) override
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->listed = jobs;
    }
    void jobChanged(const JobEvent &e) override
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->events.append(e);
    }
    void progressed(const LoadProgress &p) override
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->progress = p; // only the latest matters
    }

private:
    std::shared_ptr<Mailbox> m_mailbox;
};

Loader::Loader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<wharf::JobEvent>();
    qRegisterMetaType<QList<wharf::JobEvent>>();
    qRegisterMetaType<wharf::LoadProgress>();
    qRegisterMetaType<wharf::PackageResult>();
    m_drainTimer.setInterval(batchIntervalMs());
    connect(&m_drainTimer, &QTimer::timeout, this, &Loader::drain);
}

Loader::~Loader()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool Loader::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

bool Loader::start(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
                   const QString &packageDir)
{
    if (isRunning())
        return false;
    if (m_thread) {
        // Its queued "finished" report may still be on the way: let Qt delete it after that.
        m_thread->wait();
        m_thread->deleteLater();
        m_thread = nullptr;
    }
    m_cancel = std::make_unique<CancelToken>();
    CancelToken *cancel = m_cancel.get();
    // Each run has its own result and mailbox, so a report of an earlier run can never read or
    // feed a later one's.
    auto result = std::make_shared<PackageResult>();
    m_mailbox = std::make_shared<Mailbox>();
    m_thread = QThread::create([cancel, destination, config, options, packageDir, result, mailbox = m_mailbox] {
        Relay relay(mailbox);
        PackageLoader loader(destination, config, options, &relay);
        *result = loader.load(packageDir, *cancel);
    });
    m_thread->setObjectName(QStringLiteral("wharf-loader"));
    // Report the end only once the thread has really finished, so that isRunning() is false and
    // a new start() works from the slot that receives packageFinished.
    QPointer<QThread> thread(m_thread);
    connect(
        m_thread, &QThread::finished, this,
        [this, thread, result, mailbox = m_mailbox] {
            if (thread)
                thread->wait();
            if (mailbox == m_mailbox) {
                drain();
                m_drainTimer.stop();
            }
            emit packageFinished(*result);
        },
        Qt::QueuedConnection);
    m_drainTimer.start();
    m_thread->start();
    return true;
}

void Loader::drain()
{
    if (!m_mailbox)
        return;
    std::optional<QList<JobEvent>> listed;
    QList<JobEvent> events;
    std::optional<LoadProgress> progress;
    {
        QMutexLocker lock(&m_mailbox->mutex);
        listed.swap(m_mailbox->listed);
        events.swap(m_mailbox->events);
        progress.swap(m_mailbox->progress);
    }
    // The listing is made before any job runs, so it goes first.
    if (listed)
        emit jobsListed(*listed);
    if (!events.isEmpty())
        emit jobsChanged(events);
    if (progress)
        emit progressChanged(*progress);
}

void Loader::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

} // namespace wharf
