#include "DestinationFixture.h"

#include "BuiltinDestinations.h"

#include <QDir>

namespace wharf::test {

std::unique_ptr<SqlJobClient> DestinationFixture::client(const QString &dataset) const
{
    std::unique_ptr<JobClient> c = destination->createClient(config, dataset);
    auto *sql = dynamic_cast<SqlJobClient *>(c.get());
    if (!sql)
        return nullptr;
    c.release();
    return std::unique_ptr<SqlJobClient>(sql);
}

QList<DestinationFixture> conformanceDestinations(const QTemporaryDir &scratch)
{
    registerBuiltinDestinations();
    QList<DestinationFixture> out;

    DestinationFixture sqlite;
    sqlite.name = QStringLiteral("sqlite");
    sqlite.destination = DestinationRegistry::instance().create(QStringLiteral("sqlite"));
    sqlite.config.destinationName = sqlite.config.destinationType = QStringLiteral("sqlite");
    sqlite.config.credentials.insert(QStringLiteral("database"),
                                     ResolvedValue{QDir(scratch.path()).filePath(QStringLiteral("conformance.db")), {}, false});
    out.append(sqlite);
    return out;
}

} // namespace wharf::test
