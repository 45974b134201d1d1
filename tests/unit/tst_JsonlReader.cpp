#include "ReaderTestHelpers.h"
#include "TestSupport.h"

#include "Error.h"
#include "formats/JsonlReader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

using namespace wharf;
using namespace wharf::test;

namespace {

const QStringList kBasicColumns{"id", "name", "score", "flag", "payload", "tags", "big", "nothing"};
const QStringList kTypedColumns{"id", "amount", "ts", "d", "u", "hex", "b64", "wei", "t"};
const QStringList kLabelColumns{"id",          "node_id",        "url",           "name",   "color", "default",
                                "description", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"};

ReaderOptions withColumns(const QStringList &columns, std::size_t batchRows = 2000)
{
    ReaderOptions options;
    options.tableColumns = columns;
    options.batchRows = batchRows;
    return options;
}

} // namespace

class tst_JsonlReader : public QObject {
    Q_OBJECT

private slots:
    void jsonl_data();
    void jsonl();
    void typedJsonl_data();
    void typedJsonl();
    void markers_data();
    void markers();
    void bigIntegers_data();
    void bigIntegers();
    void realTypedLabels();
    void realTypedIssuesMatchInsertValues();
    void badInput_data();
    void badInput();
    void missingFile();
    void largeFilesBatchByBatch_data();
    void largeFilesBatchByBatch();
};

void tst_JsonlReader::jsonl_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("batchRows");
    for (int batchRows : {1, 2, 2000}) {
        const QByteArray b = " batch " + QByteArray::number(batchRows);
        QTest::newRow("plain" + b) << formatsPath(QStringLiteral("basic.jsonl")) << batchRows;
        QTest::newRow("gzip" + b) << formatsPath(QStringLiteral("basic.jsonl.gz")) << batchRows;
    }
}

void tst_JsonlReader::jsonl()
{
    QFETCH(QString, file);
    QFETCH(int, batchRows);
    const ReadResult r = readAll(file, FileFormat::Jsonl, withColumns(kBasicColumns, std::size_t(batchRows)));
    QCOMPARE(r.columns, kBasicColumns);
    QCOMPARE(r.rows.size(), std::size_t(3));
    QCOMPARE(r.lines, (std::vector<qint64>{1, 3, 4})); // the empty line 2 is skipped
    QCOMPARE(r.bytesConsumed, r.fileSize);
    QCOMPARE(describeRow(r.rows[0]),
             (QStringList{"Int:1", "String:Alice", "Double:1.5|", "Bool:true", "Json:{\"a\":[1,2,{\"b\":null}]}",
                          "Json:[\"x\",\"y\"]", "Decimal:18446744073709551615", "Null"}));
    // Keys in another order; missing keys stay Null.
    QCOMPARE(describeRow(r.rows[1]), (QStringList{"Int:-2", QString::fromUtf8("String:Bob \"the\" builder\n\u00e9"),
                                                  "Double:-0|", "Bool:false", "Null", "Null", "Null", "Null"}));
    QVERIFY(std::signbit(r.rows[1][2].d));
    // Plain jsonl has no type markers: the string is kept as written.
    QCOMPARE(describeRow(r.rows[2]),
             (QStringList{"Int:3", QString::fromUtf8("String:\uf026not decoded in jsonl"), "Double:1e+20|", "Null",
                          "Null", "Null", "Int:9223372036854775807", "Null"}));
}

void tst_JsonlReader::typedJsonl_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("batchRows");
    for (int batchRows : {1, 2, 2000}) {
        const QByteArray b = " batch " + QByteArray::number(batchRows);
        QTest::newRow("plain" + b) << formatsPath(QStringLiteral("basic.typed-jsonl")) << batchRows;
        QTest::newRow("gzip" + b) << formatsPath(QStringLiteral("basic.typed-jsonl.gz")) << batchRows;
    }
}

