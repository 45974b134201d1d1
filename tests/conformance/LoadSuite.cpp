// The load suite of the conformance kit: real dlt packages (tests/data/dlt, made and loaded by the
// real dlt 1.26) loaded step by step through Wharf's own loader into the destination under test,
// one case per write disposition and strategy, and the rows of every table and staging table
// compared with what dlt left. A strategy the destination does not support is skipped by its
// capabilities, never otherwise. Then the job ledger: a recorded job never commits twice.
#include "DestinationFixture.h"
#include "DltExpected.h"
#include "TestSupport.h"
#include "load/PackageLoader.h"
#include "package/JobFileName.h"

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <latch>
#include <thread>

using namespace wharf;
using namespace wharf::test;

namespace {

struct LoadCase {
    const char *lastPackage; ///< tests/data/dlt/packages/<lastPackage>; its steps come first
    const char *disposition; ///< "merge" or "replace" when a strategy must be supported
    const char *strategy;
    /// The last step holds a wei value of this many digits (0: none). A destination that keeps
    /// NUMERIC precision and has a smaller wei precision must refuse the step, naming the column.
    int weiDigits = 0;
};

constexpr LoadCase kCases[] = {
    {"sqlite_types_utc_step2", "", "", 41}, // append, every dlt type
    {"merge_hard_delete_step2", "merge", "delete-insert"},
    {"merge_dedup_sort_step2", "merge", "delete-insert"},
    {"merge_upsert_step2", "merge", "upsert"},
    {"merge_insert_only_step2", "merge", "insert-only"},
    {"scd2_default_step3", "merge", "scd2"},
    {"replace_insert_from_staging_step2", "replace", "insert-from-staging"},
    {"replace_staging_optimized_step2", "replace", "staging-optimized"},
    {"refresh_drop_data_step2", "replace", "truncate-and-insert"},
};

// dlt's sqlalchemy merge leaves work tables (<table>_delete_<id>) in staging; not part of a result.
bool isWorkTable(const QString &table, const QString &packageRoot)
{
    const QJsonObject schema = readJsonObject(loadIdFolder(packageRoot) + QStringLiteral("/schema.json"));
    return !schema.value(QStringLiteral("tables")).toObject().contains(table);
}

} // namespace

class tst_LoadConformance : public QObject {
    Q_OBJECT

    QTemporaryDir m_scratch;
    QList<DestinationFixture> m_dest;
    QStringList m_datasets; ///< dropped in cleanup()

    const DestinationFixture &dest() { return currentDestination(m_dest); }

    QString newDataset()
    {
        const QString name = QStringLiteral("load_%1").arg(QRandomGenerator::global()->generate() % 100000000);
        m_datasets << name << name + QStringLiteral("_staging");
        return name;
    }

    /// Copies `package` and loads it into `dataset` as dlt's load of it was configured.
    PackageResult load(const QString &package, const QString &dataset, QString *root)
    {
        *root = freshDir(m_scratch.path(), package + QLatin1Char('_') + dataset);
        if (!copyTree(dataPath(QStringLiteral("dlt/packages/") + package), *root))
            return {};
        LoadOptions options;
        options.datasetName = dataset;
        options.workers = 4;
        const QJsonObject env = dltPackageInfo(package).value(QStringLiteral("load_env")).toObject();
        options.replaceStrategy = env.value(QStringLiteral("DESTINATION__REPLACE_STRATEGY")).toString();
        PackageLoader loader(dest().destination, dest().config, options);
        CancelToken cancel;
        return loader.load(loadIdFolder(*root), cancel);
    }

    /// Rows of `table` in `dataset`; -1 when the table is not there.
    qint64 count(SqlClient &sql, const QString &dataset, const QString &table)
    {
        try {
            const auto rows =
                sql.query(QStringLiteral("SELECT count(*) FROM %1").arg(sql.qualifiedTableName(dataset, table)));
            return rows.isEmpty() ? -1 : rows.first().value(0).toLongLong();
        } catch (const Error &) {
            return -1;
        }
    }

    /// Every table dlt counted after `package` (dataset and staging) has as many rows here.
    void compareCounts(const QString &package, const QString &root, const QString &dataset)
    {
        const QString dltDataset = dltPackageInfo(package).value(QStringLiteral("dataset_name")).toString();
        const QJsonObject counts = dltExpectedCounts(package, dltDataset);
        QVERIFY2(!counts.isEmpty(), qPrintable(package + QStringLiteral(": no expected counts")));
        auto client = dest().client(dataset);
        client->open();
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            const QString theirs = it.key().section(QLatin1Char('.'), 0, 0);
            const QString table = it.key().section(QLatin1Char('.'), 1);
            QString ours;
            if (theirs == dltDataset)
                ours = dataset;
            else if (theirs == dltDataset + QStringLiteral("_staging") && !isWorkTable(table, root))
                ours = dataset + QStringLiteral("_staging");
            else
                continue;
            client->sql().attachDataset(ours);
            const qint64 have = count(client->sql(), ours, table);
            QVERIFY2(have == it.value().toInteger(),
                     qPrintable(QStringLiteral("%1: %2.%3 after %4 has %5 rows, dlt left %6")
                                    .arg(dest().name, ours, table, package)
                                    .arg(have)
                                    .arg(it.value().toInteger())));
        }
    }

