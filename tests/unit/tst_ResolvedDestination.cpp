// dlt's sqlalchemy destination picks the database by its URL's dialect: Wharf's `sqlalchemy`
// stays SQLite for sqlite:// URLs and goes to the MySQL destination for mysql:// ones, saying so
// when that plugin is not installed (integration/mysql_tst_MysqlMatchesDlt checks the routing
// with the plugin loaded).
#include "destination/PluginLoader.h"
#include "destination/ResolvedDestination.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtPlugin>

Q_IMPORT_PLUGIN(SqlitePlugin)

using namespace wharf;

class tst_ResolvedDestination : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    ConfigLocations locations(const QString &credentials)
    {
        ConfigLocations loc;
        loc.projectDir = m_dir.filePath(QStringLiteral("project"));
        loc.globalDir = m_dir.filePath(QStringLiteral("global"));
        loc.environment = QProcessEnvironment();
        loc.environment.insert(QStringLiteral("DESTINATION__SQLALCHEMY__CREDENTIALS"), credentials);
        return loc;
    }

private slots:
    void initTestCase()
    {
        // Built-in destinations only: the MySQL plugin is not loaded here.
        plugins::loadStatic(DestinationRegistry::instance());
        QVERIFY(DestinationRegistry::instance().origin(QStringLiteral("mysql")).isEmpty());
    }

    void sqliteUrlStaysSqlite()
    {
        try {
            const ConfigResolver resolver(locations(QStringLiteral("sqlite:////tmp/x.db")));
            const auto dest = ResolvedDestination::resolve(resolver, QStringLiteral("sqlalchemy"));
            QCOMPARE(dest.destination->type(), QStringLiteral("sqlite"));
            QCOMPARE(dest.config.credential(QStringLiteral("database")).toString(), QStringLiteral("/tmp/x.db"));
        } catch (const Error &e) {
            QFAIL(qPrintable(e.fullText()));
        }
    }

    void mysqlUrlWithoutThePluginIsRefused()
    {
        const ConfigResolver resolver(locations(QStringLiteral("mysql+pymysql://u:p@db.example:3306/shop")));
        try {
            ResolvedDestination::resolve(resolver, QStringLiteral("sqlalchemy"));
            QFAIL("a mysql:// URL must not load into SQLite");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Config);
            QVERIFY2(e.message().contains(QStringLiteral("mysql destination")), qPrintable(e.message()));
            QVERIFY2(!e.message().contains(QStringLiteral(":p@")), "no password in messages");
        }
    }
};

QTEST_GUILESS_MAIN(tst_ResolvedDestination)
#include "tst_ResolvedDestination.moc"
