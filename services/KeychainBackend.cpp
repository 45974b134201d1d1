#include "KeychainBackend.h"

#include <qt6keychain/keychain.h>

namespace wharf::ui {

const QString QtKeychainBackend::kService = QStringLiteral("Wharf");

namespace {

KeychainResult resultOf(const QKeychain::Job &job)
{
    KeychainResult r;
    r.ok = job.error() == QKeychain::NoError;
    r.notFound = job.error() == QKeychain::EntryNotFound;
    if (!r.ok) {
        r.error = job.errorString();
        if (r.error.isEmpty() || r.error == QLatin1String("Unknown error"))
            r.error = job.error() == QKeychain::NoBackendAvailable ? QStringLiteral("no keychain service is running")
                                                                   : QStringLiteral("the keychain did not answer");
    }
    return r;
}

template <typename JobType> JobType *makeJob(const QString &account, KeychainBackend::Done done)
{
    auto *job = new JobType(QtKeychainBackend::kService);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finished) {
        KeychainResult r = resultOf(*finished);
        if (r.ok) {
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                r.value = read->textData();
        }
        if (done)
            done(r);
    });
    return job;
}

} // namespace

void QtKeychainBackend::read(const QString &account, Done done)
{
    makeJob<QKeychain::ReadPasswordJob>(account, std::move(done))->start();
}

void QtKeychainBackend::write(const QString &account, const QString &secret, Done done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(account, std::move(done));
    job->setTextData(secret);
    job->start();
}

void QtKeychainBackend::remove(const QString &account, Done done)
{
    makeJob<QKeychain::DeletePasswordJob>(account, std::move(done))->start();
}

} // namespace wharf::ui
