#include "DestinationFixture.h"

#include <QCoreApplication>
#include <QMap>
#include <QTest>

namespace wharf::test {

int runSqlClientSuite(int argc, char **argv);
int runBrowserSuite(int argc, char **argv);
int runLoadSuite(int argc, char **argv);

namespace {
FixtureProvider g_provider;
} // namespace

std::unique_ptr<SqlJobClient> DestinationFixture::client(const QString &dataset) const
{
    std::unique_ptr<JobClient> c = destination->createClient(config, dataset);
    auto *sql = dynamic_cast<SqlJobClient *>(c.get());
    if (!sql)
        return nullptr;
    c.release();
    return std::unique_ptr<SqlJobClient>(sql);
}

int runConformance(int argc, char **argv, FixtureProvider provider)
{
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app = std::make_unique<QCoreApplication>(argc, argv);
    g_provider = std::move(provider);
    const int sqlClient = runSqlClientSuite(argc, argv);
    const int browser = runBrowserSuite(argc, argv);
    const int load = runLoadSuite(argc, argv);
    return sqlClient != 0 ? sqlClient : browser != 0 ? browser : load;
}

QList<DestinationFixture> conformanceDestinations(const QTemporaryDir &scratch)
{
    return g_provider ? g_provider(scratch) : QList<DestinationFixture>();
}

void requireDestinations(QList<DestinationFixture> &out, const QTemporaryDir &scratch)
{
    out = conformanceDestinations(scratch);
    QVERIFY2(!out.isEmpty(), "no destination to test: the conformance test named none");
    for (const auto &d : std::as_const(out))
        if (!d.unavailable.isEmpty())
            QFAIL(qPrintable(d.name + QStringLiteral(": ") + d.unavailable));
}

void addConninfoCredentials(ResolvedConfig &config, const QString &conninfo)
{
    static const QMap<QString, QString> keyOf{
        {"host", "host"}, {"port", "port"}, {"dbname", "database"}, {"user", "username"}, {"password", "password"}};
    for (const QString &part : conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString key = part.section(QLatin1Char('='), 0, 0);
        if (keyOf.contains(key))
            config.credentials.insert(keyOf[key],
                                      ResolvedValue{part.section(QLatin1Char('='), 1), {}, key == "password"});
    }
}

void addDestinationRows(const QList<DestinationFixture> &all)
{
    QTest::addColumn<int>("destination");
    for (int k = 0; k < all.size(); ++k)
        QTest::newRow(qPrintable(all[k].name)) << k;
}

const DestinationFixture &currentDestination(const QList<DestinationFixture> &all)
{
    QFETCH(int, destination);
    return all[destination];
}

} // namespace wharf::test