void tst_JsonlReader::typedJsonl()
{
    QFETCH(QString, file);
    QFETCH(int, batchRows);
    const ReadResult r = readAll(file, FileFormat::TypedJsonl, withColumns(kTypedColumns, std::size_t(batchRows)));
    QCOMPARE(r.columns, kTypedColumns);
    QCOMPARE(r.rows.size(), std::size_t(3));
    QCOMPARE(r.batches, (3 + batchRows - 1) / batchRows);
    QCOMPARE(r.lines, (std::vector<qint64>{1, 1, 2}));
    QCOMPARE(describeRow(r.rows[0]),
             (QStringList{"Int:1", "Decimal:1.2345", "Timestamp:2024-01-02T03:04:05.123456+00:00", "Date:2024-01-02",
                          "String:550e8400-e29b-41d4-a716-446655440000", "Binary:6869", "Binary:6869",
                          "Decimal:1000000000000000000000", "Time:12:34:56.789"}));
    // Values that do not decode keep the raw string, marker included. `hex` uses a \u escape.
    QCOMPARE(describeRow(r.rows[1]), (QStringList{"Int:2", QString::fromUtf8("String:\uf026not-a-number"),
                                                  QString::fromUtf8("String:\uf027garbage"), "Null", "Null",
                                                  "Binary:00ff", "Null", "Null", "Null"}));
    QCOMPARE(describeRow(r.rows[2]),
             (QStringList{"Int:3", "Null", "Null", "Null", "String:plain", QString::fromUtf8("String:\uf02azz"),
                          QString::fromUtf8("String:\uf02b!!!"), "Null", QString::fromUtf8("String:\uf02d")}));
}

void tst_JsonlReader::markers_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("decimal") << QString::fromUtf8("\uf026-12.50") << "Decimal:-12.50";
    QTest::newRow("decimal exponent") << QString::fromUtf8("\uf0261E+2") << "Decimal:1E+2";
    QTest::newRow("decimal NaN") << QString::fromUtf8("\uf026NaN") << "Decimal:NaN";
    QTest::newRow("datetime") << QString::fromUtf8("\uf0272024-04-05T09:16:59.942779Z")
                              << "Timestamp:2024-04-05T09:16:59.942779Z";
    QTest::newRow("datetime space") << QString::fromUtf8("\uf0272024-04-05 09:16:59")
                                    << "Timestamp:2024-04-05 09:16:59";
    QTest::newRow("date") << QString::fromUtf8("\uf0281999-12-31") << "Date:1999-12-31";
    QTest::newRow("bad date") << QString::fromUtf8("\uf02819991231") << QString::fromUtf8("String:\uf02819991231");
    QTest::newRow("uuid") << QString::fromUtf8("\uf029abc") << "String:abc";
    QTest::newRow("hex") << QString::fromUtf8("\uf02adeadBEEF") << "Binary:deadbeef";
    QTest::newRow("hex odd length") << QString::fromUtf8("\uf02aabc") << QString::fromUtf8("String:\uf02aabc");
    QTest::newRow("base64") << QString::fromUtf8("\uf02baGVsbG8gd29ybGQ=") << "Binary:68656c6c6f20776f726c64";
    QTest::newRow("base64 no padding") << QString::fromUtf8("\uf02baGk") << "Binary:6869";
    // dlt writes b"" as the bare marker but reads it back as this one-character string (and so
    // stores it in a text variant column); a binary column takes it as b"" (tst_Coerce).
    QTest::newRow("lone bytes marker stays a string")
        << QString::fromUtf8("\uf02b") << QString::fromUtf8("String:\uf02b");
    QTest::newRow("lone decimal marker") << QString::fromUtf8("\uf026") << QString::fromUtf8("String:\uf026");
    QTest::newRow("wei") << QString::fromUtf8("\uf02c-340282366920938463463374607431768211456")
                         << "Decimal:-340282366920938463463374607431768211456";
    QTest::newRow("wei not integer") << QString::fromUtf8("\uf02c1.5") << QString::fromUtf8("String:\uf02c1.5");
    QTest::newRow("time") << QString::fromUtf8("\uf02d23:59:59.999999") << "Time:23:59:59.999999";
    QTest::newRow("marker U+F025 is not a marker")
        << QString::fromUtf8("\uf025x") << QString::fromUtf8("String:\uf025x");
    QTest::newRow("marker U+F02E is not a marker")
        << QString::fromUtf8("\uf02ex") << QString::fromUtf8("String:\uf02ex");
    QTest::newRow("marker not first") << QString::fromUtf8("a\uf026") << QString::fromUtf8("String:a\uf026");
}

