// SQLite error classification (destinations/sqlite/SqliteError.h), as dlt classifies
// SQLAlchemy errors on SQLite (spec 5.9).
#include "Error.h"
#include "sqlite/SqliteError.h"

#include <QTest>
#include <sqlite3.h>

using namespace wharf;
using wharf::sqlite::SqliteErrorClass;

Q_DECLARE_METATYPE(wharf::sqlite::SqliteErrorClass)
Q_DECLARE_METATYPE(wharf::ErrorKind)

namespace {

const char *className(SqliteErrorClass c)
{
    switch (c) {
    case SqliteErrorClass::Transient:
        return "Transient";
    case SqliteErrorClass::Terminal:
        return "Terminal";
    case SqliteErrorClass::UndefinedRelation:
        return "UndefinedRelation";
    case SqliteErrorClass::Cancelled:
        return "Cancelled";
    case SqliteErrorClass::Config:
        return "Config";
    }
    return "?";
}

ErrorKind kindOf(SqliteErrorClass c)
{
    switch (c) {
    case SqliteErrorClass::Transient:
        return ErrorKind::Transient;
    case SqliteErrorClass::Terminal:
    case SqliteErrorClass::UndefinedRelation:
        return ErrorKind::Terminal;
    case SqliteErrorClass::Cancelled:
        return ErrorKind::Cancelled;
    case SqliteErrorClass::Config:
        return ErrorKind::Config;
    }
    return ErrorKind::Internal;
}

} // namespace

class tst_SqliteError : public QObject {
    Q_OBJECT

    void rows()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<SqliteErrorClass>("expected");
        using C = SqliteErrorClass;

        // Busy, locked and I/O: someone else holds the file, try again.
        QTest::newRow("busy") << SQLITE_BUSY << "database is locked" << C::Transient;
        QTest::newRow("busy snapshot (extended)") << SQLITE_BUSY_SNAPSHOT << "database is locked" << C::Transient;
        QTest::newRow("busy timeout (extended)") << SQLITE_BUSY_TIMEOUT << "database is locked" << C::Transient;
        QTest::newRow("locked") << SQLITE_LOCKED << "database table is locked" << C::Transient;
        QTest::newRow("locked shared cache (extended)")
            << SQLITE_LOCKED_SHAREDCACHE << "database table is locked: t" << C::Transient;
        QTest::newRow("ioerr") << SQLITE_IOERR << "disk I/O error" << C::Transient;
        QTest::newRow("ioerr write (extended)") << SQLITE_IOERR_WRITE << "disk I/O error" << C::Transient;
        QTest::newRow("ioerr fsync (extended)") << SQLITE_IOERR_FSYNC << "disk I/O error" << C::Transient;
        QTest::newRow("full") << SQLITE_FULL << "database or disk is full" << C::Transient;

        // Constraint and mismatch: the data can never go in.
        QTest::newRow("constraint") << SQLITE_CONSTRAINT << "constraint failed" << C::Terminal;
        QTest::newRow("constraint notnull (extended)")
            << SQLITE_CONSTRAINT_NOTNULL << "NOT NULL constraint failed: issues.id" << C::Terminal;
        QTest::newRow("constraint unique (extended)")
            << SQLITE_CONSTRAINT_UNIQUE << "UNIQUE constraint failed: issues._dlt_id" << C::Terminal;
        QTest::newRow("constraint primary key (extended)")
            << SQLITE_CONSTRAINT_PRIMARYKEY << "UNIQUE constraint failed: t.pk" << C::Terminal;
        QTest::newRow("constraint check (extended)")
            << SQLITE_CONSTRAINT_CHECK << "CHECK constraint failed: positive" << C::Terminal;
        QTest::newRow("constraint datatype (extended)")
            << SQLITE_CONSTRAINT_DATATYPE << "cannot store TEXT value in INTEGER column t.c" << C::Terminal;
        QTest::newRow("mismatch") << SQLITE_MISMATCH << "datatype mismatch" << C::Terminal;
        QTest::newRow("too big") << SQLITE_TOOBIG << "string or blob too big" << C::Terminal;
        QTest::newRow("range (parameter binding, transient as in dlt)")
            << SQLITE_RANGE << "column index out of range" << C::Transient;
        QTest::newRow("not a database") << SQLITE_NOTADB << "file is not a database" << C::Terminal;

