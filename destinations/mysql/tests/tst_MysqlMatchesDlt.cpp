// What the real dlt 1.26 left in MariaDB (tests/data/all_types, made by its make.py through dlt's
// sqlalchemy destination and pymysql) against what Wharf leaves from the same package: the same
// columns with the same types and nullability in every table, and the same values.
#include "MysqlTestServer.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using namespace wharf::test;

class tst_MysqlMatchesDlt : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    DestinationFixture m_mysql;

    static QStringList lines(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void initTestCase()
    {
        m_mysql = mysqlFixture();
        if (!m_mysql.unavailable.isEmpty())
            QFAIL(qPrintable(m_mysql.unavailable));
    }

    // Credentials without a database (mysql://user:pw@host/): the loader works in the dataset's
    // own database, including the temporary tables of a nested delete-insert merge, and ends
    // with dlt's counts.
    void mergesWithoutAConfiguredDatabase()
    {
        DestinationFixture noDatabase = m_mysql;
        noDatabase.config.credentials.remove(QStringLiteral("database"));
        const QString dataset = QStringLiteral("nodb_%1").arg(QRandomGenerator::global()->generate() % 100000000);
        for (const char *step : {"merge_hard_delete_step1", "merge_hard_delete_step2"}) {
            const QString root = QDir(m_tmp.path()).filePath(dataset + QLatin1String(step));
            QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + QLatin1String(step)), root));
            const QString loadDir =
                QDir(root).filePath(QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0));
            const PackageOutcome result = loadPackage(noDatabase, loadDir, dataset);
            QVERIFY2(result.loaded, qPrintable(QLatin1String(step) + QStringLiteral(": ") + result.error));
        }
        QFile expected(dataPath(QStringLiteral("dlt/expected/merge_hard_delete_step2/counts.json")));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QJsonObject counts = QJsonDocument::fromJson(expected.readAll()).object();
        QVERIFY(!counts.isEmpty());
        auto client = m_mysql.client(dataset);
        client->open();
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            if (it.key().section(QLatin1Char('.'), 0, 0) != QLatin1String("merge_hard_delete"))
                continue; // the staging dataset's
            const QString table = it.key().section(QLatin1Char('.'), 1);
            const auto rows = client->sql().query(
                QStringLiteral("SELECT COUNT(*) FROM %1").arg(client->sql().qualifiedTableName(table)));
            QCOMPARE(rows.value(0).value(0).toLongLong(), qint64(it.value().toInt()));
        }
        client->sql().dropDataset();
    }

    // A server whose default engine cannot roll back (MyISAM): the tables Wharf makes, staging
    // included, are InnoDB all the same, so that a failed job leaves nothing behind.
    void tablesAreTransactionalWhateverTheServerDefault()
    {
        auto admin = m_mysql.client(QString());
        admin->open();
        const QString before =
            admin->sql().query(QStringLiteral("SELECT @@GLOBAL.default_storage_engine")).value(0).value(0).toString();
        admin->sql().execute(QStringLiteral("SET GLOBAL default_storage_engine = MyISAM"));
        const auto restore = qScopeGuard(
            [&] { admin->sql().execute(QStringLiteral("SET GLOBAL default_storage_engine = %1").arg(before)); });
        const QString dataset = QStringLiteral("engine_%1").arg(QRandomGenerator::global()->generate() % 100000000);
        const QString root = QDir(m_tmp.path()).filePath(dataset);
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/merge_hard_delete_step1")), root));
        const QString loadDir = QDir(root).filePath(QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0));
        const PackageOutcome result = loadPackage(m_mysql, loadDir, dataset);
        QVERIFY2(result.loaded, qPrintable(result.error));
        const auto engines = admin->sql().query(
            QStringLiteral("SELECT CONCAT(table_schema, '.', table_name, ' ', engine) FROM information_schema.tables "
                           "WHERE table_schema IN (?, ?) ORDER BY 1"),
            {dataset, dataset + QStringLiteral("_staging")});
        QVERIFY(engines.size() >= 4);
        for (const QVariantList &row : engines)
            QVERIFY2(row.value(0).toString().endsWith(QLatin1String(" InnoDB")), qPrintable(row.value(0).toString()));
        admin->sql().execute(QStringLiteral("DROP DATABASE %1").arg(admin->sql().quoteIdentifier(dataset)));
        admin->sql().execute(
            QStringLiteral("DROP DATABASE IF EXISTS %1").arg(admin->sql().quoteIdentifier(dataset + "_staging")));
    }

    void allTypes()
    {
        const QString data = QStringLiteral(WHARF_DESTINATION_DIR "/tests/data/all_types");
        const QString root = QDir(m_tmp.path()).filePath(QStringLiteral("all_types"));
        QVERIFY(copyTree(data + QStringLiteral("/package"), root));
        const QString dataset = QStringLiteral("dltcmp_%1").arg(QRandomGenerator::global()->generate() % 100000000);
        const QString loadDir = QDir(root).filePath(QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0));
        const PackageOutcome result = loadPackage(m_mysql, loadDir, dataset);
        QVERIFY2(result.loaded, qPrintable(result.error));

        auto client = m_mysql.client(dataset);
        client->open();
        SqlClient &sql = client->sql();
        QStringList columns;
        for (const auto &row :
             sql.query(QStringLiteral("SELECT table_name, column_name, column_type, is_nullable FROM "
                                      "information_schema.columns WHERE table_schema = ? ORDER BY table_name, "
                                      "ordinal_position"),
                       {dataset}))
            columns << QStringLiteral("%1\t%2\t%3\t%4")
                           .arg(row[0].toString(), row[1].toString(), row[2].toString(), row[3].toString());
        QCOMPARE(columns, lines(data + QStringLiteral("/dlt_columns.tsv")));

        // Every value as text (binary in hex), NULL as "NULL", joined by "|", as dlt_rows.txt.
        QStringList select;
        for (const auto &row : sql.query(QStringLiteral("SELECT column_name, data_type FROM information_schema.columns "
                                                        "WHERE table_schema = ? AND table_name = 'all_types' ORDER BY "
                                                        "ordinal_position"),
                                         {dataset})) {
            const QString c = sql.quoteIdentifier(row[0].toString());
            select << (row[1].toString().contains(QLatin1String("blob"))
                           ? QStringLiteral("IFNULL(HEX(%1), 'NULL')").arg(c)
                           : QStringLiteral("IFNULL(CAST(%1 AS CHAR), 'NULL')").arg(c));
        }
        QStringList values;
        for (const auto &row : sql.query(
                 QStringLiteral("SELECT CONCAT_WS('|', %1) FROM %2 ORDER BY id")
                     .arg(select.join(QStringLiteral(", ")), sql.qualifiedTableName(QStringLiteral("all_types")))))
            values << row[0].toString();
        QCOMPARE(values, lines(data + QStringLiteral("/dlt_rows.txt")));
        sql.dropDataset();
    }

    void sqlalchemyWithMysqlUrlIsMysql()
    {
        // A dlt pipeline's `destination="sqlalchemy"` with MySQL credentials loads here.
        const ResolvedForTest dest = resolveFromEnvironment(
            QStringLiteral("sqlalchemy"), {{QStringLiteral("DESTINATION__SQLALCHEMY__CREDENTIALS"),
                                            QStringLiteral("mysql+pymysql://u:p@db.example:3307/shop")}});
        QCOMPARE(dest.type, QStringLiteral("mysql"));
        QCOMPARE(dest.config.credential(QStringLiteral("host")).toString(), QStringLiteral("db.example"));
        QCOMPARE(dest.config.credential(QStringLiteral("port")).toInt(), 3307);
        QCOMPARE(dest.config.credential(QStringLiteral("database")).toString(), QStringLiteral("shop"));
    }
};

QTEST_GUILESS_MAIN(tst_MysqlMatchesDlt)
#include "tst_MysqlMatchesDlt.moc"