void tst_JsonlReader::markers()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.typed-jsonl"));
    QVERIFY(writeFile(path, "[{\"v\":\"" + json.toUtf8() + "\"}]\n"));
    const ReadResult r = readAll(path, FileFormat::TypedJsonl, withColumns({"v"}));
    QCOMPARE(r.rows.size(), std::size_t(1));
    QCOMPARE(describe(r.rows[0][0]), expected);
}

void tst_JsonlReader::bigIntegers_data()
{
    QTest::addColumn<bool>("typed");
    QTest::newRow("jsonl") << false;
    QTest::newRow("typed-jsonl") << true;
}

void tst_JsonlReader::bigIntegers()
{
    // Python writes ints of any size; simdjson stops at 64 bits. They must come out as Decimal
    // text, and numbers inside strings must stay untouched.
    QFETCH(bool, typed);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.jsonl"));
    const QByteArray row = "{\"id\":123456789012345678901234567890,\"name\":\"n 99999999999999999999999 "
                           "\\\"q\\\" -1\",\"big\":-99999999999999999999,\"score\":1e5,"
                           "\"n\":18446744073709551615}";
    QVERIFY(writeFile(path, typed ? "[" + row + "]\n" : row + "\n"));
    const ReadResult r = readAll(path, typed ? FileFormat::TypedJsonl : FileFormat::Jsonl,
                                 withColumns({"id", "name", "big", "score", "n"}));
    QCOMPARE(r.rows.size(), std::size_t(1));
    QCOMPARE(describeRow(r.rows[0]),
             (QStringList{"Decimal:123456789012345678901234567890", "String:n 99999999999999999999999 \"q\" -1",
                          "Decimal:-99999999999999999999", "Double:100000|", "Decimal:18446744073709551615"}));
}

void tst_JsonlReader::realTypedLabels()
{
    const QString file = realFile("issues__labels.ffa22c1636.0.typed-jsonl");
    QVERIFY(!file.isEmpty());
    const ReadResult r = readAll(file, FileFormat::TypedJsonl, withColumns(kLabelColumns, 10));
    QCOMPARE(r.rows.size(), std::size_t(34)); // package_info.json row_counts
    QCOMPARE(r.batches, 4);
    QCOMPARE(describe(r.rows[0][0]), QStringLiteral("Int:976002067"));
    QCOMPARE(describe(r.rows[0][3]), QStringLiteral("String:good first issue"));
    QCOMPARE(describe(r.rows[0][5]), QStringLiteral("Bool:true"));
    QCOMPARE(describe(r.rows[4][6]), QStringLiteral("String:Something isn't working"));
    QCOMPARE(describe(r.rows[1][8]), QStringLiteral("Int:1"));
    QCOMPARE(r.lines.back(), qint64(1)); // one flush, one line
}

void tst_JsonlReader::realTypedIssuesMatchInsertValues()
{
    // The same 100 issues as dlt wrote them twice: typed-jsonl (sqlalchemy) and insert_values
    // (postgres). Text columns must come out identical from both readers.
    const ReadResult iv = readAll(realFile("issues.8194f4afe9.0.insert_values"), FileFormat::InsertValues);
    const ReadResult tj =
        readAll(realFile("issues.2a8305b734.0.typed-jsonl"), FileFormat::TypedJsonl, withColumns(iv.columns, 33));
    QCOMPARE(tj.rows.size(), std::size_t(100));
    QCOMPARE(tj.columns, iv.columns);

    const auto col = [&](const char *name) { return std::size_t(iv.columns.indexOf(QLatin1String(name))); };
    std::map<qint64, const std::vector<Value> *> byNumber;
    for (const auto &row : iv.rows)
        byNumber[row[col("number")].i] = &row;
    for (const auto &row : tj.rows) {
        const auto it = byNumber.find(row[col("number")].i);
        QVERIFY(it != byNumber.end());
        const std::vector<Value> &other = *it->second;
        for (const char *name : {"title", "body", "user__login", "state", "author_association"})
            QCOMPARE(describe(row[col(name)]), describe(other[col(name)]));
        // typed-jsonl marks datetimes; insert_values writes them as plain '...' literals.
        const Value &created = row[col("created_at")];
        QCOMPARE(describe(created),
                 QStringLiteral("Timestamp:") + QString::fromStdString(other[col("created_at")].text));
    }
}

