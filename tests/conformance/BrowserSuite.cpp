// The dataset browser (Destination::createBrowser) on every destination of this build: datasets
// and staging datasets, tables with sane row counts and dlt types, pages that neither overlap
// nor skip rows, server-side sorting and filtering with LIKE wildcards taken literally, hostile
// names, cancellation from another thread.
#include "DestinationFixture.h"
#include "Error.h"
#include "browse/DatasetBrowser.h"
#include "browse/SchemaComparison.h"
#include "browse/SqlDatasetBrowser.h"
#include "browse/TableExport.h"
#include "schema/Schema.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>
#include <optional>

using namespace wharf;
using namespace wharf::test;

namespace {

constexpr int kItems = 450;
constexpr int kBigRows = 10050;
const QString kHostileTable = QStringLiteral("Hostile \"tab'le\" %s;--");
const QString kHostileColumn = QStringLiteral("co\"l%s' x");

QByteArray browseSchema()
{
    const QString hostileTable = QString(kHostileTable).replace(QLatin1Char('"'), QLatin1String("\\\""));
    const QString hostileColumn = QString(kHostileColumn).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QStringLiteral(
               R"({"version":1,"version_hash":"browse-v1","engine_version":11,"name":"browse","tables":{)"
               R"("_dlt_version":{"name":"_dlt_version","write_disposition":"skip","columns":{"version":{"name":"version","data_type":"bigint","nullable":false},"engine_version":{"name":"engine_version","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_name":{"name":"schema_name","data_type":"text","nullable":false},"version_hash":{"name":"version_hash","data_type":"text","nullable":false},"schema":{"name":"schema","data_type":"text","nullable":false}}},)"
               R"("items":{"name":"items","write_disposition":"append","columns":{)"
               R"("id":{"name":"id","data_type":"bigint","nullable":false},)"
               R"("name":{"name":"name","data_type":"text","nullable":true},)"
               R"("amount":{"name":"amount","data_type":"decimal","precision":38,"scale":9,"nullable":true},)"
               R"("flag":{"name":"flag","data_type":"bool","nullable":true}}},)"
               R"("big":{"name":"big","write_disposition":"append","columns":{"id":{"name":"id","data_type":"bigint","nullable":true}}},)"
               R"("_dlt_loads":{"name":"_dlt_loads","write_disposition":"skip","columns":{"load_id":{"name":"load_id","data_type":"text","nullable":false},"schema_name":{"name":"schema_name","data_type":"text","nullable":true},"status":{"name":"status","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_version_hash":{"name":"schema_version_hash","data_type":"text","nullable":true}}},)"
               R"("orders":{"name":"orders","write_disposition":"append","columns":{"n":{"name":"n","data_type":"bigint","nullable":true},"_dlt_load_id":{"name":"_dlt_load_id","data_type":"text","nullable":false},"_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true}}},)"
               R"("orders__lines":{"name":"orders__lines","parent":"orders","columns":{"x":{"name":"x","data_type":"bigint","nullable":true},"_dlt_root_id":{"name":"_dlt_root_id","data_type":"text","nullable":false},"_dlt_parent_id":{"name":"_dlt_parent_id","data_type":"text","nullable":false},"_dlt_list_idx":{"name":"_dlt_list_idx","data_type":"bigint","nullable":false},"_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true}}},)"
               R"("%1":{"name":"%1","write_disposition":"append","columns":{"%2":{"name":"%2","data_type":"text","nullable":true}}}}})")
        .arg(hostileTable, hostileColumn)
        .toUtf8();
}

// Names of the items: "name 000".. with a few that hold LIKE's special characters.
QString itemName(int id)
{
    static const QMap<int, QString> special{{7, "50% off"}, {8, "under_score"}, {9, "underXscore"},
                                            {10, "it's"},   {11, "a!b"},        {12, "xaby"}};
    return special.value(id, QStringLiteral("name %1").arg(id, 3, 10, QLatin1Char('0')));
}

} // namespace

class tst_BrowserConformance : public QObject {
    Q_OBJECT

    QTemporaryDir m_scratch;
    QList<DestinationFixture> m_dest;
    std::unique_ptr<SqlJobClient> m_client;
    std::unique_ptr<SqlJobClient> m_staging;
    std::unique_ptr<DatasetBrowser> m_browser;
    QString m_dataset;

