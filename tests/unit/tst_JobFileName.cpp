#include "Error.h"
#include "package/JobFileName.h"

#include <QTest>

using namespace wharf;

class tst_JobFileName : public QObject {
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("fileId");
        QTest::addColumn<int>("retry");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("gz");
        QTest::addColumn<QString>("jobId");
        QTest::newRow("gzip insert_values")
            << "issues.8194f4afe9.0.insert_values.gz"
            << "issues"
            << "8194f4afe9" << 0 << "insert_values" << true << "issues.8194f4afe9.insert_values.gz";
        QTest::newRow("plain csv retried") << "issues__labels.abc.3.csv"
                                           << "issues__labels"
                                           << "abc" << 3 << "csv" << false << "issues__labels.abc.csv";
        QTest::newRow("typed-jsonl") << "_dlt_pipeline_state.42fb818ced.0.typed-jsonl.gz"
                                     << "_dlt_pipeline_state"
                                     << "42fb818ced" << 0 << "typed-jsonl" << true
                                     << "_dlt_pipeline_state.42fb818ced.typed-jsonl.gz";
        QTest::newRow("32-hex id") << "t.0123456789abcdef0123456789abcdef.12.jsonl"
                                   << "t"
                                   << "0123456789abcdef0123456789abcdef" << 12 << "jsonl" << false
                                   << "t.0123456789abcdef0123456789abcdef.jsonl";
    }
    void parse()
    {
        QFETCH(QString, name);
        const JobFileName n = JobFileName::parse(name);
        QTEST(n.table, "table");
        QTEST(n.fileId, "fileId");
        QTEST(n.retryCount, "retry");
        QTEST(n.formatName, "format");
        QTEST(n.compressed, "gz");
        QTEST(n.jobId(), "jobId");
        QCOMPARE(n.fileName(), name);
    }

    void formats()
    {
        QCOMPARE(JobFileName::parse("a.b.0.insert_values").format, FileFormat::InsertValues);
        QCOMPARE(JobFileName::parse("a.b.0.csv.gz").format, FileFormat::Csv);
        QCOMPARE(JobFileName::parse("a.b.0.jsonl").format, FileFormat::Jsonl);
        QCOMPARE(JobFileName::parse("a.b.0.typed-jsonl").format, FileFormat::TypedJsonl);
        QCOMPARE(JobFileName::parse("a.b.0.unsupported_format").format, FileFormat::Unknown);
    }

    void nextRetryKeepsJobId()
    {
        const JobFileName n = JobFileName::parse("issues.abc.4.csv.gz");
        const JobFileName next = n.nextRetry();
        QCOMPARE(next.retryCount, 5);
        QCOMPARE(next.fileName(), QStringLiteral("issues.abc.5.csv.gz"));
        QCOMPARE(next.jobId(), n.jobId());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("three parts") << "issues.abc.csv";
        QTest::newRow("six parts") << "issues.abc.0.csv.gz.bak";
        QTest::newRow("five parts not gz") << "issues.abc.0.csv.zip";
        QTest::newRow("retry not a number") << "issues.abc.x.csv";
        QTest::newRow("negative retry") << "issues.abc.-1.csv";
        QTest::newRow("empty table") << ".abc.0.csv";
    }
    void rejects()
    {
        QFETCH(QString, name);
        QVERIFY(!JobFileName::tryParse(name));
        try {
            JobFileName::parse(name);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QVERIFY(e.message().contains(name));
        }
    }
};

QTEST_GUILESS_MAIN(tst_JobFileName)
#include "tst_JobFileName.moc"