        // Missing tables and datasets (attached databases).
        QTest::newRow("no such table") << SQLITE_ERROR << "no such table: x" << C::UndefinedRelation;
        QTest::newRow("no such table qualified")
            << SQLITE_ERROR << "no such table: chess_data._dlt_version" << C::UndefinedRelation;
        QTest::newRow("no such table upper case") << SQLITE_ERROR << "No Such Table: X" << C::UndefinedRelation;
        QTest::newRow("unknown database") << SQLITE_ERROR << "unknown database y" << C::UndefinedRelation;
        QTest::newRow("no such database (detach)") << SQLITE_ERROR << "no such database: y" << C::UndefinedRelation;

        // Other SQL errors.
        QTest::newRow("no such column") << SQLITE_ERROR << "no such column: z" << C::Terminal;
        QTest::newRow("has no column named") << SQLITE_ERROR << "table issues has no column named body" << C::Terminal;
        QTest::newRow("already exists") << SQLITE_ERROR << "table \"issues\" already exists" << C::Terminal;
        QTest::newRow("no such function") << SQLITE_ERROR << "no such function: frobnicate" << C::Terminal;
        QTest::newRow("syntax error") << SQLITE_ERROR << "near \"SELEC\": syntax error" << C::Transient;
        QTest::newRow("incomplete input") << SQLITE_ERROR << "incomplete input" << C::Transient;

        // Stop requests and set-up problems.
        QTest::newRow("interrupt") << SQLITE_INTERRUPT << "interrupted" << C::Cancelled;
        QTest::newRow("cantopen") << SQLITE_CANTOPEN << "unable to open database file" << C::Config;
        QTest::newRow("cantopen isdir (extended)")
            << SQLITE_CANTOPEN_ISDIR << "unable to open database file" << C::Config;
        QTest::newRow("perm") << SQLITE_PERM << "access permission denied" << C::Config;
        QTest::newRow("auth") << SQLITE_AUTH << "authorization denied" << C::Config;
    }

private slots:
    void classify_data() { rows(); }
    void classify()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(SqliteErrorClass, expected);
        const SqliteErrorClass actual = sqlite::classifySqliteError(code, message);
        QVERIFY2(actual == expected, qPrintable(QStringLiteral("got %1").arg(QLatin1String(className(actual)))));
    }

    void throwSqliteError_data() { rows(); }
    void throwSqliteError()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(SqliteErrorClass, expected);
        const QString statement = QStringLiteral("INSERT INTO \"ds\".\"issues\" (\"id\") VALUES (?) -- %1").arg(code);
        try {
            sqlite::throwSqliteError(code, message, statement);
            QFAIL("did not throw");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), kindOf(expected));
            const bool undefined = dynamic_cast<const UndefinedRelation *>(&e) != nullptr;
            QCOMPARE(undefined, expected == SqliteErrorClass::UndefinedRelation);
            if (expected == SqliteErrorClass::Cancelled)
                return;
            QCOMPARE(e.statement, statement);
            QVERIFY2(e.message().contains(message), qPrintable(e.message()));
            QCOMPARE(e.detail, QString::fromUtf8(sqlite3_errstr(code)));
            QVERIFY(e.fullText().contains(message));
        }
    }

    void undefinedRelationIsItsOwnType_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("no such table") << "no such table: x";
        QTest::newRow("unknown database") << "unknown database y";
    }
    void undefinedRelationIsItsOwnType()
    {
        QFETCH(QString, message);
        bool caught = false;
        try {
            sqlite::throwSqliteError(SQLITE_ERROR, message, QStringLiteral("SELECT 1 FROM x"));
        } catch (const UndefinedRelation &e) {
            caught = true;
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.statement, QStringLiteral("SELECT 1 FROM x"));
        } catch (const Error &e) {
            QFAIL(qPrintable(QStringLiteral("plain Error: ") + e.fullText()));
        }
        QVERIFY(caught);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteError)
#include "tst_SqliteError.moc"