    const DestinationFixture &dest() { return currentDestination(m_dest); }
    void addDestinations() { addDestinationRows(m_dest); }
    SqlClient &sql() { return m_client->sql(); }

    void fillTables()
    {
        m_client->syncSchema(Schema::fromJson(browseSchema(), QStringLiteral("browse")), {});
        const QString insert = QStringLiteral("INSERT INTO %1 (id, name, amount, flag) VALUES (%s, %s, %s, %s)")
                                   .arg(sql().qualifiedTableName(QStringLiteral("items")));
        inTransaction(sql(), [&] {
            for (int id = 0; id < kItems; ++id)
                sql().execute(insert, {id, itemName(id),
                                       id == 1 ? QVariant(QStringLiteral("12345678901234.123456789")) : QVariant(id),
                                       id % 2 == 0});
        });
        // Multi-row VALUES in batches: every dialect has them (recursive CTEs stop at 1000 rows
        // in MySQL and MariaDB).
        for (int from = 1; from <= kBigRows; from += 500) {
            QStringList values;
            for (int x = from; x < from + 500 && x <= kBigRows; ++x)
                values.append(QStringLiteral("(%1)").arg(x));
            sql().execute(QStringLiteral("INSERT INTO %1 (id) VALUES %2")
                              .arg(sql().qualifiedTableName(QStringLiteral("big")), values.join(QLatin1Char(','))));
        }
        for (const char *value : {"one", "50%", "it's"})
            sql().execute(QStringLiteral("INSERT INTO %1 (%2) VALUES (%s)")
                              .arg(sql().qualifiedTableName(kHostileTable), sql().escapeIdentifier(kHostileColumn)),
                          {QString::fromLatin1(value)});
    }

    /// Two loads, as dlt leaves them: orders (with _dlt_load_id) and its nested orders__lines
    /// (with _dlt_root_id only), each load recorded in _dlt_loads. Load "1.5" has 3 orders with
    /// 2 lines each; load "2.5" has 2 orders with 1 line each.
    void fillLoads()
    {
        const QString orders = sql().qualifiedTableName(QStringLiteral("orders"));
        const QString lines = sql().qualifiedTableName(QStringLiteral("orders__lines"));
        const QString loads = sql().qualifiedTableName(QStringLiteral("_dlt_loads"));
        inTransaction(sql(), [&] {
            int n = 0;
            for (const auto &[loadId, count, perOrder] :
                 {std::tuple{QStringLiteral("1.5"), 3, 2}, std::tuple{QStringLiteral("2.5"), 2, 1}}) {
                for (int o = 0; o < count; ++o, ++n) {
                    const QString id = QStringLiteral("o%1").arg(n);
                    sql().execute(
                        QStringLiteral("INSERT INTO %1 (n, _dlt_load_id, _dlt_id) VALUES (%s, %s, %s)").arg(orders),
                        {n, loadId, id});
                    for (int l = 0; l < perOrder; ++l)
                        sql().execute(QStringLiteral("INSERT INTO %1 (x, _dlt_root_id, _dlt_parent_id, _dlt_list_idx, "
                                                     "_dlt_id) VALUES (%s, %s, %s, %s, %s)")
                                          .arg(lines),
                                      {l, id, id, l, QStringLiteral("%1-%2").arg(id).arg(l)});
                }
                sql().execute(QStringLiteral("INSERT INTO %1 (load_id, schema_name, status, inserted_at, "
                                             "schema_version_hash) VALUES (%s, %s, %s, %s, %s)")
                                  .arg(loads),
                              {loadId, QStringLiteral("browse"), 0,
                               loadId == QLatin1String("1.5") ? QStringLiteral("2026-01-01 10:00:00")
                                                              : QStringLiteral("2026-01-02 10:00:00"),
                               QStringLiteral("browse-v1")});
            }
        });
    }

    /// A copy: the list is often a temporary.
    std::optional<BrowserTable> findTable(const QList<BrowserTable> &tables, const QString &name)
    {
        for (const auto &t : tables)
            if (t.name.compare(name, Qt::CaseInsensitive) == 0)
                return t;
        return std::nullopt;
    }

    PageRequest itemsRequest()
    {
        PageRequest r;
        r.dataset = m_dataset;
        r.table = QStringLiteral("items");
        return r;
    }

    QList<qint64> ids(const BrowserPage &page)
    {
        QList<qint64> out;
        const int col = int(page.columns.indexOf(QStringLiteral("id")));
        for (const auto &row : page.rows)
            out.append(row.value(col).toLongLong());
        return out;
    }

private slots:
    void initTestCase() { requireDestinations(m_dest, m_scratch); }

