// The SQL console's statement splitting: one statement, its trailing semicolons dropped, quotes
// and comments respected, queries told from other statements.
#include "Error.h"
#include "browse/ConsoleSql.h"

#include <QTest>

using namespace wharf;
using Kind = ConsoleStatement::Kind;

class tst_ConsoleSql : public QObject {
    Q_OBJECT
private slots:
    void oneStatement_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("query");
        QTest::newRow("select") << "select 1" << "select 1" << true;
        QTest::newRow("trailing") << "  SELECT 1 ;; \n -- done\n" << "SELECT 1" << true;
        QTest::newRow("comment first") << "-- hello; world\n/* x; */ with a as (select 1) select * from a"
                                       << "-- hello; world\n/* x; */ with a as (select 1) select * from a" << true;
        QTest::newRow("semicolon in text") << "select 'a;b', \"c;d\", `e;f`" << "select 'a;b', \"c;d\", `e;f`" << true;
        QTest::newRow("doubled quote") << "select 'it''s; fine'" << "select 'it''s; fine'" << true;
        QTest::newRow("dollar") << "select $q$ ; $q$, $$;$$" << "select $q$ ; $q$, $$;$$" << true;
        QTest::newRow("parenthesis") << "(select 1) union (select 2)" << "(select 1) union (select 2)" << true;
        QTest::newRow("values") << "VALUES (1), (2)" << "VALUES (1), (2)" << true;
        QTest::newRow("insert") << "insert into t values (1);" << "insert into t values (1)" << false;
        QTest::newRow("pragma") << "PRAGMA table_info('x')" << "PRAGMA table_info('x')" << false;
        QTest::newRow("explain") << "explain select 1" << "explain select 1" << false;
        QTest::newRow("parameter") << "select $1" << "select $1" << true;
    }
    void oneStatement()
    {
        QFETCH(QString, text);
        QFETCH(QString, sql);
        QFETCH(bool, query);
        const ConsoleStatement s = ConsoleStatement::parse(text);
        QCOMPARE(s.sql, sql);
        QCOMPARE(s.kind == Kind::Query, query);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "  ";
        QTest::newRow("only comments") << "-- nothing\n/* here */;";
        QTest::newRow("two") << "select 1; select 2";
        QTest::newRow("two, quoted") << "select 1; 'x'";
        QTest::newRow("drop after") << "select 1;drop table t";
    }
    void refused()
    {
        QFETCH(QString, text);
        try {
            ConsoleStatement::parse(text);
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
        }
    }
};

QTEST_APPLESS_MAIN(tst_ConsoleSql)
#include "tst_ConsoleSql.moc"
