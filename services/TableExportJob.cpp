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
    return run(std::move(resolve), [request, format, path](DatasetBrowser &browser, const Progress &progress) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            throw Error(ErrorKind::Config, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        const qint64 rows = exportRows(browser, request, format, file, progress);
        if (!file.commit())
            throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return ExportOutcome{rows, path};
    });
}

bool TableExportJob::startPackage(Resolver resolve, const PageRequest &request, const QList<BrowserColumn> &columns,
                                  const PackageExportOptions &options)
{
    return run(std::move(resolve), [request, columns, options](DatasetBrowser &browser, const Progress &progress) {
        qint64 rows = 0;
        const QString dir = exportAsPackage(browser, request, columns, options, [&rows, &progress](qint64 done) {
            rows = done;
            return progress(done);
        });
        return ExportOutcome{rows, dir};
    });
}

bool TableExportJob::run(Resolver resolve, Work work)
{
    if (m_running)
        return false;
    m_running = true;
    m_shared = std::make_shared<Shared>();
    TableExportJob *self = this; // outlives the thread (see the destructor)
    const auto shared = m_shared;
    // Progress and the end go back to the GUI thread through queued calls.
    m_future = QtConcurrent::run([self, shared, resolve, work] {
        ExportOutcome outcome;
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
            browser->open();
            outcome = work(*browser, [self, shared](qint64 done) {
                QMetaObject::invokeMethod(
                    self, [self, done] { emit self->progressed(done); }, Qt::QueuedConnection);
                return !shared->cancelled.load();
            });
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
            [self, outcome, error, cancelled] {
                self->m_running = false;
                self->m_written = error.isEmpty() && !cancelled ? outcome.where : QString();
                emit self->finished(outcome.rows, error, cancelled);
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
