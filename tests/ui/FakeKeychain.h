#pragma once

#include "KeychainBackend.h"

#include <QMap>
#include <QString>

namespace wharf::test {

/// A keychain in memory whose answers arrive later on the event loop, as qtkeychain's do.
/// `available = false` answers every call with an error (no keychain service); `refuseWrites`
/// fails writes only. The entries live in `entries`, shared with the test.
class FakeKeychain : public ui::KeychainBackend {
public:
    explicit FakeKeychain(QMap<QString, QString> *entries, bool available = true, bool refuseWrites = false);
    void read(const QString &account, Done done) override;
    void write(const QString &account, const QString &secret, Done done) override;
    void remove(const QString &account, Done done) override;

private:
    void answer(Done done, ui::KeychainResult result);
    QMap<QString, QString> *m_entries;
    bool m_available;
    bool m_refuseWrites;
};

} // namespace wharf::test
