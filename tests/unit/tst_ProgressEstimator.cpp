// How the window and the CLI word a load's durations: what is left (rounded up, never "0:00"
// while something runs) and how long it took (a 50 ms load is not "0:01").
#include "load/ProgressEstimator.h"

#include <QLocale>
#include <QTest>

using namespace wharf;

class tst_ProgressEstimator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void durationsRoundUp_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("nothing") << qint64(0) << QStringLiteral("0:00");
        QTest::newRow("a moment") << qint64(1) << QStringLiteral("0:01");
        QTest::newRow("42 s") << qint64(42000) << QStringLiteral("0:42");
        QTest::newRow("just over a minute") << qint64(60001) << QStringLiteral("1:01");
        QTest::newRow("hours") << qint64(3723000) << QStringLiteral("1:02:03");
    }
    void durationsRoundUp()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ProgressEstimator::formatDuration(ms), text);
    }

    void elapsedKeepsTwoDigits_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("under a millisecond") << qint64(0) << QStringLiteral("0.001 s");
        QTest::newRow("5 ms") << qint64(5) << QStringLiteral("0.005 s");
        QTest::newRow("50 ms") << qint64(50) << QStringLiteral("0.05 s");
        QTest::newRow("half a second") << qint64(500) << QStringLiteral("0.5 s");
        QTest::newRow("2.4 s") << qint64(2449) << QStringLiteral("2.4 s");
        QTest::newRow("42 s") << qint64(42000) << QStringLiteral("42 s");
        QTest::newRow("a minute and more") << qint64(61000) << QStringLiteral("1:01");
    }
    void elapsedKeepsTwoDigits()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ProgressEstimator::formatElapsed(ms), text);
    }
};

QTEST_GUILESS_MAIN(tst_ProgressEstimator)
#include "tst_ProgressEstimator.moc"
