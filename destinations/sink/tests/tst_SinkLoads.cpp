// The sink destination through the CLI on a real dlt package: each table's rows as JSON lines to
// a shell command, in batches; dlt's own tables and columns left out as dlt's @dlt.destination
// does; a load killed inside a batch resumes after the last accepted batch; exit 75 retries,
// other exit codes fail the package.
#include "SinkTestPackage.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf::test;

class tst_SinkLoads : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    /// The issues package, with an `out` folder beside it for the command to write to.
    QString package(const QString &name)
    {
        const QString root = issuesPackage(m_tmp.path(), name);
        QDir().mkpath(root + QStringLiteral("/out"));
        return root;
    }
    CliResult load(const QString &root, const QString &command, int batchSize = 1000)
    {
        return runWharf({QStringLiteral("load"), root + QStringLiteral("/pkg"), QStringLiteral("--destination"),
                         QStringLiteral("sink")},
                        root,
                        {{QStringLiteral("DESTINATION__SINK__COMMAND"), command},
                         {QStringLiteral("DESTINATION__SINK__BATCH_SIZE"), QString::number(batchSize)},
                         {QStringLiteral("SINK_OUT"), root + QStringLiteral("/out")},
                         {QStringLiteral("HOME"), root}});
    }
    static QStringList linesOf(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void rowsAsJsonLines()
    {
        const QString root = package(QStringLiteral("lines"));
        const CliResult r = load(root, QStringLiteral("cat >> \"$SINK_OUT/$WHARF_TABLE.jsonl\""));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("is LOADED")), qPrintable(r.all()));
        const QString out = root + QStringLiteral("/out");
        QCOMPARE(linesOf(out + QStringLiteral("/issues.jsonl")).size(), 100);
        QCOMPARE(linesOf(out + QStringLiteral("/issues__labels.jsonl")).size(), 34);
        QCOMPARE(linesOf(out + QStringLiteral("/issues__assignees.jsonl")).size(), 31);
        // dlt's tables and columns stay home, as with dlt's @dlt.destination.
        QVERIFY(!QFile::exists(out + QStringLiteral("/_dlt_pipeline_state.jsonl")));
        const QJsonObject first =
            QJsonDocument::fromJson(linesOf(out + QStringLiteral("/issues.jsonl")).first().toUtf8()).object();
        QVERIFY(first.value(QStringLiteral("number")).isDouble());
        QVERIFY(first.value(QStringLiteral("locked")).isBool());
        QVERIFY(first.value(QStringLiteral("title")).isString());
        QVERIFY(first.value(QStringLiteral("created_at")).toString().endsWith(QStringLiteral("+00:00")));
        QVERIFY(!first.contains(QStringLiteral("_dlt_id")));
        QVERIFY(!first.contains(QStringLiteral("_dlt_load_id")));
    }

    void batchesOfBatchSize()
    {
        const QString root = package(QStringLiteral("batches"));
        const CliResult r =
            load(root,
                 QStringLiteral("cat > /dev/null; echo \"$WHARF_TABLE $WHARF_BATCH_ROWS $WHARF_BATCH\" >> "
                                "\"$SINK_OUT/batches.log\""),
                 7);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QStringList issues;
        for (const QString &line : linesOf(root + QStringLiteral("/out/batches.log")))
            if (line.startsWith(QStringLiteral("issues ")))
                issues << line;
        QCOMPARE(issues.size(), 15); // 14 x 7 + 2
        int rows = 0;
        QSet<QString> ids;
        for (const QString &line : issues) {
            rows += line.section(QLatin1Char(' '), 1, 1).toInt();
            ids.insert(line.section(QLatin1Char(' '), 2));
        }
        QCOMPARE(rows, 100);
        QCOMPARE(ids.size(), 15);
    }

    void killedInsideABatchResumesAfterTheAcceptedOnes()
    {
        // Batch 3 of issues kills the loader before it can record the batch: the next run sends
        // batches 3.. again and never 1 and 2. The receiver keeps one file per batch id, so it
        // ends with every row exactly once.
        const QString root = package(QStringLiteral("kill"));
        const QString command = QStringLiteral(
            "f=\"$SINK_OUT/$WHARF_TABLE/$(echo \"$WHARF_BATCH\" | tr / _)\"; mkdir -p \"$SINK_OUT/$WHARF_TABLE\"; "
            "cat > \"$f\"; echo \"$WHARF_TABLE $WHARF_BATCH\" >> \"$SINK_OUT/calls.log\"; "
            "if [ \"$WHARF_TABLE\" = issues ] && [ \"${WHARF_BATCH##*/}\" = 3 ] && [ ! -e \"$SINK_OUT/killed\" ]; then "
            "touch \"$SINK_OUT/killed\"; kill -9 $PPID; sleep 5; fi");
        const CliResult killed = load(root, command, 10);
        QVERIFY2(killed.exitCode != 0, qPrintable(killed.all()));
        QVERIFY(QFile::exists(root + QStringLiteral("/out/killed")));
        const CliResult again = load(root, command, 10);
        QVERIFY2(again.exitCode == 0 && again.out.contains(QStringLiteral("is LOADED")), qPrintable(again.all()));
        QMap<QString, int> calls;
        for (const QString &line : linesOf(root + QStringLiteral("/out/calls.log")))
            if (line.startsWith(QStringLiteral("issues ")))
                ++calls[line.section(QLatin1Char('/'), -1)];
        QCOMPARE(calls.value(QStringLiteral("1")), 1);
        QCOMPARE(calls.value(QStringLiteral("2")), 1);
        QCOMPARE(calls.value(QStringLiteral("3")), 2);
        QCOMPARE(calls.size(), 10);
        QStringList rows;
        const QDir issues(root + QStringLiteral("/out/issues"));
        for (const QString &f : issues.entryList(QDir::Files))
            rows += linesOf(issues.filePath(f));
        QCOMPARE(rows.size(), 100);
        QSet<double> numbers;
        for (const QString &row : rows)
            numbers.insert(QJsonDocument::fromJson(row.toUtf8()).object().value(QStringLiteral("number")).toDouble());
        QCOMPARE(numbers.size(), 100);
    }

    void exit75RetriesOtherCodesFail()
    {
        const QString root = package(QStringLiteral("retry"));
        // The first call asks for a retry; every later one accepts.
        const CliResult r = load(root, QStringLiteral("if [ ! -e \"$SINK_OUT/once\" ]; then touch \"$SINK_OUT/once\"; "
                                                      "exit 75; fi; cat >> \"$SINK_OUT/$WHARF_TABLE.jsonl\""));
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("is LOADED")), qPrintable(r.all()));
        int rows = 0;
        for (const QString &t :
             {QStringLiteral("issues"), QStringLiteral("issues__labels"), QStringLiteral("issues__assignees")})
            rows += int(linesOf(root + QStringLiteral("/out/") + t + QStringLiteral(".jsonl")).size());
        QCOMPARE(rows, 165);

        const QString refused = package(QStringLiteral("refused"));
        const CliResult bad = load(refused, QStringLiteral("cat > /dev/null; echo 'quota exceeded' >&2; exit 3"));
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(!bad.all().contains(QStringLiteral("is LOADED")), qPrintable(bad.all()));
        QVERIFY2(bad.all().contains(QStringLiteral("quota exceeded")), qPrintable(bad.all()));
    }
};

QTEST_GUILESS_MAIN(tst_SinkLoads)
#include "tst_SinkLoads.moc"