    void init()
    {
        m_dataset = QStringLiteral("browse_%1").arg(QRandomGenerator::global()->generate() % 100000000);
        m_client = dest().client(m_dataset);
        m_staging = dest().client(m_dataset + QStringLiteral("_staging"));
        QVERIFY(m_client && m_staging);
        try {
            m_client->open();
            fillTables();
            m_staging->open();
            m_staging->sql().createDataset();
            m_staging->sql().execute(QStringLiteral("CREATE TABLE %1 (id bigint)")
                                         .arg(m_staging->sql().qualifiedTableName(QStringLiteral("items"))));
            m_browser = dest().destination->createBrowser(dest().config);
            QVERIFY(m_browser);
            m_browser->open();
        } catch (const Error &e) {
            QFAIL(qPrintable(dest().name + QStringLiteral(": cannot prepare: ") + e.fullText()));
        }
    }

    void cleanup()
    {
        m_browser.reset(); // closes its connection before the datasets go
        for (auto *client : {m_staging.get(), m_client.get()}) {
            if (!client)
                continue;
            try {
                client->sql().rollback();
                client->sql().dropDataset();
            } catch (const Error &) {
            }
            client->close();
        }
        m_staging.reset();
        m_client.reset();
    }

    void listsDatasetsWithStaging_data() { addDestinations(); }
    void listsDatasetsWithStaging()
    {
        const QList<BrowserDataset> datasets = m_browser->listDatasets();
        int at = -1;
        for (int k = 0; k < datasets.size(); ++k)
            if (datasets[k].name == m_dataset)
                at = k;
        QVERIFY2(at >= 0, qPrintable(m_dataset));
        QVERIFY(!datasets[at].staging);
        QVERIFY(at + 1 < datasets.size());
        QCOMPARE(datasets[at + 1].name, m_dataset + QStringLiteral("_staging"));
        QVERIFY(datasets[at + 1].staging);
        QVERIFY(datasets[at].dlt);
    }

    void listsSchemasThatDltDidNotMake_data() { addDestinations(); }
    void listsSchemasThatDltDidNotMake()
    {
        // A dataset without _dlt_version (made by hand, or by another tool) is listed too, after
        // the dlt ones and marked so; its tables browse.
        auto plain = dest().client(m_dataset + QStringLiteral("_plain"));
        QVERIFY(plain);
        try {
            plain->open();
            plain->sql().createDataset();
            plain->sql().execute(QStringLiteral("CREATE TABLE %1 (id bigint)")
                                     .arg(plain->sql().qualifiedTableName(QStringLiteral("things"))));
            const QList<BrowserDataset> datasets = m_browser->listDatasets();
            int at = -1;
            int lastDlt = -1;
            for (int k = 0; k < datasets.size(); ++k) {
                if (datasets[k].name == m_dataset + QStringLiteral("_plain"))
                    at = k;
                if (datasets[k].dlt)
                    lastDlt = k;
            }
            QVERIFY2(at >= 0, "a schema without _dlt_version is not listed");
            QVERIFY(!datasets[at].dlt);
            QVERIFY(!datasets[at].staging);
            QVERIFY(at > lastDlt);
            bool found = false;
            for (const BrowserTable &t : m_browser->listTables(m_dataset + QStringLiteral("_plain")))
                found = found || t.name.compare(QStringLiteral("things"), Qt::CaseInsensitive) == 0;
            QVERIFY(found);
        } catch (const Error &e) {
            QFAIL(qPrintable(dest().name + QStringLiteral(": ") + e.fullText()));
        }
        m_browser->close();
        try {
            plain->sql().dropDataset();
        } catch (const Error &) {
        }
        plain->close();
    }

