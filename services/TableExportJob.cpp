#include "TableExportJob.h"

#include "Error.h"

#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

TableExportJob::TableExportJob(QObject *parent)
    : QObject(parent)
{}

TableExportJob::~TableExportJob()
{
    // Interrupted, then waited for: the thread talks to this object until it ends.
    cancel();
    m_future.waitForFinished();
}

bool TableExportJob::start(Resolver resolve, const PageRequest &request, ExportFormat format, const QString &path)
{
    if (m_running)
        return false;
    m_running = true;
    m_shared = std::make_shared<Shared>();
    TableExportJob *self = this; // outlives the thread (see the destructor)
    const auto shared = m_shared;
    // Progress and the end go back to the GUI thread through queued calls.
    m_future = QtConcurrent::run([self, shared, resolve, request, format, path] {
        qint64 rows = 0;
        QString error;
        std::optional<ResolvedDestination> resolved;
        try {
            resolved = resolve();
            const ResolvedDestination &destination = *resolved;
            std::unique_ptr<DatasetBrowser> browser = destination.destination->createBrowser(destination.config);
            if (!browser)
                throw Error(ErrorKind::Config, QStringLiteral("this destination cannot be read back"));
            {
                const std::lock_guard lock(shared->mutex);
                shared->browser = browser.get();
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                throw Error(ErrorKind::Config, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
            browser->open();
            rows = exportRows(*browser, request, format, file, [self, shared](qint64 done) {
                QMetaObject::invokeMethod(
                    self, [self, done] { emit self->progressed(done); }, Qt::QueuedConnection);
                return !shared->cancelled.load();
            });
            if (!file.commit())
                throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
            {
                const std::lock_guard lock(shared->mutex);
                shared->browser = nullptr;
            }
            browser->close();
        } catch (const Error &e) {
            const std::lock_guard lock(shared->mutex);
            shared->browser = nullptr;
            // Passwords never reach the screen, not even inside a driver's message.
            error = shared->cancelled.load() ? QString()
                    : resolved               ? resolved->config.maskSecrets(e.fullText())
                                             : e.fullText();
        }
        const bool cancelled = shared->cancelled.load();
        QMetaObject::invokeMethod(
            self,
            [self, rows, error, cancelled] {
                self->m_running = false;
                emit self->finished(rows, error, cancelled);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void TableExportJob::cancel()
{
    if (!m_shared)
        return;
    m_shared->cancelled.store(true);
    const std::lock_guard lock(m_shared->mutex);
    if (m_shared->browser)
        m_shared->browser->cancel();
}

} // namespace wharf::ui
