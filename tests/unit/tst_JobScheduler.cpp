// Which job runs when (core/load/JobScheduler.h): slots, strategies, back-off, the retry limit,
// waiting out a lost destination and open jobs per table - all without files or a database.
#include "load/JobScheduler.h"

#include <QTest>

using namespace wharf;

namespace {

JobScheduler::Settings settings(int workers, ParallelismStrategy strategy = ParallelismStrategy::Parallel)
{
    JobScheduler::Settings s;
    s.workers = workers;
    s.strategy = strategy;
    s.retry.baseDelayMs = 100;
    s.retry.maxDelayMs = 1000;
    s.retry.outageTimeoutMs = 5000;
    return s;
}

} // namespace

class tst_JobScheduler : public QObject {
    Q_OBJECT
private slots:
    void slotsFollowSettingsAndJobs()
    {
        const QStringList three{"a", "b", "c"};
        QCOMPARE(JobScheduler(three, settings(20)).slotCount(), 3);
        QCOMPARE(JobScheduler(three, settings(2)).slotCount(), 2);
        QCOMPARE(JobScheduler(three, settings(20, ParallelismStrategy::Sequential)).slotCount(), 1);
        auto capped = settings(20);
        capped.maxParallelLoadJobs = 2;
        QCOMPARE(JobScheduler(three, capped).slotCount(), 2);
        JobScheduler resumed(three, settings(20));
        resumed.settledWithoutRunning(0);
        resumed.settledWithoutRunning(1);
        QCOMPARE(resumed.slotCount(), 1);
    }

    void dispatchesInOrderUpToTheSlots()
    {
        JobScheduler s({"a", "b", "c"}, settings(2));
        s.startWorkers(2);
        QCOMPARE(s.next(0), 0);
        s.dispatched(0);
        QCOMPARE(s.next(0), 1);
        s.dispatched(1);
        QCOMPARE(s.next(0), -1); // both slots busy
        s.returned(0);
        s.finished(0);
        QCOMPARE(s.next(0), 2);
        s.dispatched(2);
        QVERIFY(!s.anyWaiting());
        QCOMPARE(s.running(), 2);
    }

    void spareConnectionsOnlyWhenNoJobWaits()
    {
        JobScheduler s({"a", "b", "c"}, settings(4));
        s.startWorkers(s.slotCount());
        int k = s.next(0);
        s.dispatched(k);
        QCOMPARE(s.grantSpareConnections(k, 5), 1); // 4 workers: 3 jobs and this one's second
        k = s.next(0);
        s.dispatched(k);
        QCOMPARE(s.grantSpareConnections(k, 1), 0); // the first grant is still held
        s.returned(0);
        s.finished(0);
        k = s.next(0);
        s.dispatched(k);
        QCOMPARE(s.grantSpareConnections(k, 1), 1); // job 0 gave its grant back
        s.capWorkers(3);                            // the server has fewer connections
        s.returned(2);
        s.finished(2);
        QCOMPARE(s.running(), 1);
        JobScheduler busy({"a", "b", "c", "d", "e"}, settings(4));
        busy.startWorkers(busy.slotCount());
        busy.dispatched(busy.next(0));
        QCOMPARE(busy.grantSpareConnections(0, 1), 0); // 1 running + 4 waiting fill 4 workers
        for (int j = 1; j < 4; ++j)
            busy.dispatched(busy.next(0));
        busy.returned(0);
        busy.finished(0);
        busy.dispatched(busy.next(0));
        QCOMPARE(busy.running(), 4);
        QCOMPARE(busy.grantSpareConnections(4, 1), 0); // the last job, but every worker is busy
        for (int j = 1; j < 4; ++j) {
            busy.returned(j);
            busy.finished(j);
        }
        QCOMPARE(busy.running(), 1);
        // The last job runs alone, but the three idle workers keep their connections open.
        QCOMPARE(busy.grantSpareConnections(4, 1), 0);
        JobScheduler one({"a"}, settings(20));
        one.startWorkers(one.slotCount());
        one.dispatched(one.next(0));
        QCOMPARE(one.grantSpareConnections(0, 1), 1); // one job: a second connection is free
        JobScheduler capped({"a"}, settings(20));
        capped.capWorkers(1); // the server takes one more connection (less the one left free)
        capped.dispatched(capped.next(0));
        QCOMPARE(capped.grantSpareConnections(0, 1), 0);
        QCOMPARE(JobScheduler({"a"}, settings(1)).grantSpareConnections(0, 1), 0);
        QCOMPARE(JobScheduler({"a"}, settings(20, ParallelismStrategy::TableSequential)).grantSpareConnections(0, 1),
                 0);
        QCOMPARE(JobScheduler({"a"}, settings(20, ParallelismStrategy::Sequential)).grantSpareConnections(0, 1), 0);
        auto limited = settings(20);
        limited.maxParallelLoadJobs = 1;
        QCOMPARE(JobScheduler({"a"}, limited).grantSpareConnections(0, 1), 0);
    }