private slots:
    void initTestCase() { requireDestinations(m_dest, m_scratch); }

    void cleanup()
    {
        if (m_datasets.isEmpty())
            return;
        for (const QString &dataset : std::as_const(m_datasets)) {
            try {
                auto client = dest().client(dataset);
                client->open();
                if (client->sql().hasDataset())
                    client->sql().dropDataset();
            } catch (const Error &) {
            }
        }
        m_datasets.clear();
    }

    void loadsLikeDlt_data()
    {
        QTest::addColumn<int>("destination");
        QTest::addColumn<int>("loadCase");
        for (int d = 0; d < m_dest.size(); ++d)
            for (int c = 0; c < int(std::size(kCases)); ++c)
                QTest::addRow("%s %s", qPrintable(m_dest[d].name), kCases[c].lastPackage) << d << c;
    }

    void loadsLikeDlt()
    {
        QFETCH(int, loadCase);
        const LoadCase &c = kCases[loadCase];
        const Capabilities caps = dest().destination->capabilities();
        const QString strategy = QLatin1String(c.strategy);
        if (QLatin1String(c.disposition) == QLatin1String("merge") && !caps.supportedMergeStrategies.contains(strategy))
            QSKIP(qPrintable(QStringLiteral("capabilities: no merge strategy ") + strategy));
        if (QLatin1String(c.disposition) == QLatin1String("replace") &&
            !caps.supportedReplaceStrategies.contains(strategy))
            QSKIP(qPrintable(QStringLiteral("capabilities: no replace strategy ") + strategy));

        const QString dataset = newDataset();
        const QJsonArray steps = dltPackageInfo(QLatin1String(c.lastPackage)).value("packages_in_order").toArray();
        QVERIFY(!steps.isEmpty());
        const bool tooWide = c.weiDigits > caps.weiPrecision && dest().enforcesNumericPrecision;
        for (const QJsonValue &step : steps) {
            const QString package = step.toString();
            QString root;
            const PackageResult result = load(package, dataset, &root);
            if (tooWide && package == QLatin1String(c.lastPackage)) {
                // dlt fails here too: the value does not fit NUMERIC(wei precision, 0).
                QVERIFY2(result.status == PackageStatus::Aborted && result.error.message.contains("wei_val"),
                         qPrintable(QStringLiteral("%1: a %2-digit wei must be refused, naming its column: %3 %4")
                                        .arg(dest().name)
                                        .arg(c.weiDigits)
                                        .arg(packageStatusName(result.status), result.error.message)));
                return;
            }
            QVERIFY2(
                result.status == PackageStatus::Loaded,
                qPrintable(QStringLiteral("%1: %2 is %3: %4")
                               .arg(dest().name, package, packageStatusName(result.status), result.error.message)));
            QCOMPARE(result.jobsFoundInLedger, 0);
            compareCounts(package, root, dataset);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void ledgerRecordsAJobOnce_data() { addDestinationRows(m_dest); }
    void ledgerRecordsAJobOnce()
    {
        // The destination's half of exactly-once: a job's ledger row commits with its rows or not
        // at all, and a key the ledger holds is refused (AlreadyRecorded) inside a transaction.
        const QString dataset = newDataset();
        const QString root = freshDir(m_scratch.path(), QStringLiteral("ledger_") + dataset);
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/merge_hard_delete_step1")), root));
        const QString loadDir = loadIdFolder(root);
        const Schema schema = Schema::fromFile(loadDir + QStringLiteral("/schema.json"));
        auto client = dest().client(dataset);
        try {
            client->open();
            client->syncSchema(schema, {});
            if (!client->hasLedger())
                QSKIP("capabilities: the destination keeps no job ledger");
            client->prepareLedger();
            const QDir jobs(loadDir + QStringLiteral("/new_jobs"));
            const auto context = [&](const QString &table) {
                JobContext ctx;
                const QStringList files = jobs.entryList({table + QStringLiteral(".*")}, QDir::Files);
                if (files.isEmpty())
                    return ctx;
                ctx.loadId = QDir(loadDir).dirName();
                ctx.schema = &schema;
                ctx.file.path = jobs.filePath(files.first());
                ctx.file.name = JobFileName::parse(files.first());
                ctx.table = schema.table(table);
                return ctx;
            };

            JobContext tickets = context(QStringLiteral("tickets"));
            QVERIFY(tickets.table);
            tickets.beforeCommit = [&](JobClient &c, qint64 rows) {
                c.recordInLedger(tickets.loadId, QStringLiteral("tickets-job"), rows);
            };
            const JobResult first = client->runJob(tickets);
            QVERIFY(first.rows > 0);
            QCOMPARE(client->ledgerEntry(tickets.loadId, QStringLiteral("tickets-job")).value_or(-1), first.rows);
            bool refused = false;
            try {
                inTransaction(client->sql(), [&] { client->recordInLedger(tickets.loadId, "tickets-job", 1); });
            } catch (const AlreadyRecorded &) {
                refused = true;
            }
            QVERIFY2(refused, "a key the ledger holds must be refused");
            // Keys are compared byte for byte: a key in other letter case (a table `Tickets`
            // beside `tickets`) or of a dataset named in other case is another key.
            QVERIFY2(!client->ledgerEntry(tickets.loadId, QStringLiteral("TICKETS-JOB")).has_value(),
                     "the ledger must not find a key that differs in letter case");
            inTransaction(client->sql(), [&] { client->recordInLedger(tickets.loadId, "Tickets-job", 7); });
            QCOMPARE(client->ledgerEntry(tickets.loadId, QStringLiteral("Tickets-job")).value_or(-1), qint64(7));
            QCOMPARE(client->ledgerEntry(tickets.loadId, QStringLiteral("tickets-job")).value_or(-1), first.rows);

            // A job that fails after its rows and its ledger row: neither stays.
            JobContext labels = context(QStringLiteral("tickets__labels"));
            QVERIFY(labels.table);
            labels.beforeCommit = [&](JobClient &c, qint64 rows) {
                c.recordInLedger(labels.loadId, QStringLiteral("labels-job"), rows);
                throw Error(ErrorKind::Transient, QStringLiteral("lost before COMMIT"));
            };
            QVERIFY_THROWS_EXCEPTION(Error, client->runJob(labels));
            QVERIFY(!client->ledgerEntry(labels.loadId, QStringLiteral("labels-job")).has_value());
            QCOMPARE(count(client->sql(), dataset, QStringLiteral("tickets__labels")), 0);
            QCOMPARE(count(client->sql(), dataset, QStringLiteral("tickets")), first.rows);

            // Once the load is complete its rows go.
            client->forgetLoad(tickets.loadId);
            QVERIFY(!client->ledgerEntry(tickets.loadId, QStringLiteral("tickets-job")).has_value());
        } catch (const Error &e) {
            QFAIL(qPrintable(dest().name + QStringLiteral(": ") + e.fullText()));
        }
    }

    void twoLoadersCreateTheSameTablesAtOnce_data() { addDestinationRows(m_dest); }
    void twoLoadersCreateTheSameTablesAtOnce()
    {
        // Two packages of one pipeline loaded at once (two terminals, two pipelines sharing a
        // dataset) into a dataset neither has created yet: both create the same tables and the
        // ledger at the same moment. Both must go on (the second finds what the first made), and
        // every table must be there once.
        const QString root = freshDir(m_scratch.path(), QStringLiteral("race"));
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/merge_hard_delete_step1")), root));
        const Schema schema = Schema::fromFile(loadIdFolder(root) + QStringLiteral("/schema.json"));
        const DestinationFixture &fixture = dest(); // read here: QFETCH belongs to this thread
        for (int round = 0; round < 4; ++round) {
            const QString dataset = newDataset();
            std::latch ready(2);
            QString errors[2];
            const auto createAll = [&](int k) {
                bool arrived = false;
                try {
                    auto client = fixture.client(dataset);
                    client->open();
                    arrived = true;
                    ready.arrive_and_wait();
                    client->syncSchema(schema, {});
                    if (client->hasLedger())
                        client->prepareLedger();
                } catch (const Error &e) {
                    errors[k] = e.fullText();
                }
                if (!arrived)
                    ready.count_down(); // never leave the other thread waiting
            };
            std::thread other(createAll, 1);
            createAll(0);
            other.join();
            for (const QString &error : errors)
                QVERIFY2(error.isEmpty(),
                         qPrintable(QStringLiteral("%1, round %2: %3").arg(dest().name).arg(round).arg(error)));
            auto client = dest().client(dataset);
            client->open();
            // The second loader saw the schema the first stored and stored it no second time.
            QCOMPARE(count(client->sql(), dataset, QStringLiteral("_dlt_version")), qint64(1));
            for (const char *table : {"tickets", "tickets__labels"})
                QVERIFY2(count(client->sql(), dataset, QLatin1String(table)) >= 0,
                         qPrintable(QStringLiteral("%1: table %2 is missing").arg(dest().name, QLatin1String(table))));
        }
    }
};

namespace wharf::test {

int runLoadSuite(int argc, char **argv)
{
    tst_LoadConformance suite;
    return QTest::qExec(&suite, argc, argv);
}

} // namespace wharf::test

#include "LoadSuite.moc"
