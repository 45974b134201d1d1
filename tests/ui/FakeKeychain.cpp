#include "FakeKeychain.h"

#include <QTimer>

namespace wharf::test {

FakeKeychain::FakeKeychain(QMap<QString, QString> *entries, bool available, bool refuseWrites)
    : m_entries(entries)
    , m_available(available)
    , m_refuseWrites(refuseWrites)
{}

void FakeKeychain::answer(Done done, ui::KeychainResult result)
{
    if (!m_available) {
        result = {};
        result.error = QStringLiteral("no keychain service is running");
    }
    QTimer::singleShot(1, [done = std::move(done), result] { done(result); });
}

void FakeKeychain::read(const QString &account, Done done)
{
    ui::KeychainResult r;
    r.ok = m_entries->contains(account);
    r.notFound = !r.ok;
    r.value = m_entries->value(account);
    if (r.notFound)
        r.error = QStringLiteral("entry not found");
    answer(std::move(done), r);
}

void FakeKeychain::write(const QString &account, const QString &secret, Done done)
{
    ui::KeychainResult r;
    if (m_available && m_refuseWrites) {
        r.error = QStringLiteral("access denied by the user");
    } else {
        if (m_available)
            m_entries->insert(account, secret);
        r.ok = true;
    }
    answer(std::move(done), r);
}

void FakeKeychain::remove(const QString &account, Done done)
{
    ui::KeychainResult r;
    r.ok = m_available && m_entries->remove(account) > 0;
    r.notFound = !r.ok;
    answer(std::move(done), r);
}

} // namespace wharf::test