    void listsTablesWithCountsAndTypes_data() { addDestinations(); }
    void listsTablesWithCountsAndTypes()
    {
        const QList<BrowserTable> tables = m_browser->listTables(m_dataset);
        const auto items = findTable(tables, QStringLiteral("items"));
        QVERIFY(items);
        QCOMPARE(items->kind, BrowserTableKind::Table);
        QCOMPARE(items->rows, kItems);
        QVERIFY(items->rowsExact);
        QCOMPARE(items->rowsText(QLocale::c()), QStringLiteral("450"));
        QStringList names;
        for (const auto &c : items->columns)
            names.append(c.name);
        QCOMPARE(names, QStringList({"id", "name", "amount", "flag"}));
        QCOMPARE(items->column("id")->dltType, QStringLiteral("bigint"));
        QCOMPARE(items->column("amount")->dltType, QStringLiteral("decimal(38,9)"));
        QCOMPARE(items->column("flag")->dltType, QStringLiteral("bool"));
        QVERIFY(!items->column("id")->dbType.isEmpty());
        QVERIFY(!items->column("id")->nullable);
        QVERIFY(items->column("name")->nullable);
        QVERIFY2(items->column("id")->describe().startsWith("id: " + items->column("id")->dbType + " (bigint)"),
                 qPrintable(items->column("id")->describe()));

        // A big table is estimated, never counted, and the estimate is sane.
        const auto big = findTable(tables, QStringLiteral("big"));
        QVERIFY(big);
        QVERIFY(!big->rowsExact);
        QVERIFY2(big->rows > SqlDatasetBrowser::kExactCountLimit && big->rows <= 3 * kBigRows,
                 qPrintable(QString::number(big->rows)));
        QVERIFY(big->rowsText(QLocale::c()).startsWith(QStringLiteral("≈")));
        // After ANALYZE the statistics path gives it (almost) exactly.
        sql().execute(dest().analyzeSql.arg(sql().qualifiedTableName(QStringLiteral("big"))));
        const auto analyzed = findTable(m_browser->listTables(m_dataset), QStringLiteral("big"));
        QVERIFY(analyzed);
        QVERIFY2(qAbs(analyzed->rows - kBigRows) <= kBigRows / 10, qPrintable(QString::number(analyzed->rows)));

        // User tables first, dlt's own last.
        QVERIFY(!tables.first().isDltTable());
        QVERIFY(tables.last().isDltTable());
        QVERIFY(findTable(tables, QStringLiteral("_dlt_version")));

        // The staging dataset borrows its dataset's dlt types.
        const auto staged =
            findTable(m_browser->listTables(m_dataset + QStringLiteral("_staging")), QStringLiteral("items"));
        QVERIFY(staged);
        QCOMPARE(staged->rows, 0);
        QCOMPARE(staged->column("id")->dltType, QStringLiteral("bigint"));
    }

    void pagesNeitherOverlapNorSkip_data() { addDestinations(); }
    void pagesNeitherOverlapNorSkip()
    {
        QSet<qint64> seen;
        PageRequest request = itemsRequest();
        QCOMPARE(request.limit, 200);
        QList<int> sizes;
        for (;;) {
            const BrowserPage page = m_browser->fetchPage(request);
            QCOMPARE(page.offset, request.offset);
            QCOMPARE(page.columns, QStringList({"id", "name", "amount", "flag"}));
            sizes.append(int(page.rows.size()));
            for (qint64 id : ids(page)) {
                QVERIFY2(!seen.contains(id), qPrintable(QString::number(id)));
                seen.insert(id);
            }
            if (!page.hasMore)
                break;
            request.offset += page.rows.size();
        }
        QCOMPARE(sizes, QList<int>({200, 200, 50}));
        QCOMPARE(seen.size(), kItems);

        // Sorted on a column full of ties (flag), pages still partition the table.
        seen.clear();
        request = itemsRequest();
        request.sortColumn = QStringLiteral("flag");
        request.limit = 60;
        for (BrowserPage page;; request.offset += page.rows.size()) {
            page = m_browser->fetchPage(request);
            for (qint64 id : ids(page))
                seen.insert(id);
            if (!page.hasMore)
                break;
        }
        QCOMPARE(seen.size(), kItems);

        // A subset of columns, in the order asked for.
        request = itemsRequest();
        request.columns = {"name", "id"};
        request.limit = 3;
        const BrowserPage some = m_browser->fetchPage(request);
        QCOMPARE(some.columns, QStringList({"name", "id"}));
        QCOMPARE(some.rows.first().size(), 2);
        QCOMPARE(some.rows.first().value(0).toString(), QStringLiteral("name 000"));
    }

