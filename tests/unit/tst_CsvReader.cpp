#include "ReaderTestHelpers.h"
#include "TestSupport.h"

#include "Error.h"
#include "formats/CsvReader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace wharf;
using namespace wharf::test;

namespace {} // namespace

class tst_CsvReader : public QObject {
    Q_OBJECT

private slots:
    void basicFile_data();
    void basicFile();
    void headerOnly();
    void emptyFile();
    void fields_data();
    void fields();
    void realLabels();
    void realIssuesInTwoFiles();
    void badInput_data();
    void badInput();
    void missingFile();
    void largeFileBatchByBatch();
    void delimiterAndNoHeader();
};

// [destination.<name>.csv_format]: '|' as delimiter, no header line (the first record is data
// and fills the table's columns in order), a '|' inside quotes is data.
void tst_CsvReader::delimiterAndNoHeader()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("items.0.0.csv"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1|\"a | b\"|x\n2||\n");
    f.close();
    ReaderOptions options;
    options.tableColumns = {QStringLiteral("id"), QStringLiteral("text"), QStringLiteral("tag"),
                            QStringLiteral("_dlt_id")};
    options.csv.delimiter = '|';
    options.csv.includeHeader = false;
    const ReadResult r = readAll(file, FileFormat::Csv, options);
    QCOMPARE(r.columns, (QStringList{"id", "text", "tag"}));
    QCOMPARE(r.rows.size(), std::size_t(2));
    QCOMPARE(describe(r.rows[0][1]), QStringLiteral("String:a | b"));
    QCOMPARE(describe(r.rows[1][2]), QStringLiteral("String:"));
    QCOMPARE(r.lines, (std::vector<qint64>{1, 2}));

    // More fields than the table has columns: refused, naming the setting.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("1|2|3|4|5\n");
    f.close();
    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::Csv, options); }, thrown);
    QVERIFY(thrown);
    QVERIFY2(e.message().contains(QStringLiteral("include_header = false")), qPrintable(e.message()));
}

void tst_CsvReader::basicFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("batchRows");
    for (int batchRows : {1, 3, 2000}) {
        const QByteArray b = " batch " + QByteArray::number(batchRows);
        QTest::newRow("plain" + b) << formatsPath(QStringLiteral("basic.csv")) << batchRows;
        QTest::newRow("crlf, no final newline" + b) << formatsPath(QStringLiteral("crlf.csv")) << batchRows;
        QTest::newRow("gzip" + b) << formatsPath(QStringLiteral("basic.csv.gz")) << batchRows;
        QTest::newRow("two gzip members" + b) << formatsPath(QStringLiteral("concat.csv.gz")) << batchRows;
    }
}

void tst_CsvReader::basicFile()
{
    QFETCH(QString, file);
    QFETCH(int, batchRows);
    ReaderOptions options;
    options.batchRows = std::size_t(batchRows);
    const ReadResult r = readAll(file, FileFormat::Csv, options);

    QCOMPARE(r.columns, (QStringList{"id", "name", "note", "empty"}));
    QCOMPARE(r.rows.size(), std::size_t(4));
    QCOMPARE(r.batches, (4 + batchRows - 1) / batchRows);
    QCOMPARE(r.lines, (std::vector<qint64>{2, 3, 5, 6}));
    QCOMPARE(r.bytesConsumed, r.fileSize);

    const bool crlf = file.endsWith(QStringLiteral("crlf.csv"));
    QCOMPARE(describeRow(r.rows[0]), (QStringList{"String:1", "String:Alice", "String:say \"hi\"", "String:"}));
    QCOMPARE(describeRow(r.rows[1]),
             (QStringList{"String:2", "String:Bob", crlf ? "String:multi\r\nline note" : "String:multi\nline note",
                          "String:"}));
    QCOMPARE(describeRow(r.rows[2]), (QStringList{"String:3", "String:plain", "String:comma, inside", "String:x"}));
    QCOMPARE(describeRow(r.rows[3]),
             (QStringList{"String:-4", QString::fromUtf8("String:\u00fcn\u00efc\u00f6d\u00e9"), "String:", "String:"}));
}

