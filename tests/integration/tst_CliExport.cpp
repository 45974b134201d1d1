// `wharf export` on a table that `wharf load` loaded: every row the filters keep, in the order
// asked for, as CSV, TSV or JSON lines, to a file written whole or not at all, or to stdout;
// usage and configuration errors say what is wrong. With --package, a dlt load package that
// `wharf load` loads elsewhere into the same table, value for value.
#include "SqliteProbe.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf::test;

class tst_CliExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_work;

    QMap<QString, QString> env() const
    {
        return {{QStringLiteral("DESTINATION__SQLITE__CREDENTIALS"),
                 QStringLiteral("sqlite:///") + QDir(m_work).filePath(QStringLiteral("wh.db"))}};
    }
    CliResult exportWith(const QStringList &more) const
    {
        return runWharf(QStringList{QStringLiteral("export"), QStringLiteral("--dataset"),
                                    QStringLiteral("gh_issues_insert_values"), QStringLiteral("--table"),
                                    QStringLiteral("issues")} +
                            more,
                        m_work, env());
    }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase()
    {
        m_work = freshDir(m_tmp.path(), QStringLiteral("export"));
        const QString package = copyPackage(m_work, QStringLiteral("gh_issues_insert_values"));
        const CliResult r = runWharf({QStringLiteral("load"), package}, m_work, env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }

    void jsonLinesFilteredAndSorted()
    {
        const QString out = QDir(m_work).filePath(QStringLiteral("open.jsonl"));
        const CliResult r =
            exportWith({QStringLiteral("--filter"), QStringLiteral("number=>2500"), QStringLiteral("--sort"),
                        QStringLiteral("number:desc"), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QList<QByteArray> lines = read(out).trimmed().split('\n');
        QVERIFY(lines.size() > 1 && lines.size() < 100);
        QVERIFY2(r.err.contains(QStringLiteral("%1 rows of gh_issues_insert_values.issues").arg(lines.size())),
                 qPrintable(r.err));
        double previous = 1e18;
        for (const QByteArray &line : lines) {
            const double number = QJsonDocument::fromJson(line).object().value(QStringLiteral("number")).toDouble();
            QVERIFY(number > 2500);
            QVERIFY(number <= previous);
            previous = number;
        }
    }

    void csvToStdoutAndTsvByName()
    {
        const CliResult csv = exportWith({QStringLiteral("--filter"), QStringLiteral("number=<=10")});
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.all()));
        QVERIFY2(csv.out.startsWith(QStringLiteral("url,")), qPrintable(csv.out.left(200)));
        const QString tsvFile = QDir(m_work).filePath(QStringLiteral("all.tsv"));
        const CliResult tsv = exportWith({QStringLiteral("-o"), tsvFile});
        QVERIFY2(tsv.exitCode == 0, qPrintable(tsv.all()));
        QVERIFY(tsv.err.contains(QStringLiteral("100 rows")));
        QVERIFY(!read(tsvFile).startsWith("url\t")); // TSV has no header
        QVERIFY(read(tsvFile).contains('\t'));
    }

    void errorsLeaveNoFile()
    {
        const QString out = QDir(m_work).filePath(QStringLiteral("nothing.csv"));
        const CliResult missing =
            runWharf({QStringLiteral("export"), QStringLiteral("--dataset"), QStringLiteral("gh_issues_insert_values"),
                      QStringLiteral("--table"), QStringLiteral("no_such_table"), QStringLiteral("-o"), out},
                     m_work, env());
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains(QStringLiteral("no_such_table")), qPrintable(missing.err));
        QVERIFY(!QFile::exists(out));
        const CliResult bad =
            exportWith({QStringLiteral("--filter"), QStringLiteral("number=>"), QStringLiteral("-o"), out});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains(QStringLiteral("needs a value")), qPrintable(bad.err));
        QVERIFY(!QFile::exists(out));
        const CliResult usage =
            runWharf({QStringLiteral("export"), QStringLiteral("--table"), QStringLiteral("x")}, m_work, env());
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains(QStringLiteral("--dataset and --table")));
    }

    void asALoadPackageThatLoadsElsewhereTheSame_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("insert_values") << QStringLiteral("insert_values");
        QTest::newRow("csv") << QStringLiteral("csv");
    }
    void asALoadPackageThatLoadsElsewhereTheSame()
    {
        QFETCH(QString, format);
        const QString packages = QDir(m_work).filePath(QStringLiteral("packages_") + format);
        const QString pipeline = QStringLiteral("moved_") + format;
        CliResult r =
            exportWith({QStringLiteral("--filter"), QStringLiteral("number=<=2500"), QStringLiteral("--package"),
                        packages, QStringLiteral("--pipeline"), pipeline, QStringLiteral("--format"), format});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QString package = r.out.trimmed();
        QVERIFY2(package.startsWith(QDir(packages).filePath(pipeline)), qPrintable(package));
        QCOMPARE(QDir(package + QStringLiteral("/new_jobs")).entryList(QDir::Files).size(), 1);
        QVERIFY(QDir(package + QStringLiteral("/new_jobs")).entryList(QDir::Files).first().endsWith(format));

        // Loaded into another dataset: the same columns in the same order, the same rows.
        const QString dataset = QStringLiteral("moved_") + format;
        r = runWharf({QStringLiteral("load"), QStringLiteral("--dataset"), dataset, QDir(packages).filePath(pipeline)},
                     m_work, env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        SqliteProbe moved(QDir(m_work).filePath(QStringLiteral("wh__%1.db").arg(dataset)));
        SqliteProbe source(QDir(m_work).filePath(QStringLiteral("wh__gh_issues_insert_values.db")));
        QVERIFY(moved.isOpen() && source.isOpen());
        QCOMPARE(moved.tableInfo(QStringLiteral("issues")), source.tableInfo(QStringLiteral("issues")));
        const qint64 kept =
            source.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE number <= 2500")).toLongLong();
        QVERIFY(kept > 0 && kept < 100);
        QCOMPARE(moved.scalar(QStringLiteral("SELECT count(*) FROM issues")).toLongLong(), kept);
        QCOMPARE(
            moved.rows(
                QStringLiteral("SELECT _dlt_id, number, title, created_at, locked FROM issues ORDER BY _dlt_id")),
            source.rows(QStringLiteral("SELECT _dlt_id, number, title, created_at, locked FROM issues WHERE number "
                                       "<= 2500 ORDER BY _dlt_id")));
        // The rows belong to the new package's load, recorded in _dlt_loads.
        const QString loadId = QFileInfo(package).fileName();
        QCOMPARE(moved.rows(QStringLiteral("SELECT DISTINCT _dlt_load_id FROM issues")), QStringList{loadId});
        QCOMPARE(moved.rows(QStringLiteral("SELECT load_id FROM _dlt_loads")), QStringList{loadId});
        if (format == QLatin1String("insert_values")) {
            // Every value the same, NULLs included (a CSV cannot tell NULL from empty text).
            QStringList columns;
            for (const QStringList &c : source.tableInfo(QStringLiteral("issues")))
                if (c.first() != QLatin1String("_dlt_load_id"))
                    columns << QLatin1Char('"') + c.first() + QLatin1Char('"');
            QCOMPARE(moved.rows(QStringLiteral("SELECT %1 FROM issues ORDER BY _dlt_id").arg(columns.join(','))),
                     source.rows(QStringLiteral("SELECT %1 FROM issues WHERE number <= 2500 ORDER BY _dlt_id")
                                     .arg(columns.join(','))));
        }
    }

    void packageNamesMustSuitDlt()
    {
        const QString packages = QDir(m_work).filePath(QStringLiteral("bad_packages"));
        const CliResult r = exportWith(
            {QStringLiteral("--package"), packages, QStringLiteral("--pipeline"), QStringLiteral("Bad Name")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("snake_case")), qPrintable(r.err));
        QVERIFY(QDir(packages).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_CliExport)
#include "tst_CliExport.moc"
