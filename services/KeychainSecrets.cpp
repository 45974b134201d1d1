#include "KeychainSecrets.h"

#include "LogBus.h"

#include <QEventLoop>
#include <QSettings>
#include <QTimer>

namespace wharf::ui {

namespace {

const QString kIndexKey = QStringLiteral("keychain/accounts");
const QString kSeparator = QStringLiteral(" @ ");
/// Read at start(): "not found" means a keychain answered; an error means none did.
const QString kProbeAccount = QStringLiteral("wharf-probe");

/// Calls `done` once, after `count` parts reported, with the first error.
struct Countdown {
    int left = 0;
    QString firstError;
    KeychainSecrets::Done done;
    void report(const QString &error)
    {
        if (firstError.isEmpty())
            firstError = error;
        if (--left == 0 && done)
            done(firstError);
    }
};

} // namespace

KeychainSecrets::KeychainSecrets(std::unique_ptr<KeychainBackend> backend, QObject *parent)
    : QObject(parent)
    , m_backend(std::move(backend))
    , m_store(std::make_shared<MemorySecretStore>())
{}

QString KeychainSecrets::account(const QString &projectDir, const QString &dottedKey)
{
    return dottedKey + kSeparator + SecretStore::normalizedProject(projectDir);
}

QStringList KeychainSecrets::index() const
{
    return QSettings().value(kIndexKey).toStringList();
}

void KeychainSecrets::setIndexed(const QString &account, bool present)
{
    QStringList accounts = index();
    if (present == accounts.contains(account))
        return;
    if (present)
        accounts.append(account);
    else
        accounts.removeAll(account);
    QSettings().setValue(kIndexKey, accounts);
}

void KeychainSecrets::start()
{
    m_backend->read(kProbeAccount, [this](const KeychainResult &probe) {
        m_available = probe.ok || probe.notFound;
        if (!m_available) {
            qCInfo(lcUi).noquote() << "no OS keychain:" << probe.error << "- secrets are kept in secrets.toml";
            m_ready = true;
            emit ready();
            return;
        }
        const QStringList accounts = index();
        if (accounts.isEmpty()) {
            m_ready = true;
            emit ready();
            return;
        }
        auto countdown = std::make_shared<Countdown>();
        countdown->left = int(accounts.size());
        countdown->done = [this](const QString &) {
            m_ready = true;
            emit ready();
        };
        for (const QString &account : accounts) {
            m_backend->read(account, [this, account, countdown](const KeychainResult &r) {
                const QString key = account.section(kSeparator, 0, 0);
                const QString project = account.section(kSeparator, 1);
                // Saved or removed since start(): that value is newer than the one read.
                if (r.ok && !m_touched.contains(account))
                    m_store->set(project, key, r.value);
                else if (r.notFound)
                    setIndexed(account, false); // deleted outside Wharf
                else
                    qCWarning(lcUi).noquote() << "cannot read" << key << "from the OS keychain:" << r.error;
                countdown->report(r.ok || r.notFound ? QString() : r.error);
            });
        }
    });
}

bool KeychainSecrets::waitUntilReady(int timeoutMs)
{
    if (m_ready)
        return true;
    QEventLoop loop;
    connect(this, &KeychainSecrets::ready, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return m_ready;
}

bool KeychainSecrets::hasEntries()
{
    return !QSettings().value(kIndexKey).toStringList().isEmpty();
}

void KeychainSecrets::save(const QString &projectDir, const QString &dottedKey, const QString &value, Done done)
{
    const QString name = account(projectDir, dottedKey);
    m_touched.insert(name);
    m_backend->write(name, value, [this, projectDir, dottedKey, value, name, done](const KeychainResult &r) {
        if (r.ok) {
            m_store->set(projectDir, dottedKey, value);
            setIndexed(name, true);
        } else {
            // The caller falls back to secrets.toml: an older keychain value must not keep
            // winning over it (the resolver reads the keychain first).
            remove(projectDir, dottedKey, {});
        }
        if (done)
            done(r.ok ? QString() : r.error);
    });
}

void KeychainSecrets::remove(const QString &projectDir, const QString &dottedKey, Done done)
{
    const QString name = account(projectDir, dottedKey);
    m_touched.insert(name);
    m_store->remove(projectDir, dottedKey);
    if (!index().contains(name)) {
        if (done)
            done({}); // never written by Wharf: nothing to ask the keychain
        return;
    }
    // Out of the index whatever the keychain answers: an entry that could not be deleted must
    // not be read back at the next start and win over the file that replaced it.
    setIndexed(name, false);
    m_backend->remove(name, [done](const KeychainResult &r) {
        if (done)
            done(r.ok || r.notFound ? QString() : r.error);
    });
}

QStringList KeychainSecrets::keysOf(const QString &projectDir, const QString &destination) const
{
    const QString prefix = QStringLiteral("destination.%1.").arg(destination);
    QStringList out;
    for (const QString &key : m_store->keys(projectDir))
        if (key.startsWith(prefix))
            out.append(key);
    return out;
}

void KeychainSecrets::forEachEntry(const QString &projectDir, const QString &destination, Done done,
                                   const std::function<void(const QString &key, Done report)> &action)
{
    const QStringList keys = keysOf(projectDir, destination);
    if (keys.isEmpty()) {
        if (done)
            done({});
        return;
    }
    auto countdown = std::make_shared<Countdown>();
    countdown->left = int(keys.size());
    countdown->done = std::move(done);
    for (const QString &key : keys)
        action(key, [countdown](const QString &error) { countdown->report(error); });
}

void KeychainSecrets::renameDestination(const QString &projectDir, const QString &from, const QString &to, bool keepOld,
                                        Done done)
{
    const QString oldPrefix = QStringLiteral("destination.%1.").arg(from);
    const QString newPrefix = QStringLiteral("destination.%1.").arg(to);
    forEachEntry(projectDir, from, std::move(done), [&](const QString &key, Done report) {
        const QString value = m_store->read(projectDir, key).value_or(QString());
        save(projectDir, newPrefix + key.mid(oldPrefix.size()), value,
             [this, projectDir, key, keepOld, report](const QString &error) {
                 if (!error.isEmpty() || keepOld)
                     report(error);
                 else
                     remove(projectDir, key, report);
             });
    });
}

void KeychainSecrets::removeDestination(const QString &projectDir, const QString &name, Done done)
{
    forEachEntry(projectDir, name, std::move(done),
                 [&](const QString &key, Done report) { remove(projectDir, key, std::move(report)); });
}

} // namespace wharf::ui