    void tableSequentialWaitsForTheTable()
    {
        JobScheduler s({"a", "a", "b"}, settings(3, ParallelismStrategy::TableSequential));
        s.startWorkers(3);
        QCOMPARE(s.next(0), 0);
        s.dispatched(0);
        QCOMPARE(s.next(0), 2); // the second job of "a" waits
        s.dispatched(2);
        QCOMPARE(s.next(0), -1);
        s.returned(0);
        QCOMPARE(s.next(0), 1);
    }

    void retryWaitsItsBackOffAndCountsTowardsTheLimit()
    {
        auto st = settings(1);
        st.raiseOnMaxRetries = 3;
        JobScheduler s({"a"}, st);
        s.startWorkers(1);
        s.dispatched(s.next(0));
        s.returned(0);
        QVERIFY(!s.retryLater(0, 1, 1000, 1.0)); // 100 ms
        QCOMPARE(s.next(1099), -1);
        QCOMPARE(s.next(1100), 0);
        s.dispatched(0);
        s.returned(0);
        QVERIFY(!s.retryLater(0, 2, 2000, 1.0)); // 200 ms
        QCOMPARE(s.next(2199), -1);
        QCOMPARE(s.next(2200), 0);
        s.dispatched(0);
        s.returned(0);
        QVERIFY(s.retryLater(0, 3, 3000, 1.0)); // a multiple of raise_on_max_retries: stop
    }

    void lostDestinationPausesEveryJobWithinABudget()
    {
        JobScheduler s({"a", "b"}, settings(2));
        s.startWorkers(2);
        s.dispatched(s.next(0));
        s.returned(0);
        const qint64 delay = s.destinationLost(0, 1000, 1.0);
        QCOMPARE(delay, qint64(100));
        QCOMPARE(s.next(1050), -1); // paused: not even the other job starts
        QCOMPARE(s.next(1100), 0);
        s.dispatched(0);
        s.returned(0);
        QCOMPARE(s.destinationLost(0, 1200, 1.0), qint64(200)); // backs off further
        QCOMPARE(s.destinationLost(0, 6001, 1.0), qint64(-1));  // away longer than 5 s: stop
        s.destinationAnswered();
        QCOMPARE(s.outageSinceMs(), qint64(-1));
        QCOMPARE(s.destinationLost(0, 7000, 1.0), qint64(100)); // a new outage starts afresh
    }

    void openJobsPerTable()
    {
        JobScheduler s({"root", "root__child", "root__child", "other"}, settings(4));
        QCOMPARE(s.openIn({"root", "root__child"}), 3);
        s.settledWithoutRunning(0);
        s.dispatched(1);
        s.returned(1);
        s.finished(1);
        QCOMPARE(s.openIn({"root", "root__child"}), 1);
        QCOMPARE(s.openIn({"other"}), 1);
    }
};

QTEST_GUILESS_MAIN(tst_JobScheduler)
#include "tst_JobScheduler.moc"
