#include "load/Loader.h"

#include <QMetaObject>
#include <QPointer>

namespace wharf {

class Loader::Relay : public LoadObserver {
public:
    explicit Relay(Loader *loader)
        : m_loader(loader)
    {}
    void jobChanged(const JobEvent &e) override
    {
        QMetaObject::invokeMethod(
            m_loader, [l = m_loader, e] { emit l->jobStateChanged(e); }, Qt::QueuedConnection);
    }
    void progressed(const LoadProgress &p) override
    {
        QMetaObject::invokeMethod(
            m_loader, [l = m_loader, p] { emit l->progressChanged(p); }, Qt::QueuedConnection);
    }
    void packageFinished(const PackageResult &) override {}

private:
    Loader *m_loader;
};

Loader::Loader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<wharf::JobEvent>();
    qRegisterMetaType<wharf::LoadProgress>();
    qRegisterMetaType<wharf::PackageResult>();
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
    // Each run has its own result, so a report of an earlier run can never read a later one's.
    auto result = std::make_shared<PackageResult>();
    m_thread = QThread::create([this, cancel, destination, config, options, packageDir, result] {
        Relay relay(this);
        PackageLoader loader(destination, config, options, &relay);
        *result = loader.load(packageDir, *cancel);
    });
    m_thread->setObjectName(QStringLiteral("wharf-loader"));
    // Report the end only once the thread has really finished, so that isRunning() is false and
    // a new start() works from the slot that receives packageFinished.
    QPointer<QThread> thread(m_thread);
    connect(
        m_thread, &QThread::finished, this,
        [this, thread, result] {
            if (thread)
                thread->wait();
            emit packageFinished(*result);
        },
        Qt::QueuedConnection);
    m_thread->start();
    return true;
}

void Loader::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

} // namespace wharf
