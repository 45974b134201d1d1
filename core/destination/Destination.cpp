#include "destination/Destination.h"

#include "Error.h"
#include "browse/DatasetBrowser.h"
#include "destination/CapabilityOverrides.h"

namespace wharf {

void CancelToken::check() const
{
    if (isCancelled())
        throw Error(ErrorKind::Cancelled, QStringLiteral("cancelled"));
}

void JobClient::truncateTables(const QStringList &) {}

int JobClient::freeConnections()
{
    return -1;
}

bool JobClient::deferIndexes(const QStringList &, const QString &)
{
    return false;
}

void JobClient::buildDeferredIndexes(const Schema &, const QStringList &) {}

void JobClient::discardDeferredTable(const Schema &, const QString &, const QString &, const QStringList &) {}

SchemaSyncPreview JobClient::previewSchemaSync(const Schema &, const QStringList &)
{
    return {};
}

std::optional<qint64> JobClient::ledgerEntry(const QString &, const QString &)
{
    return std::nullopt;
}

void JobClient::recordInLedger(const QString &, const QString &, qint64) {}

void JobClient::forgetLoad(const QString &) {}

void JobClient::dropTables(const QStringList &, const QString &) {}

QList<FollowUpJob> JobClient::followUpJobs(const Schema &, const QStringList &, const WriteStrategy &, const QString &)
{
    return {};
}

void JobClient::runFollowUp(const FollowUpJob &job, const CancelToken &)
{
    throw Error(ErrorKind::Terminal,
                QStringLiteral("this destination cannot run follow-up jobs (table %1)").arg(job.rootTable));
}

QString Destination::testConnection(const ResolvedConfig &config) const
{
    auto client = createClient(config, QString());
    client->open();
    client->close();
    return QStringLiteral("connected to %1").arg(displayLocation(config));
}

Capabilities Destination::effectiveCapabilities(const ResolvedConfig &config) const
{
    Capabilities caps = applyCapabilityOverrides(capabilities(), config.capabilityOverrides);
    if (config.caseSensitiveNaming && caps.hasCaseSensitiveIdentifiers)
        caps.casefoldLower = false;
    return caps;
}

std::unique_ptr<DatasetBrowser> Destination::createBrowser(const ResolvedConfig &) const
{
    throw Error(ErrorKind::Config, QStringLiteral("the %1 destination has no tables to browse").arg(type()));
}

DestinationRegistry &DestinationRegistry::instance()
{
    static DestinationRegistry registry;
    return registry;
}

void DestinationRegistry::add(const QString &type, Factory factory, const QString &origin, bool forTesting)
{
    for (auto &entry : m_factories) {
        if (entry.type == type) {
            entry.factory = std::move(factory);
            entry.origin = origin;
            entry.forTesting = forTesting;
            return;
        }
    }
    m_factories.append({type, std::move(factory), origin, forTesting});
}

QStringList DestinationRegistry::types() const
{
    QStringList out;
    for (const auto &entry : m_factories)
        out.append(entry.type);
    return out;
}

QStringList DestinationRegistry::userTypes() const
{
    const bool developer = developerMode();
    QStringList out;
    for (const auto &entry : m_factories)
        if (developer || !entry.forTesting)
            out.append(entry.type);
    return out;
}

bool DestinationRegistry::isForTesting(const QString &type) const
{
    for (const auto &entry : m_factories)
        if (entry.type == type)
            return entry.forTesting;
    return false;
}

bool DestinationRegistry::developerMode()
{
    return qEnvironmentVariable("WHARF_DEVELOPER") == QLatin1String("1");
}

QString DestinationRegistry::origin(const QString &type) const
{
    for (const auto &entry : m_factories)
        if (entry.type == type)
            return entry.origin;
    return {};
}

std::shared_ptr<const Destination> DestinationRegistry::create(const QString &type) const
{
    for (const auto &entry : m_factories)
        if (entry.type == type)
            return entry.factory();
    throw Error(
        ErrorKind::Config,
        QStringLiteral("unknown destination type '%1' (known: %2)").arg(type, types().join(QStringLiteral(", "))));
}

void DestinationRegistry::addProblem(const QString &file, const QString &message)
{
    m_problems.append({file, message});
}

} // namespace wharf
