// What a failed COPY job rethrows (destinations/postgres/PgCopySupport.h, rethrowForFile): the
// server's "line N" of the streamed data becomes the file's line, and nothing the loader reacts
// to is lost on the way - a session the server ended stays an outage (connectionLost), and a job
// the ledger already has stays AlreadyRecorded. No database.
#include "Error.h"
#include "destination/Destination.h"
#include "postgres/PgCopySupport.h"

#include <QTest>

using namespace wharf;
using namespace wharf::postgres;

namespace {

const QString kFile = QStringLiteral("/pkg/new_jobs/items.abc.0.insert_values");

// Line N of the streamed rows is line N + 100 of the file.
qint64 shifted(qint64 line)
{
    return line + 100;
}

// As the jobs call it: inside the handler of the error the COPY threw.
template <typename E> void locate(const E &e)
{
    try {
        throw e;
    } catch (const Error &caught) {
        rethrowForFile(caught, kFile, shifted);
    }
}

} // namespace

class tst_PgCopySupport : public QObject {
    Q_OBJECT
private slots:
    void copyContextBecomesTheFileLine()
    {
        Error e(ErrorKind::Terminal,
                QStringLiteral("invalid input syntax for type bigint: \"x\"\nCONTEXT: COPY items, line 7, column "
                               "price: \"x\""));
        e.sqlState = QStringLiteral("22P02");
        e.detail = QStringLiteral("a detail");
        try {
            locate(e);
        } catch (const Error &located) {
            QCOMPARE(located.location().file, kFile);
            QCOMPARE(located.location().line, qint64(107));
            QCOMPARE(located.location().field, QStringLiteral("price"));
            QVERIFY(!located.message().contains(QLatin1String(", line 7")));
            QCOMPARE(located.sqlState, QStringLiteral("22P02"));
            QCOMPARE(located.detail, QStringLiteral("a detail"));
            QCOMPARE(located.kind(), ErrorKind::Terminal);
            QVERIFY(!located.connectionLost);
        }
    }

    void aSessionTheServerEndedStaysAnOutage()
    {
        // A restart during a split's COPY or its ledger claim: FATAL 57P01 on a dropped
        // connection. Rebuilt without the flag, the loader would spend one of the job's retries.
        Error e(ErrorKind::Transient, QStringLiteral("terminating connection due to administrator command"));
        e.sqlState = QStringLiteral("57P01");
        e.connectionLost = true;
        try {
            locate(e);
        } catch (const Error &located) {
            QVERIFY(located.connectionLost);
            QCOMPARE(located.kind(), ErrorKind::Transient);
            QCOMPARE(located.location().file, kFile);
        }
    }

    void aJobTheLedgerHasStaysAlreadyRecorded()
    {
        const AlreadyRecorded e(QStringLiteral("job items.abc of load 1 is already loaded"));
        bool recorded = false;
        try {
            locate(e);
        } catch (const AlreadyRecorded &) {
            recorded = true;
        } catch (const Error &) {
        }
        QVERIFY(recorded);
    }

    void partsThatWaitOnEachOtherEndTheSplit()
    {
        // The split's lock timeout, or the deadlock PostgreSQL finds first when each part holds
        // a key the other wants: both send the job to one connection. Other errors do not.
        for (const char *state : {"55P03", "40P01"}) {
            Error e(ErrorKind::Transient, QStringLiteral("waited"));
            e.sqlState = QLatin1String(state);
            QVERIFY2(partsWaitedOnEachOther(e), state);
        }
        for (const char *state : {"23505", "40001", "57P01", ""}) {
            Error e(ErrorKind::Transient, QStringLiteral("other"));
            e.sqlState = QLatin1String(state);
            QVERIFY2(!partsWaitedOnEachOther(e), state);
        }
    }

    void anErrorWithoutAFileGetsThisOne()
    {
        const Error e(ErrorKind::Terminal, QStringLiteral("bad value"), SourceLocation{{}, 12, 0, QStringLiteral("a")});
        try {
            locate(e);
        } catch (const Error &located) {
            QCOMPARE(located.location().file, kFile);
            QCOMPARE(located.location().line, qint64(12)); // a reader's own line is already the file's
            QCOMPARE(located.location().field, QStringLiteral("a"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_PgCopySupport)
#include "tst_PgCopySupport.moc"
