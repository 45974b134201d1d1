// How MySQL / MariaDB error numbers are handled (MysqlError.cpp): which end a session (the job
// goes back without using a retry, the ledger settles an in-doubt COMMIT), which are worth
// another try, and which the user must fix. MySQL 8's own numbers cannot be provoked on the
// MariaDB of the tests, so the table itself is checked here. The plugin is a module, so its
// source is compiled into this test.
#include "../MysqlError.cpp"

#include <QTest>

using namespace wharf;
using namespace wharf::mysql;

class tst_MysqlErrors : public QObject {
    Q_OBJECT
private slots:
    void sessionsThatEndedAreOutages_data()
    {
        QTest::addColumn<unsigned>("code");
        QTest::newRow("2006 server gone") << 2006u;
        QTest::newRow("2013 lost during a query") << 2013u;
        QTest::newRow("1053 server shutdown") << 1053u;
        QTest::newRow("1927 MariaDB: connection killed") << 1927u;
        QTest::newRow("3169 MySQL: session was killed") << 3169u;
        QTest::newRow("4031 MySQL: closed after wait_timeout") << 4031u;
    }
    void sessionsThatEndedAreOutages()
    {
        QFETCH(unsigned, code);
        QVERIFY(isConnectionLost(code));
        QCOMPARE(classifyMysqlError(code), MysqlErrorClass::Transient);
        try {
            throwMysqlError(code, QStringLiteral("HY000"), QStringLiteral("gone"), QStringLiteral("SELECT 1"));
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Transient);
            QVERIFY(e.connectionLost);
            QCOMPARE(e.statement, QStringLiteral("SELECT 1"));
        }
    }

    void whatTheUserMustFix()
    {
        // local_infile=0 on the server: MariaDB's 1148, MySQL 8's 3948.
        QCOMPARE(classifyMysqlError(1148), MysqlErrorClass::Config);
        QCOMPARE(classifyMysqlError(3948), MysqlErrorClass::Config);
        QCOMPARE(classifyMysqlError(1045, true), MysqlErrorClass::Config); // access denied
        QCOMPARE(classifyMysqlError(1049, true), MysqlErrorClass::Config); // unknown database, connecting
        QCOMPARE(classifyMysqlError(1049, false), MysqlErrorClass::UndefinedRelation);
    }

    void dataErrorsAreTheJobs()
    {
        for (const unsigned code : {1062u, 1264u, 1406u, 1048u}) { // duplicate, out of range, too long, NULL
            QCOMPARE(classifyMysqlError(code), MysqlErrorClass::Terminal);
            QVERIFY(!isConnectionLost(code));
        }
        QCOMPARE(classifyMysqlError(1205), MysqlErrorClass::Transient); // lock wait timeout
        QCOMPARE(classifyMysqlError(1213), MysqlErrorClass::Transient); // deadlock
        QCOMPARE(classifyMysqlError(1317), MysqlErrorClass::Cancelled); // KILL QUERY
    }
};

QTEST_GUILESS_MAIN(tst_MysqlErrors)
#include "tst_MysqlErrors.moc"