void tst_CsvReader::headerOnly()
{
    const ReadResult r = readAll(formatsPath(QStringLiteral("header_only.csv")), FileFormat::Csv);
    QCOMPARE(r.columns, (QStringList{"id", "name"}));
    QCOMPARE(r.rows.size(), std::size_t(0));
    QCOMPARE(r.batches, 0);
}

void tst_CsvReader::emptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.csv"));
    QVERIFY(writeFile(path, {}));
    ReaderOptions options;
    options.tableColumns = QStringList{"a", "b"};
    const ReadResult r = readAll(path, FileFormat::Csv, options);
    QCOMPARE(r.columns, options.tableColumns);
    QCOMPARE(r.rows.size(), std::size_t(0));
}

void tst_CsvReader::fields_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("unquoted") << QByteArray("a,b") << QStringList{"String:a", "String:b"};
    QTest::newRow("quoted") << QByteArray("\"a\",\"b\"") << QStringList{"String:a", "String:b"};
    QTest::newRow("empty and quoted empty") << QByteArray(",\"\"") << QStringList{"String:", "String:"};
    QTest::newRow("doubled quotes") << QByteArray("\"\"\"\",\"a\"\"b\"") << QStringList{"String:\"", "String:a\"b"};
    QTest::newRow("delimiter and newlines inside quotes")
        << QByteArray("\"x,\ny\",\"\r\n\"") << QStringList{"String:x,\ny", "String:\r\n"};
    QTest::newRow("sql-looking text") << QByteArray("\", NULL'); DROP TABLE x --\",'")
                                      << QStringList{"String:, NULL'); DROP TABLE x --", "String:'"};
    QTest::newRow("backslashes are plain")
        << QByteArray("\"a\\\\b\",\\n") << QStringList{"String:a\\\\b", "String:\\n"};
    QTest::newRow("numbers and booleans stay text")
        << QByteArray("-0.0,True") << QStringList{"String:-0.0", "String:True"};
    QTest::newRow("utf-8") << QByteArray("\"\xe2\x82\xac\",\xf0\x9f\x98\x80")
                           << QStringList{QString::fromUtf8("String:\u20ac"), QString::fromUtf8("String:\U0001F600")};
    QTest::newRow("json text") << QByteArray("\"{\"\"a\"\": [1, 2]}\",1")
                               << QStringList{"String:{\"a\": [1, 2]}", "String:1"};
}

void tst_CsvReader::fields()
{
    QFETCH(QByteArray, record);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.csv"));
    QVERIFY(writeFile(path, "\"a\",\"b\"\n" + record + "\n"));
    const ReadResult r = readAll(path, FileFormat::Csv);
    QCOMPARE(r.rows.size(), std::size_t(1));
    QCOMPARE(describeRow(r.rows[0]), expected);
}

void tst_CsvReader::realLabels()
{
    // package_info.json of gh_issues_csv miscounts this table; dlt loaded 34 rows
    // (expected/gh_issues_csv/counts.json), the same as the insert_values package.
    const QString file = realFile("issues__labels.6580064aae.0.csv");
    QVERIFY(!file.isEmpty());
    ReaderOptions options;
    options.batchRows = 16;
    const ReadResult r = readAll(file, FileFormat::Csv, options);
    QCOMPARE(r.columns, (QStringList{"id", "node_id", "url", "name", "color", "default", "description",
                                     "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"}));
    QCOMPARE(r.rows.size(), std::size_t(34));
    QCOMPARE(r.batches, 3);
    QCOMPARE(describe(r.rows[0][0]), QStringLiteral("String:976002067"));
    QCOMPARE(describe(r.rows[0][3]), QStringLiteral("String:good first issue"));
    QCOMPARE(describe(r.rows[0][5]), QStringLiteral("String:True"));
    QCOMPARE(describe(r.rows[3][6]), QStringLiteral("String:"));
    QCOMPARE(describe(r.rows[4][6]), QStringLiteral("String:Something isn't working"));
    QCOMPARE(r.lines.front(), qint64(2));
    QCOMPARE(r.bytesConsumed, r.fileSize);
}