void tst_JsonlReader::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("typed");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("line is not an object") << formatsPath(QStringLiteral("bad_not_object.jsonl")) << false << qint64(2)
                                           << QString() << QStringLiteral("line is not a JSON object");
    QTest::newRow("unknown key") << formatsPath(QStringLiteral("bad_unknown_key.jsonl")) << false << qint64(3)
                                 << QStringLiteral("bogus") << QStringLiteral("unknown column");
    QTest::newRow("invalid json") << formatsPath(QStringLiteral("bad_invalid.jsonl")) << false << qint64(2) << QString()
                                  << QStringLiteral("invalid JSON");
    QTest::newRow("typed line is not an array") << formatsPath(QStringLiteral("bad_not_array.typed-jsonl")) << true
                                                << qint64(2) << QString() << QStringLiteral("not a JSON array");
    QTest::newRow("typed item is not an object")
        << formatsPath(QStringLiteral("bad_item.typed-jsonl")) << true << qint64(1) << QString()
        << QStringLiteral("item 2 of the line's array is not a JSON object");
}

void tst_JsonlReader::badInput()
{
    QFETCH(QString, file);
    QFETCH(bool, typed);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    QFETCH(QString, message);

    bool thrown = false;
    const Error e = catchError(
        [&] {
            readAll(file, typed ? FileFormat::TypedJsonl : FileFormat::Jsonl, withColumns({"id", "name"}));
        },
        thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
    QCOMPARE(e.location().line, line);
    QCOMPARE(e.location().field, field);
    QVERIFY2(e.message().contains(message), qPrintable(e.message()));
}

void tst_JsonlReader::missingFile()
{
    const QString file = formatsPath(QStringLiteral("nope.0.0.jsonl"));
    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::Jsonl, withColumns({"id"})); }, thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
}

void tst_JsonlReader::largeFilesBatchByBatch_data()
{
    QTest::addColumn<bool>("typed");
    QTest::newRow("jsonl") << false;
    QTest::newRow("typed-jsonl, 5000 rows per line") << true;
}

void tst_JsonlReader::largeFilesBatchByBatch()
{
    QFETCH(bool, typed);
    constexpr int kRows = 200000;
    constexpr int kPerLine = 5000; // dlt's default buffer_max_items: one typed-jsonl line
    QTemporaryDir dir;
    const QString path = dir.filePath(typed ? QStringLiteral("big.0.0.typed-jsonl") : QStringLiteral("big.0.0.jsonl"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray chunk;
        for (int i = 0; i < kRows; ++i) {
            const QByteArray row = "{\"id\":" + QByteArray::number(i) + ",\"name\":\"n" + QByteArray::number(i) +
                                   "\",\"score\":" + QByteArray::number(i) + ".25}";
            if (!typed) {
                chunk += row + '\n';
            } else {
                chunk += (i % kPerLine == 0 ? "[" : ",") + row;
                if (i % kPerLine == kPerLine - 1)
                    chunk += "]\n";
            }
            if (chunk.size() > 1 << 20) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
    }

    const auto reader = openRowReader(path, typed ? FileFormat::TypedJsonl : FileFormat::Jsonl,
                                      withColumns({"id", "name", "score"}, 2000));
    RowBatch batch;
    int rows = 0;
    int batches = 0;
    while (reader->readBatch(batch)) {
        ++batches;
        QCOMPARE(batch.rowCount(), std::size_t(2000));
        for (std::size_t r = 0; r < batch.rowCount(); ++r, ++rows) {
            const Value *row = batch.row(r);
            QCOMPARE(qint64(row[0].i), qint64(rows));
            QCOMPARE(batch.line(r), typed ? qint64(rows / kPerLine + 1) : qint64(rows + 1));
            if (rows % 997 == 0) {
                QCOMPARE(QString::fromStdString(row[1].text), QStringLiteral("n%1").arg(rows));
                QCOMPARE(row[2].d, rows + 0.25);
            }
        }
    }
    QCOMPARE(rows, kRows);
    QCOMPARE(batches, kRows / 2000);
    QCOMPARE(reader->bytesConsumed(), reader->fileSize());
}

QTEST_GUILESS_MAIN(tst_JsonlReader)
#include "tst_JsonlReader.moc"
