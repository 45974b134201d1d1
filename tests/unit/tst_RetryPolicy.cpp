// The loader's back-off (core/load/RetryPolicy.h): exponential, capped, jittered into [1/2, 1],
// and read from [load] settings.
#include "Error.h"
#include "config/ConfigResolver.h"
#include "load/RetryPolicy.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wharf;

class tst_RetryPolicy : public QObject {
    Q_OBJECT

    ConfigResolver resolverWith(const QMap<QString, QString> &env)
    {
        ConfigLocations where;
        where.projectDir = m_tmp.path();
        where.globalDir = m_tmp.filePath("home-dlt");
        QProcessEnvironment vars;
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            vars.insert(it.key(), it.value());
        where.environment = vars;
        return ConfigResolver(where);
    }
    QTemporaryDir m_tmp;

private slots:
    void doublesUpToTheCap()
    {
        RetryPolicy p;
        p.baseDelayMs = 500;
        p.maxDelayMs = 30000;
        // unit 1.0: the full delay; unit 0.0: half of it.
        QCOMPARE(p.delayMs(1, 1.0), qint64(500));
        QCOMPARE(p.delayMs(2, 1.0), qint64(1000));
        QCOMPARE(p.delayMs(5, 1.0), qint64(8000));
        QCOMPARE(p.delayMs(7, 1.0), qint64(30000)); // 32000 capped
        QCOMPARE(p.delayMs(100, 1.0), qint64(30000));
        QCOMPARE(p.delayMs(1, 0.0), qint64(250));
        QCOMPARE(p.delayMs(7, 0.0), qint64(15000));
        // Workers that failed together spread out.
        QVERIFY(p.delayMs(3, 0.1) < p.delayMs(3, 0.9));
    }

    void ridesOutAMinute()
    {
        // The defaults wait longer than a one-minute restart before giving up, and never more
        // than the cap at once.
        RetryPolicy p;
        qint64 waited = 0;
        int attempt = 0;
        while (waited < p.outageTimeoutMs) {
            const qint64 d = p.delayMs(++attempt, 0.0);
            QVERIFY(d <= p.maxDelayMs);
            waited += d;
        }
        QVERIFY(waited >= 60000);
        QVERIFY(attempt > 5);
    }

    void outageBacksOffUntilItsBudget()
    {
        RetryPolicy p;
        p.baseDelayMs = 100;
        p.outageTimeoutMs = 1000;
        Outage o;
        QCOMPARE(o.nextDelay(p, 5000, 1.0), qint64(100));
        QCOMPARE(o.nextDelay(p, 5100, 1.0), qint64(200));
        QCOMPARE(o.nextDelay(p, 6000, 1.0), qint64(400)); // exactly the budget: still waits
        QCOMPARE(o.nextDelay(p, 6001, 1.0), qint64(-1));  // longer: give up
        o.end();
        QCOMPARE(o.nextDelay(p, 9000, 1.0), qint64(100)); // a new outage starts afresh
    }

    void zeroBaseMeansNoWait()
    {
        RetryPolicy p;
        p.baseDelayMs = 0;
        QCOMPARE(p.delayMs(3, 0.5), qint64(0));
    }

    // Nothing configured: the defaults, in their units (the outage budget used to come back
    // as 120 ms instead of 120 s, so one lost connection stopped the coordinator's own SQL).
    void defaultsWhenNothingIsSet()
    {
        const RetryPolicy p = RetryPolicy::fromConfig(resolverWith({}));
        const RetryPolicy defaults;
        QCOMPARE(p.baseDelayMs, defaults.baseDelayMs);
        QCOMPARE(p.maxDelayMs, defaults.maxDelayMs);
        QCOMPARE(p.outageTimeoutMs, 120000);
    }

    void readsLoadSettings()
    {
        const RetryPolicy p = RetryPolicy::fromConfig(resolverWith({{"LOAD__RETRY_BACKOFF_MS", "100"},
                                                                    {"LOAD__RETRY_MAX_DELAY_MS", "2000"},
                                                                    {"LOAD__CONNECTION_OUTAGE_TIMEOUT_S", "7"}}));
        QCOMPARE(p.baseDelayMs, 100);
        QCOMPARE(p.maxDelayMs, 2000);
        QCOMPARE(p.outageTimeoutMs, 7000);
        QVERIFY_THROWS_EXCEPTION(Error, RetryPolicy::fromConfig(resolverWith({{"LOAD__RETRY_BACKOFF_MS", "-1"}})));
        QVERIFY_THROWS_EXCEPTION(
            Error, RetryPolicy::fromConfig(resolverWith({{"LOAD__CONNECTION_OUTAGE_TIMEOUT_S", "soon"}})));
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_RetryPolicy.moc"
