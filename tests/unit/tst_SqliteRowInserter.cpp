// Multi-row prepared INSERTs into SQLite (destinations/sqlite/SqliteRowInserter.h): every row
// keeps its own converted values although many rows share one statement, a row the database
// refuses is named by its line, and the statement size follows SQLite's variable limit.
#include "Error.h"
#include "sqlite/SqliteConnection.h"
#include "sqlite/SqliteDestination.h"
#include "sqlite/SqliteRowInserter.h"

#include <QTest>
#include <sqlite3.h>

using namespace wharf;
using namespace wharf::sqlite;

namespace {

Column column(const char *name, DataType type, bool nullable = true)
{
    Column c;
    c.name = QLatin1String(name);
    c.dataType = type;
    c.nullable = nullable;
    return c;
}

std::vector<Coercer> coercers()
{
    Coercer::Options o;
    o.nativeBool = false;
    o.temporal = TemporalStyle::SqliteUtc;
    o.ignoreTemporalPrecision = true;
    std::vector<Coercer> out;
    out.emplace_back(column("id", DataType::Bigint, false), o);
    out.emplace_back(column("at", DataType::Timestamp), o); // converted into the coercer's scratch
    out.emplace_back(column("note", DataType::Text, false), o);
    return out;
}

/// `rows` rows; row k has id k, a timestamp k seconds after 2024-01-01T00:00:00+01:00 and a
/// note; `nullNoteAt` (if >= 0) gets a NULL note.
void fill(RowBatch &batch, int rows, int nullNoteAt = -1)
{
    batch.reset(3);
    for (int k = 0; k < rows; ++k) {
        Value *row = batch.appendRow(1000 + k);
        row[0].kind = ValueKind::Int;
        row[0].i = k;
        row[1].kind = ValueKind::String;
        row[1].text = QStringLiteral("2024-01-01T00:%1:%2+01:00")
                          .arg(k / 60 % 60, 2, 10, QLatin1Char('0'))
                          .arg(k % 60, 2, 10, QLatin1Char('0'))
                          .toStdString();
        if (k != nullNoteAt) {
            row[2].kind = ValueKind::String;
            row[2].text = "note " + std::to_string(k);
        }
    }
}

} // namespace

class tst_SqliteRowInserter : public QObject {
    Q_OBJECT

    SqliteDestination m_destination;

    /// Table t (id, at, note NOT NULL) in `db`, and an inserter for it.
    static SqliteRowInserter tableIn(SqliteConnection &db)
    {
        db.open();
        db.execute(QStringLiteral("CREATE TABLE t (id BIGINT NOT NULL, at DATETIME, note TEXT NOT NULL)"));
        return SqliteRowInserter(db, QStringLiteral("t"),
                                 {QStringLiteral("id"), QStringLiteral("at"), QStringLiteral("note")}, coercers(),
                                 QStringLiteral("job.jsonl"));
    }

private slots:
    // Cancel interrupts a multi-row INSERT: SQLite rolls the whole transaction back. The rows
    // must not then go in one by one, each committing alone (a retry would load them again);
    // the interrupt is raised, and nothing of the job is in the table.
    void anInterruptedStatementEndsTheJob()
    {
        SqliteConnection db(m_destination.capabilities(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        SqliteRowInserter inserter = tableIn(db);
        QVERIFY(inserter.rowsPerStatement() > 1);
        RowBatch first;
        fill(first, 50);
        RowBatch second;
        fill(second, 50);
        db.begin();
        inserter.insert(first);
        // Interrupt the next statement once, as sqlite3_interrupt from Cancel would.
        static int calls = 0;
        calls = 0;
        sqlite3_progress_handler(
            db.handle(), 1, [](void *) -> int { return ++calls == 1 ? 1 : 0; }, nullptr);
        bool raised = false;
        try {
            inserter.insert(second);
        } catch (const Error &e) {
            raised = true;
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
            QCOMPARE(e.location().file, QStringLiteral("job.jsonl"));
        }
        sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
        QVERIFY2(raised, "an interrupted statement must end the job");
        QVERIFY(!db.inTransaction()); // SQLite rolled the transaction back
        QCOMPARE(db.query(QStringLiteral("SELECT count(*) FROM t")).value(0).value(0).toLongLong(), qint64(0));
        // And a COMMIT then says the transaction is gone, instead of failing as transient.
        QVERIFY_THROWS_EXCEPTION(Error, db.commit());
    }

    void everyRowKeepsItsValues()
    {
        SqliteConnection db(m_destination.capabilities(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        SqliteRowInserter inserter = tableIn(db);
        QCOMPARE(inserter.rowsPerStatement(), 500); // 3 columns: the variable limit allows more
        RowBatch batch;
        fill(batch, 1203); // two full statements and a shorter one
        inserter.insert(batch);
        QCOMPARE(db.query(QStringLiteral("SELECT count(*), count(DISTINCT at), min(at), max(at) FROM t")).first(),
                 (QVariantList{1203, 1203, QStringLiteral("2023-12-31 23:00:00.000000"),
                               QStringLiteral("2023-12-31 23:20:02.000000")}));
        QCOMPARE(db.query(QStringLiteral("SELECT at, note FROM t WHERE id = 777")).first(),
                 (QVariantList{QStringLiteral("2023-12-31 23:12:57.000000"), QStringLiteral("note 777")}));
    }

    void refusedRowIsNamed()
    {
        SqliteConnection db(m_destination.capabilities(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        SqliteRowInserter inserter = tableIn(db);
        RowBatch batch;
        fill(batch, 700, 612);
        try {
            inserter.insert(batch);
            QFAIL("a NULL went into a NOT NULL column");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("NOT NULL")), qPrintable(e.fullText()));
            QCOMPARE(e.location().file, QStringLiteral("job.jsonl"));
            QCOMPARE(e.location().line, qint64(1612));
        }
        // The first statement (rows 0-499) went in; the failing one changed nothing until the
        // row before the bad one (the caller's transaction decides what stays).
        QCOMPARE(db.query(QStringLiteral("SELECT count(*) FROM t")).first().value(0).toLongLong(), qint64(612));
    }
};

QTEST_GUILESS_MAIN(tst_SqliteRowInserter)
#include "tst_SqliteRowInserter.moc"
