#pragma once

#include <QHash>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace wharf {

/// Secret values kept outside the TOML files — in the desktop app, the OS keychain. The
/// ConfigResolver consults it after environment variables and before secrets.toml. Entries
/// belong to a project folder (like the project's .dlt/secrets.toml they stand in for) and
/// are keyed by the dotted config key, e.g. "destination.postgres.credentials.password".
/// Implementations must be thread-safe and must not block: the GUI thread resolves
/// configuration too (an OS keychain is therefore read ahead, asynchronously, into memory).
class SecretStore {
public:
    virtual ~SecretStore() = default;

    /// The secret stored for `dottedKey` of the project at `projectDir`, if any.
    virtual std::optional<QString> read(const QString &projectDir, const QString &dottedKey) const = 0;
    /// How a value found here is described to people ("OS keychain").
    virtual QString displayName() const { return QStringLiteral("OS keychain"); }

    /// The project folder as entries are keyed: absolute, symbolic links resolved when it
    /// exists, so that "." and the full path name the same project.
    static QString normalizedProject(const QString &projectDir);

    /// The store ConfigLocations::defaults() hands to resolvers; none unless the application
    /// installed one at start-up (the desktop app does). Thread-safe.
    static std::shared_ptr<const SecretStore> defaultStore();
    static void setDefaultStore(std::shared_ptr<const SecretStore> store);
};

/// A SecretStore in memory: the GUI's copy of its keychain entries, and tests'.
/// Thread-safe: writes (GUI thread) and reads (any thread) take a lock.
class MemorySecretStore : public SecretStore {
public:
    std::optional<QString> read(const QString &projectDir, const QString &dottedKey) const override;

    void set(const QString &projectDir, const QString &dottedKey, const QString &value);
    void remove(const QString &projectDir, const QString &dottedKey);
    bool contains(const QString &projectDir, const QString &dottedKey) const;
    /// The dotted keys stored for a project, sorted.
    QStringList keys(const QString &projectDir) const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, QHash<QString, QString>> m_values; ///< normalized project → key → secret
};

} // namespace wharf
