#pragma once

#include "KeychainBackend.h"
#include "config/SecretStore.h"

#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

namespace wharf::ui {

/// The desktop app's secrets in the OS keychain, mirrored into a MemorySecretStore that the
/// ConfigResolver reads (SecretStore::setDefaultStore), so resolving never waits on the
/// keychain. A keychain cannot list its entries, so the accounts Wharf wrote are indexed in
/// QSettings (names only, never values) and read back at start(). Availability is probed at
/// start(): where no keychain service answers (no D-Bus session, CI) isAvailable() stays false
/// and callers keep secrets in secrets.toml. GUI thread only; every callback runs later on it.
class KeychainSecrets : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>; ///< empty error = success

    explicit KeychainSecrets(std::unique_ptr<KeychainBackend> backend, QObject *parent = nullptr);

    /// The store to hand to SecretStore::setDefaultStore.
    std::shared_ptr<MemorySecretStore> store() const { return m_store; }
    /// A keychain answered the probe.
    bool isAvailable() const { return m_available; }
    /// The probe and the reading of indexed entries are done.
    bool isReady() const { return m_ready; }

    /// Probes the keychain and reads every indexed entry into store(); `ready` follows.
    void start();
    /// Runs an event loop until `ready` (or `timeoutMs`): for the command line, which resolves
    /// configuration right away. Returns isReady().
    bool waitUntilReady(int timeoutMs);
    /// Has Wharf ever stored a secret in the keychain (this user's index is not empty)? The
    /// command line asks the keychain only then.
    static bool hasEntries();
    /// Stores `value` for `dottedKey` of `projectDir`; on success store() has it too.
    void save(const QString &projectDir, const QString &dottedKey, const QString &value, Done done);
    /// Deletes the entry (no error when there is none).
    void remove(const QString &projectDir, const QString &dottedKey, Done done);
    /// Moves the entries of destination `from` to `to` (after a rename) or copies them (after a
    /// duplicate); `done` gets the first error.
    void renameDestination(const QString &projectDir, const QString &from, const QString &to, bool keepOld, Done done);
    /// Deletes every entry of destination `name`.
    void removeDestination(const QString &projectDir, const QString &name, Done done);

    /// The keychain account of a key: "<dotted key> @ <project folder>".
    static QString account(const QString &projectDir, const QString &dottedKey);

signals:
    void ready();

private:
    QStringList index() const;
    void setIndexed(const QString &account, bool present);
    QStringList keysOf(const QString &projectDir, const QString &destination) const;
    /// Runs `action` on every entry of `destination`; `done` gets the first error reported.
    void forEachEntry(const QString &projectDir, const QString &destination, Done done,
                      const std::function<void(const QString &key, Done report)> &action);

    std::unique_ptr<KeychainBackend> m_backend;
    std::shared_ptr<MemorySecretStore> m_store;
    bool m_available = false;
    bool m_ready = false;
    QSet<QString> m_touched; ///< accounts saved or removed since start(): its reads do not apply
};

} // namespace wharf::ui
