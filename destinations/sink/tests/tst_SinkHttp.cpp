// The sink destination posting to an HTTP endpoint (a server on the test's own thread), through
// the CLI on a real dlt package: one POST per batch with its headers, token and headers from
// secrets.toml, 5xx / 429 / timeouts / a server that is down retried, other 4xx failing the
// load, and a load killed after the server took a batch resending only that batch.
#include "LocalHttpServer.h"
#include "SinkTestPackage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <atomic>
#include <csignal>

using namespace wharf::test;

namespace {

const QString kLoadId = QStringLiteral("1795476041.0216246");

/// The batches a receiver keeps: one per X-Wharf-Batch, whatever number of times it came.
QMap<QByteArray, HttpRequest> distinctBatches(const QList<HttpRequest> &requests)
{
    QMap<QByteArray, HttpRequest> out;
    for (const HttpRequest &r : requests)
        out.insert(r.header("X-Wharf-Batch"), r);
    return out;
}

QList<QJsonObject> rowsOf(const QByteArray &body)
{
    QList<QJsonObject> rows;
    for (const QByteArray &line : body.split('\n'))
        if (!line.isEmpty())
            rows << QJsonDocument::fromJson(line).object();
    return rows;
}

/// Every row of the package's three tables, exactly once, in the distinct batches.
void verifyEveryRowOnce(const QList<HttpRequest> &requests)
{
    QMap<QByteArray, QSet<QString>> ids;
    QMap<QByteArray, int> rows;
    for (const HttpRequest &r : distinctBatches(requests)) {
        for (const QJsonObject &row : rowsOf(r.body)) {
            ++rows[r.header("X-Wharf-Table")];
            ids[r.header("X-Wharf-Table")].insert(QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact)));
        }
    }
    QCOMPARE(rows.value("issues"), 100);
    QCOMPARE(rows.value("issues__labels"), 34);
    QCOMPARE(rows.value("issues__assignees"), 31);
    QCOMPARE(ids.value("issues").size(), 100);
    QCOMPARE(rows.size(), 3); // nothing of dlt's own tables
}

} // namespace

class tst_SinkHttp : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString package(const QString &name) { return issuesPackage(m_tmp.path(), name); }
    static CliResult load(const QString &root, const QByteArray &url, int batchSize,
                          const QMap<QString, QString> &more = {}, const std::function<void(qint64)> &started = {})
    {
        QMap<QString, QString> env{{QStringLiteral("DESTINATION__SINK__URL"), QString::fromUtf8(url)},
                                   {QStringLiteral("DESTINATION__SINK__BATCH_SIZE"), QString::number(batchSize)},
                                   {QStringLiteral("LOAD__RETRY_BACKOFF_MS"), QStringLiteral("20")}};
        env.insert(more);
        return runWharf({QStringLiteral("load"), root + QStringLiteral("/pkg"), QStringLiteral("--destination"),
                         QStringLiteral("sink")},
                        root, env, 120000, started);
    }

