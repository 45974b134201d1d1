#include "load/Loader.h"

#include <QMetaObject>

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
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_cancel = std::make_unique<CancelToken>();
    CancelToken *cancel = m_cancel.get();
    m_thread = QThread::create([this, cancel, destination, config, options, packageDir] {
        Relay relay(this);
        PackageLoader loader(destination, config, options, &relay);
        m_lastResult = loader.load(packageDir, *cancel);
    });
    m_thread->setObjectName(QStringLiteral("wharf-loader"));
    // Report the end only once the thread has really finished, so that isRunning() is false and
    // a new start() works from the slot that receives packageFinished.
    QThread *thread = m_thread;
    connect(
        thread, &QThread::finished, this,
        [this, thread] {
            thread->wait();
            if (thread == m_thread)
                emit packageFinished(m_lastResult);
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
