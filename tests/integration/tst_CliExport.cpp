// `wharf export` on a table that `wharf load` loaded: every row the filters keep, in the order
// asked for, as CSV, TSV or JSON lines, to a file written whole or not at all, or to stdout;
// usage and configuration errors say what is wrong.
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
};

QTEST_GUILESS_MAIN(tst_CliExport)
#include "tst_CliExport.moc"