    void sortsOnTheServer_data() { addDestinations(); }
    void sortsOnTheServer()
    {
        PageRequest request = itemsRequest();
        request.sortColumn = QStringLiteral("id");
        request.descending = true;
        request.limit = 5;
        QCOMPARE(ids(m_browser->fetchPage(request)), QList<qint64>({449, 448, 447, 446, 445}));
        request.descending = false;
        request.offset = 100;
        QCOMPARE(ids(m_browser->fetchPage(request)), QList<qint64>({100, 101, 102, 103, 104}));
        request.sortColumn = QStringLiteral("name");
        request.descending = true;
        request.offset = 0;
        request.limit = 1;
        QCOMPARE(m_browser->fetchPage(request).rows.first().value(1).toString(), QStringLiteral("xaby"));
    }

    void filtersTakeWildcardsLiterally_data() { addDestinations(); }
    void filtersTakeWildcardsLiterally()
    {
        const auto namesFor = [&](const QMap<QString, QString> &filters) {
            PageRequest request = itemsRequest();
            request.filters = filters;
            request.sortColumn = QStringLiteral("id");
            request.limit = 1000;
            QStringList names;
            for (const auto &row : m_browser->fetchPage(request).rows)
                names.append(row.value(1).toString());
            return names;
        };
        QCOMPARE(namesFor({{"name", "50%"}}), QStringList({"50% off"}));
        QCOMPARE(namesFor({{"name", "under_"}}), QStringList({"under_score"}));
        QCOMPARE(namesFor({{"name", "a!b"}}), QStringList({"a!b"}));
        QCOMPARE(namesFor({{"name", "it's"}}), QStringList({"it's"}));
        QCOMPARE(namesFor({{"name", "NAME 00"}}),
                 QStringList({"name 000", "name 001", "name 002", "name 003", "name 004", "name 005", "name 006"}));
        QCOMPARE(namesFor({{"id", "44"}}).size(), 14); // 44, 144, 244, 344, 440..449: numbers as text
        QCOMPARE(namesFor({{"id", "44"}, {"name", "name 44"}}).size(), 10);
        QCOMPARE(namesFor({{"name", ""}}).size(), kItems); // an empty filter is no filter
        QVERIFY(namesFor({{"name", "%"}}) == QStringList({"50% off"}));

        PageRequest request = itemsRequest();
        request.filters = {{"name", "name"}};
        request.limit = 200;
        request.offset = 400;
        const BrowserPage last = m_browser->fetchPage(request);
        QCOMPARE(last.rows.size(), kItems - 6 - 400);
        QVERIFY(!last.hasMore);
    }