private slots:
    void postsEachBatchWithItsHeaders()
    {
        LocalHttpServer server([](const HttpRequest &) { return HttpAnswer{}; });
        const QString root = package(QStringLiteral("headers"));
        QDir().mkpath(root + QStringLiteral("/.dlt"));
        QFile secrets(root + QStringLiteral("/.dlt/secrets.toml"));
        QVERIFY(secrets.open(QIODevice::WriteOnly));
        secrets.write("[destination.sink.credentials]\ntoken = \"s3cret-token\"\n"
                      "headers = { X-Api-Key = \"k3y-value\", X-Tenant = \"docks\" }\n");
        secrets.close();
        const CliResult r = load(root, server.url(), 40);
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("is LOADED")), qPrintable(r.all()));
        QVERIFY2(!r.all().contains(QStringLiteral("s3cret-token")), qPrintable(r.all()));

        const QList<HttpRequest> requests = server.requests();
        QCOMPARE(requests.size(), 5); // issues 40 + 40 + 20, labels 34, assignees 31
        const QRegularExpression batchId(
            QStringLiteral("^%1/(issues|issues__labels|issues__assignees)\\.[0-9a-f]+/[1-3]$")
                .arg(QRegularExpression::escape(kLoadId)));
        for (const HttpRequest &req : requests) {
            QCOMPARE(req.method, QByteArray("POST"));
            QCOMPARE(req.path, QByteArray("/batches"));
            QCOMPARE(req.header("Content-Type"), QByteArray("application/x-ndjson"));
            QCOMPARE(req.header("Authorization"), QByteArray("Bearer s3cret-token"));
            QCOMPARE(req.header("X-Api-Key"), QByteArray("k3y-value"));
            QCOMPARE(req.header("X-Tenant"), QByteArray("docks"));
            QCOMPARE(req.header("X-Wharf-Load-Id"), kLoadId.toUtf8());
            const QString id = QString::fromUtf8(req.header("X-Wharf-Batch"));
            QVERIFY2(batchId.match(id).hasMatch(), qPrintable(id));
            QVERIFY(id.contains(QString::fromUtf8(req.header("X-Wharf-Table")) + QLatin1Char('.')));
            const QList<QJsonObject> rows = rowsOf(req.body);
            QCOMPARE(req.header("X-Wharf-Batch-Rows").toInt(), rows.size());
            for (const QJsonObject &row : rows)
                QVERIFY(!row.contains(QStringLiteral("_dlt_id")));
            const QJsonObject schema = QJsonDocument::fromJson(req.header("X-Wharf-Schema")).object();
            QCOMPARE(schema.value(QStringLiteral("name")).toString(), QString::fromUtf8(req.header("X-Wharf-Table")));
            QVERIFY(!schema.value(QStringLiteral("columns")).toObject().isEmpty());
        }
        QCOMPARE(distinctBatches(requests).size(), 5);
        verifyEveryRowOnce(requests);
        const QJsonObject issue = rowsOf(distinctBatches(requests).first().body).first();
        QVERIFY(!issue.isEmpty());
    }

    void serverErrorsAndTimeoutsAreRetried()
    {
        // The first batch meets 503, then 429, then an answer that comes after the timeout;
        // the fourth attempt is taken. A receiver keeping one copy per batch id has every row once.
        std::atomic_int calls{0};
        LocalHttpServer server([&calls](const HttpRequest &r) {
            if (r.header("X-Wharf-Table") != "issues")
                return HttpAnswer{};
            switch (calls++) {
            case 0:
                return HttpAnswer{503, "try later"};
            case 1:
                return HttpAnswer{429, "slow down"};
            case 2:
                return HttpAnswer{200, {}, 3000};
            default:
                return HttpAnswer{};
            }
        });
        const QString root = package(QStringLiteral("retries"));
        const CliResult r =
            load(root, server.url(), 1000, {{QStringLiteral("DESTINATION__SINK__TIMEOUT"), QStringLiteral("1")}});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("is LOADED")), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("HTTP 503")), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("no answer within 1 s")), qPrintable(r.all()));
        const QList<HttpRequest> requests = server.requests();
        QCOMPARE(requests.size(), 4 + 2);
        QCOMPARE(calls.load(), 4); // the one batch of issues, sent four times under one id
        QCOMPARE(distinctBatches(requests).size(), 3);
        verifyEveryRowOnce(requests);
    }

    void aServerThatIsDownLeavesThePackageToResume()
    {
        quint16 closedPort = 0;
        {
            LocalHttpServer gone([](const HttpRequest &) { return HttpAnswer{}; });
            closedPort = gone.port();
        }
        const QString root = package(QStringLiteral("down"));
        const CliResult down = load(root, "http://127.0.0.1:" + QByteArray::number(closedPort) + "/batches", 1000);
        QVERIFY2(down.exitCode != 0 && !down.all().contains(QStringLiteral("is LOADED")), qPrintable(down.all()));
        QVERIFY2(down.all().contains(QStringLiteral("cannot send batch 1 of ")), qPrintable(down.all()));

        LocalHttpServer server([](const HttpRequest &) { return HttpAnswer{}; });
        const CliResult up = load(root, server.url(), 1000);
        QVERIFY2(up.exitCode == 0 && up.out.contains(QStringLiteral("is LOADED")), qPrintable(up.all()));
        QCOMPARE(server.requests().size(), 3);
        verifyEveryRowOnce(server.requests());
    }

    void clientErrorsFailTheLoad()
    {
        LocalHttpServer server([](const HttpRequest &r) {
            if (r.header("X-Wharf-Table") == "issues")
                return HttpAnswer{400, "column 'number' is not in the target"};
            return HttpAnswer{};
        });
        const QString root = package(QStringLiteral("refused"));
        const CliResult r = load(root, server.url(), 1000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.all().contains(QStringLiteral("is LOADED")), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("HTTP 400")), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("column 'number' is not in the target")), qPrintable(r.all()));
        int issues = 0;
        for (const HttpRequest &req : server.requests())
            issues += req.header("X-Wharf-Table") == "issues";
        QCOMPARE(issues, 1); // refused: never sent again
    }

    void killedAfterTheServerTookABatchResendsOnlyThatBatch()
    {
        // Batch 3 of issues reaches the server, which keeps it and kills the loader before
        // answering: the loader never learnt it was taken, so the next run sends it again (same
        // id) and never batches 1 and 2.
        std::atomic<qint64> pid{0};
        std::atomic_bool killed{false};
        LocalHttpServer server([&](const HttpRequest &r) {
            if (r.header("X-Wharf-Batch").endsWith("/3") && r.header("X-Wharf-Table") == "issues" && !killed) {
                killed = true;
                ::kill(pid_t(pid.load()), SIGKILL);
                return HttpAnswer{200, {}, 0, true};
            }
            return HttpAnswer{};
        });
        const QString root = package(QStringLiteral("kill"));
        const CliResult first = load(root, server.url(), 10, {}, [&pid](qint64 p) { pid = p; });
        QVERIFY2(killed && first.exitCode != 0, qPrintable(first.all()));
        const CliResult again = load(root, server.url(), 10);
        QVERIFY2(again.exitCode == 0 && again.out.contains(QStringLiteral("is LOADED")), qPrintable(again.all()));

        QMap<QByteArray, int> issues;
        for (const HttpRequest &req : server.requests())
            if (req.header("X-Wharf-Table") == "issues")
                ++issues[req.header("X-Wharf-Batch").split('/').last()];
        QCOMPARE(issues.value("1"), 1);
        QCOMPARE(issues.value("2"), 1);
        QCOMPARE(issues.value("3"), 2);
        QCOMPARE(issues.size(), 10);
        verifyEveryRowOnce(server.requests());
    }

    void interruptedWhileTheServerIsSilentStopsAtOnce()
    {
        // Ctrl+C while a POST waits for an answer (timeout 30 s): the request is dropped at once,
        // nothing is LOADED, and the next run sends that batch again.
        std::atomic<qint64> pid{0};
        std::atomic_bool interrupted{false};
        LocalHttpServer silent([&](const HttpRequest &) {
            if (!interrupted.exchange(true))
                ::kill(pid_t(pid.load()), SIGINT);
            return HttpAnswer{200, {}, 0, true};
        });
        const QString root = package(QStringLiteral("interrupt"));
        QElapsedTimer timer;
        timer.start();
        const CliResult stopped = load(root, silent.url(), 1000, {}, [&pid](qint64 p) { pid = p; });
        QVERIFY2(interrupted && stopped.exitCode != 0 && !stopped.all().contains(QStringLiteral("is LOADED")),
                 qPrintable(stopped.all()));
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));

        LocalHttpServer server([](const HttpRequest &) { return HttpAnswer{}; });
        const CliResult again = load(root, server.url(), 1000);
        QVERIFY2(again.exitCode == 0 && again.out.contains(QStringLiteral("is LOADED")), qPrintable(again.all()));
        verifyEveryRowOnce(server.requests());
    }

    void badSettingsAreConfigErrors()
    {
        const QString root = package(QStringLiteral("settings"));
        const auto fails = [&](const QMap<QString, QString> &env, const QString &expected) {
            const CliResult r = runWharf({QStringLiteral("load"), root + QStringLiteral("/pkg"),
                                          QStringLiteral("--destination"), QStringLiteral("sink")},
                                         root, env);
            QVERIFY2(r.exitCode != 0 && r.all().contains(expected), qPrintable(r.all()));
            QVERIFY2(!r.all().contains(QStringLiteral("hunter2")), qPrintable(r.all()));
        };
        fails({}, QStringLiteral("the sink needs a url or a command"));
        fails({{QStringLiteral("DESTINATION__SINK__URL"), QStringLiteral("http://localhost:1/")},
               {QStringLiteral("DESTINATION__SINK__COMMAND"), QStringLiteral("cat")}},
              QStringLiteral("not both"));
        fails({{QStringLiteral("DESTINATION__SINK__URL"), QStringLiteral("ftp://localhost/x")}},
              QStringLiteral("must be an http:// or https:// address"));
        fails({{QStringLiteral("DESTINATION__SINK__URL"), QStringLiteral("https://me:hunter2@example.org/x")}},
              QStringLiteral("holds a password"));
        fails({{QStringLiteral("DESTINATION__SINK__URL"), QStringLiteral("http://localhost:1/")},
               {QStringLiteral("DESTINATION__SINK__CREDENTIALS__HEADERS"), QStringLiteral("[1, 2]")}},
              QStringLiteral("must be a table of text values"));
        // Nothing was sent anywhere and the package is still there to load.
        QVERIFY(QDir(root + QStringLiteral("/pkg/") + kLoadId + QStringLiteral("/new_jobs")).count() > 2);
    }
};

QTEST_GUILESS_MAIN(tst_SinkHttp)
#include "tst_SinkHttp.moc"
