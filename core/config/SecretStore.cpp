#include "config/SecretStore.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <algorithm>

namespace wharf {

namespace {

QMutex g_defaultMutex;
std::shared_ptr<const SecretStore> g_default;

} // namespace

QString SecretStore::normalizedProject(const QString &projectDir)
{
    const QFileInfo info(projectDir.isEmpty() ? QDir::currentPath() : projectDir);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

std::shared_ptr<const SecretStore> SecretStore::defaultStore()
{
    QMutexLocker lock(&g_defaultMutex);
    return g_default;
}

void SecretStore::setDefaultStore(std::shared_ptr<const SecretStore> store)
{
    QMutexLocker lock(&g_defaultMutex);
    g_default = std::move(store);
}

std::optional<QString> MemorySecretStore::read(const QString &projectDir, const QString &dottedKey) const
{
    QReadLocker lock(&m_lock);
    const auto project = m_values.constFind(normalizedProject(projectDir));
    if (project == m_values.cend())
        return std::nullopt;
    const auto it = project->constFind(dottedKey);
    if (it == project->cend())
        return std::nullopt;
    return *it;
}

void MemorySecretStore::set(const QString &projectDir, const QString &dottedKey, const QString &value)
{
    QWriteLocker lock(&m_lock);
    m_values[normalizedProject(projectDir)].insert(dottedKey, value);
}

void MemorySecretStore::remove(const QString &projectDir, const QString &dottedKey)
{
    QWriteLocker lock(&m_lock);
    const QString project = normalizedProject(projectDir);
    auto it = m_values.find(project);
    if (it == m_values.end())
        return;
    it->remove(dottedKey);
    if (it->isEmpty())
        m_values.erase(it);
}

bool MemorySecretStore::contains(const QString &projectDir, const QString &dottedKey) const
{
    return read(projectDir, dottedKey).has_value();
}

QStringList MemorySecretStore::keys(const QString &projectDir) const
{
    QReadLocker lock(&m_lock);
    QStringList out = m_values.value(normalizedProject(projectDir)).keys();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace wharf