    void filterOperators_data() { addDestinations(); }
    void filterOperators()
    {
        // Comparisons, ranges, null tests and LIKE (ColumnFilter), with values bound as
        // parameters and compared as the column's type: ">440" on a bigint is a number.
        const auto count = [&](const QString &column, const QString &filter) {
            PageRequest request = itemsRequest();
            request.filters = {{column, filter}};
            request.limit = 1000;
            return int(m_browser->fetchPage(request).rows.size());
        };
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral(">440")), 9);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral(">= 440")), 10);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("<3")), 3);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("<=2")), 3);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("=7")), 1);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("<>7")), kItems - 1);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("!=7")), kItems - 1);
        QCOMPARE(count(QStringLiteral("id"), QStringLiteral("10..12")), 3);
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("not null")), kItems);
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("is null")), 0);
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("like name 00_")), 7);
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("=it's")), 1);
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("'>5")), 0); // literally ">5", nowhere
        QCOMPARE(count(QStringLiteral("name"), QStringLiteral("'50%")), 1);

        // The exact count asks the database, with the same filters.
        PageRequest request = itemsRequest();
        QCOMPARE(m_browser->countRows(request), qint64(kItems));
        request.filters = {{QStringLiteral("id"), QStringLiteral(">440")},
                           {QStringLiteral("name"), QStringLiteral("44")}};
        QCOMPARE(m_browser->countRows(request), qint64(9));
        request.table = QStringLiteral("big");
        request.filters.clear();
        QCOMPARE(m_browser->countRows(request), qint64(kBigRows));
    }

    void exportsEveryRowPageByPage_data() { addDestinations(); }
    void exportsEveryRowPageByPage()
    {
        // Small pages, so that the export crosses many of them; the filters and order of the
        // grid apply; Cancel stops it between pages.
        const auto exported = [&](ExportFormat format, const QMap<QString, QString> &filters) {
            PageRequest request = itemsRequest();
            request.filters = filters;
            request.sortColumn = QStringLiteral("id");
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            const qint64 rows = exportRows(*m_browser, request, format, buffer, {}, 100);
            return std::make_pair(rows, buffer.data());
        };
        const auto [csvRows, csv] = exported(ExportFormat::Csv, {});
        QCOMPARE(csvRows, qint64(kItems));
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.size(), kItems + 2); // header, rows, and the empty piece after the last CRLF
        QVERIFY2(lines.first().startsWith("id,name,amount,flag"), lines.first().constData());
        QVERIFY(lines.at(1).startsWith("0,name 000,"));
        QVERIFY(csv.contains("\"50% off\"") || csv.contains(",50% off,")); // as RFC 4180 wants it

        const auto [jsonRows, jsonl] =
            exported(ExportFormat::JsonLines, {{QStringLiteral("id"), QStringLiteral(">440")}});
        QCOMPARE(jsonRows, qint64(9));
        const QList<QByteArray> objects = jsonl.trimmed().split('\n');
        QCOMPARE(objects.size(), 9);
        QCOMPARE(QJsonDocument::fromJson(objects.first()).object().value(QStringLiteral("id")).toInteger(), 441);

        const auto [tsvRows, tsv] = exported(ExportFormat::Tsv, {{QStringLiteral("name"), QStringLiteral("it's")}});
        QCOMPARE(tsvRows, qint64(1));
        QVERIFY2(tsv.startsWith("10\tit's\t"), tsv.constData());

        PageRequest request = itemsRequest();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        try {
            exportRows(
                *m_browser, request, ExportFormat::Csv, buffer, [](qint64 rows) { return rows < 200; }, 100);
            QFAIL("the export was not cancelled");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
    }

    void exactDecimals_data() { addDestinations(); }
    void exactDecimals()
    {
        PageRequest request = itemsRequest();
        request.filters = {{"id", "1"}};
        request.sortColumn = QStringLiteral("id");
        request.limit = 1;
        const QString amount = m_browser->fetchPage(request).rows.first().value(2).toString();
        QVERIFY2(amount.startsWith(QStringLiteral("12345678901234.1")), qPrintable(amount));
        // Where the database keeps decimals exactly, so does the browser (no trip through double).
        const auto items = findTable(m_browser->listTables(m_dataset), QStringLiteral("items"));
        if (items->column("amount")->dbType.startsWith(QLatin1String("numeric")))
            QCOMPARE(amount, QStringLiteral("12345678901234.123456789"));
    }

    void hostileNames_data() { addDestinations(); }
    void hostileNames()
    {
        const auto hostile = findTable(m_browser->listTables(m_dataset), kHostileTable);
        QVERIFY(hostile);
        QCOMPARE(hostile->rows, 3);
        QCOMPARE(hostile->columns.size(), 1);
        const QString column = hostile->columns.first().name;
        QCOMPARE(column.compare(kHostileColumn, Qt::CaseInsensitive), 0);
        QCOMPARE(hostile->columns.first().dltType, QStringLiteral("text"));
        PageRequest request;
        request.dataset = m_dataset;
        request.table = hostile->name;
        request.sortColumn = column;
        request.descending = true;
        QCOMPARE(m_browser->fetchPage(request).rows,
                 QList<QVariantList>({{QStringLiteral("one")}, {QStringLiteral("it's")}, {QStringLiteral("50%")}}));
        request.filters = {{column, "'"}};
        QCOMPARE(m_browser->fetchPage(request).rows, QList<QVariantList>({{QStringLiteral("it's")}}));
    }

    void refusesUnknownNames_data() { addDestinations(); }
    void refusesUnknownNames()
    {
        PageRequest request = itemsRequest();
        request.sortColumn = QStringLiteral("id\" DESC; --");
        try {
            m_browser->fetchPage(request);
            QFAIL("an unknown sort column must be refused");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
        }
        request = itemsRequest();
        request.table = QStringLiteral("no_such_table");
        QVERIFY_THROWS_EXCEPTION(UndefinedRelation, m_browser->fetchPage(request));
        QVERIFY_THROWS_EXCEPTION(UndefinedRelation, m_browser->listTables(QStringLiteral("no_such_dataset")));
        // The browser stays usable.
        QCOMPARE(m_browser->fetchPage(itemsRequest()).rows.size(), 200);
    }

    void loadHistoryCountsAndDeletesOneLoad_data() { addDestinations(); }
    void loadHistoryCountsAndDeletesOneLoad()
    {
        fillLoads();
        const QList<BrowserLoad> loads = m_browser->listLoads(m_dataset);
        QCOMPARE(loads.size(), 2);
        QCOMPARE(loads[0].loadId, QStringLiteral("2.5")); // newest first
        QCOMPARE(loads[1].loadId, QStringLiteral("1.5"));
        QCOMPARE(loads[0].schemaName, QStringLiteral("browse"));
        QCOMPARE(loads[0].status, 0);
        QVERIFY2(loads[0].insertedAt.contains(QStringLiteral("2026-01-02")), qPrintable(loads[0].insertedAt));
        QCOMPARE(loads[0].schemaVersionHash, QStringLiteral("browse-v1"));

        auto rowsOf = [](const QList<LoadTableRows> &all, const QString &table) -> qint64 {
            for (const auto &r : all)
                if (r.table.compare(table, Qt::CaseInsensitive) == 0)
                    return r.rows;
            return 0;
        };
        const QList<LoadTableRows> first = m_browser->countLoadRows(m_dataset, QStringLiteral("1.5"));
        QCOMPARE(rowsOf(first, QStringLiteral("orders")), 3);
        QCOMPARE(rowsOf(first, QStringLiteral("orders__lines")), 6);
        QCOMPARE(first.size(), 2); // tables without rows of the load are left out
        for (const auto &r : first)
            QCOMPARE(r.root.isEmpty(), r.table.compare(QStringLiteral("orders"), Qt::CaseInsensitive) == 0);

        PageRequest orders;
        orders.dataset = m_dataset;
        orders.table = QStringLiteral("orders");
        QCOMPARE(m_browser->deleteLoadRows(m_dataset, QStringLiteral("1.5")).size(), 2);
        QCOMPARE(m_browser->countLoadRows(m_dataset, QStringLiteral("1.5")).size(), 0);
        const QList<LoadTableRows> second = m_browser->countLoadRows(m_dataset, QStringLiteral("2.5"));
        QCOMPARE(rowsOf(second, QStringLiteral("orders")), 2);
        QCOMPARE(rowsOf(second, QStringLiteral("orders__lines")), 2);
        QCOMPARE(m_browser->countRows(orders), 2);
        const QList<BrowserLoad> left = m_browser->listLoads(m_dataset);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left[0].loadId, QStringLiteral("2.5"));
        // Read-only again: a page still reads, a load id with quotes is only a value.
        QCOMPARE(m_browser->fetchPage(orders).rows.size(), 2);
        QCOMPARE(m_browser->deleteLoadRows(m_dataset, QStringLiteral("2.5' OR '1'='1")).size(), 0);
        QCOMPARE(m_browser->countRows(orders), 2);
        // A dataset without _dlt_loads has no history (and no error).
        QVERIFY(m_browser->listLoads(m_dataset + QStringLiteral("_staging")).isEmpty());
    }

    void storedSchemaMatchesTheTables_data() { addDestinations(); }
    void storedSchemaMatchesTheTables()
    {
        // What dlt's DDL created reads back as dlt's types in every dialect: no differences.
        const QList<QByteArray> stored = m_browser->storedSchemas(m_dataset);
        QCOMPARE(stored.size(), 1);
        const Schema schema = Schema::fromJson(stored.first());
        QCOMPARE(schema.name, QStringLiteral("browse"));
        const SchemaView view = compareSchema(schema, m_browser->listTables(m_dataset));
        QStringList differences;
        for (const SchemaTableView &t : view.tables)
            for (const SchemaColumnView &c : t.columns)
                if (c.status != SchemaColumnView::Status::Ok)
                    differences << t.name + QLatin1Char('.') + c.name + QStringLiteral(": ") + c.dltType +
                                       QStringLiteral(" vs ") + c.dbType;
        QVERIFY2(view.differences == 0, qPrintable(differences.join(QStringLiteral("; "))));
        const auto items = std::find_if(view.tables.cbegin(), view.tables.cend(),
                                        [](const SchemaTableView &t) { return t.name == QLatin1String("items"); });
        QVERIFY(items != view.tables.cend() && items->inDatabase);
        QCOMPARE(items->columns.size(), 4);
        // orders__lines hangs from orders, right after it.
        int orders = -1;
        for (int i = 0; i < view.tables.size(); ++i)
            if (view.tables[i].name == QLatin1String("orders"))
                orders = i;
        QVERIFY(orders >= 0 && orders + 1 < view.tables.size());
        QCOMPARE(view.tables[orders + 1].parent, QStringLiteral("orders"));
        // A dataset without _dlt_version has no stored schema.
        QVERIFY(m_browser->storedSchemas(m_dataset + QStringLiteral("_staging")).isEmpty());
    }

    void consoleQueriesPageAndWritesNeedTheSwitch_data() { addDestinations(); }
    void consoleQueriesPageAndWritesNeedTheSwitch()
    {
        // A query typed in the console: unqualified names mean the dataset; pages, sorting,
        // filters and counts work on its result.
        PageRequest q;
        q.dataset = m_dataset;
        q.query = QStringLiteral("SELECT id, name FROM items WHERE id < 300");
        q.sortColumn = QStringLiteral("id");
        q.descending = true;
        q.limit = 120;
        QList<qint64> seen;
        for (;;) {
            const BrowserPage page = m_browser->fetchPage(q);
            QCOMPARE(page.columns, (QStringList{QStringLiteral("id"), QStringLiteral("name")}));
            seen += ids(page);
            if (!page.hasMore)
                break;
            q.offset += page.rows.size();
        }
        QCOMPARE(seen.size(), 300);
        QCOMPARE(seen.first(), 299);
        QCOMPARE(seen.last(), 0);
        QCOMPARE(m_browser->countRows(q), 300);
        q.filters[QStringLiteral("id")] = QStringLiteral(">= 290");
        QCOMPARE(m_browser->countRows(q), 10);

        // Statements: read-only unless allowed, and only for that statement.
        PageRequest count;
        count.dataset = m_dataset;
        count.query = QStringLiteral("SELECT count(*) AS n FROM items");
        const QString insert = QStringLiteral("INSERT INTO items (id, name) VALUES (100000, 'typed')");
        QVERIFY_THROWS_EXCEPTION(Error, m_browser->runStatement(m_dataset, insert, false, 100));
        QCOMPARE(m_browser->fetchPage(count).rows.first().first().toLongLong(), kItems);
        m_browser->runStatement(m_dataset, insert, true, 100);
        QCOMPARE(m_browser->fetchPage(count).rows.first().first().toLongLong(), kItems + 1);
        QVERIFY_THROWS_EXCEPTION(Error, m_browser->runStatement(m_dataset, insert, false, 100));
        // A statement with a result returns its columns and rows.
        const BrowserPage explain =
            m_browser->runStatement(m_dataset, QStringLiteral("EXPLAIN SELECT id FROM items"), false, 100);
        QVERIFY(!explain.columns.isEmpty());
        QVERIFY(!explain.rows.isEmpty());
        // A broken query says so; the browser still reads afterwards.
        PageRequest broken = count;
        broken.query = QStringLiteral("SELECT no_such_column FROM items");
        QVERIFY_THROWS_EXCEPTION(Error, m_browser->fetchPage(broken));
        QCOMPARE(m_browser->fetchPage(count).rows.first().first().toLongLong(), kItems + 1);
    }

    void cancelInterruptsAPage_data() { addDestinations(); }
    void cancelInterruptsAPage()
    {
        // A view that runs for many seconds: listing must not run it, fetching a page does.
        sql().execute(QStringLiteral("CREATE VIEW %1 AS %2")
                          .arg(sql().qualifiedTableName(QStringLiteral("slow")), dest().slowQuery));
        const auto slow = findTable(m_browser->listTables(m_dataset), QStringLiteral("slow"));
        QVERIFY(slow);
        QCOMPARE(slow->kind, BrowserTableKind::View);
        QCOMPARE(slow->rows, -1);
        PageRequest request = itemsRequest();
        request.table = QStringLiteral("slow");
        QElapsedTimer timer;
        timer.start();
        QThread *canceller = QThread::create([this] {
            QThread::msleep(300);
            m_browser->cancel();
        });
        canceller->start();
        ErrorKind kind = ErrorKind::Internal;
        try {
            m_browser->fetchPage(request);
        } catch (const Error &e) {
            kind = e.kind();
        }
        canceller->wait();
        delete canceller;
        QCOMPARE(kind, ErrorKind::Cancelled);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_browser->fetchPage(itemsRequest()).rows.size(), 200);
    }
};

namespace wharf::test {

int runBrowserSuite(int argc, char **argv)
{
    tst_BrowserConformance suite;
    return QTest::qExec(&suite, argc, argv);
}

} // namespace wharf::test

#include "BrowserSuite.moc"