void tst_CsvReader::realIssuesInTwoFiles()
{
    // `issues` was written in two files because a column appeared mid-way: 8 + 92 rows.
    const ReadResult first = readAll(realFile("issues.05ffdcdbb8.0.csv"), FileFormat::Csv);
    const ReadResult second = readAll(realFile("issues.c19c6a9595.0.csv"), FileFormat::Csv);
    QCOMPARE(first.rows.size() + second.rows.size(), std::size_t(100));
    QCOMPARE(first.rows.size(), std::size_t(8));
    QCOMPARE(first.columns.size(), 68);
    QCOMPARE(second.columns.size(), 74);
    const qsizetype title = first.columns.indexOf(QStringLiteral("title"));
    QVERIFY(title >= 0);
    QCOMPARE(describe(first.rows[0][std::size_t(title)]), QStringLiteral("String:Timestamp type + functions"));
    // Markdown bodies carry raw line breaks inside quoted fields: rows span many lines.
    QVERIFY(second.lines.back() > qint64(second.rows.size()) + 100);
}

void tst_CsvReader::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("wrong field count after a multi-line row")
        << formatsPath(QStringLiteral("bad_wrong_count.csv")) << qint64(3) << qint64(1)
        << QStringLiteral("row has 3 fields but the header has 4");
    QTest::newRow("unterminated quoted field") << formatsPath(QStringLiteral("bad_unterminated.csv")) << qint64(3)
                                               << qint64(3) << QStringLiteral("unterminated quoted field");
    QTest::newRow("text after closing quote") << formatsPath(QStringLiteral("bad_quote.csv")) << qint64(2) << qint64(8)
                                              << QStringLiteral("after a closing quote");
}

void tst_CsvReader::badInput()
{
    QFETCH(QString, file);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);

    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::Csv); }, thrown);
    QVERIFY(thrown);
    const QString mismatch = terminalErrorMismatch(e, file, line, column, message);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void tst_CsvReader::missingFile()
{
    const QString file = formatsPath(QStringLiteral("nope.0.0.csv.gz"));
    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::Csv); }, thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
}

void tst_CsvReader::largeFileBatchByBatch()
{
    constexpr int kRows = 200000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.0.0.csv"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\"id\",\"name\",\"note\"\n");
        QByteArray chunk;
        for (int i = 0; i < kRows; ++i) {
            chunk += QByteArray::number(i) + ",\"name \"\"" + QByteArray::number(i) + "\"\"\",";
            chunk += i % 1000 == 0 ? "\"two\nlines\"\n" : "\n";
            if (chunk.size() > 1 << 20) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
    }

    ReaderOptions options;
    options.batchRows = 1000;
    const auto reader = openRowReader(path, FileFormat::Csv, options);
    RowBatch batch;
    int rows = 0;
    int batches = 0;
    qint64 expectedLine = 2;
    while (reader->readBatch(batch)) {
        ++batches;
        QCOMPARE(batch.rowCount(), std::size_t(1000));
        for (std::size_t r = 0; r < batch.rowCount(); ++r, ++rows) {
            const Value *row = batch.row(r);
            QCOMPARE(QString::fromStdString(row[0].text), QString::number(rows));
            QCOMPARE(batch.line(r), expectedLine);
            expectedLine += rows % 1000 == 0 ? 2 : 1;
            if (rows % 1000 == 0)
                QCOMPARE(QString::fromStdString(row[2].text), QStringLiteral("two\nlines"));
            else
                QVERIFY(row[2].text.empty());
            if (rows % 997 == 0)
                QCOMPARE(QString::fromStdString(row[1].text), QStringLiteral("name \"%1\"").arg(rows));
        }
    }
    QCOMPARE(rows, kRows);
    QCOMPARE(batches, kRows / 1000);
    QCOMPARE(reader->bytesConsumed(), reader->fileSize());
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_CsvReader.moc"
