#pragma once

#include <QString>
#include <functional>

namespace wharf::ui {

/// What a keychain operation ended with.
struct KeychainResult {
    bool ok = false;
    bool notFound = false; ///< a read or delete of an entry that does not exist
    QString value;         ///< for reads
    QString error;         ///< why it failed, for people (never contains the secret)
};

/// Asynchronous password storage under one service name: the OS keychain through
/// qtkeychain (QtKeychainBackend), or a stand-in in tests. Callbacks run later on the
/// thread that started the operation (the GUI thread), never inside the call.
class KeychainBackend {
public:
    using Done = std::function<void(const KeychainResult &)>;
    virtual ~KeychainBackend() = default;
    virtual void read(const QString &account, Done done) = 0;
    virtual void write(const QString &account, const QString &secret, Done done) = 0;
    virtual void remove(const QString &account, Done done) = 0;
};

/// The OS keychain (Secret Service / KWallet on Linux, Keychain on macOS, Credential Store on
/// Windows) through qtkeychain jobs, service "Wharf". Where no keychain daemon answers (no
/// D-Bus session, CI), every job fails quickly with an error: callers fall back to files.
/// qtkeychain's plain-text fallback stays off.
class QtKeychainBackend : public KeychainBackend {
public:
    static const QString kService;
    void read(const QString &account, Done done) override;
    void write(const QString &account, const QString &secret, Done done) override;
    void remove(const QString &account, Done done) override;
};

} // namespace wharf::ui
