#include "ReaderTestHelpers.h"
#include "TestSupport.h"

#include "Error.h"
#include "formats/InsertValuesReader.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace wharf;
using namespace wharf::test;

namespace {

QString s(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

class tst_InsertValuesReader : public QObject {
    Q_OBJECT

private slots:
    void basicFile_data();
    void basicFile();
    void literals_data();
    void wordsThatOnlyStartRight_data();
    void wordsThatOnlyStartRight();
    void literals();
    void emptyFile();
    void selectUnion();
    void realLabels();
    void realIssues();
    void badInput_data();
    void badInput();
    void missingFile();
    void everyTruncationIsAnError();
    void largeFileBatchByBatch();
};

void tst_InsertValuesReader::basicFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("batchRows");
    for (int batchRows : {1, 4, 2000}) {
        const QByteArray b = " batch " + QByteArray::number(batchRows);
        QTest::newRow("plain" + b) << formatsPath(QStringLiteral("basic.insert_values")) << batchRows;
        QTest::newRow("gzip" + b) << formatsPath(QStringLiteral("basic.insert_values.gz")) << batchRows;
        QTest::newRow("gzip without .gz" + b) << formatsPath(QStringLiteral("gzip_no_ext.insert_values")) << batchRows;
        QTest::newRow("plain named .gz" + b)
            << formatsPath(QStringLiteral("plain_named.insert_values.gz")) << batchRows;
    }
}

void tst_InsertValuesReader::basicFile()
{
    QFETCH(QString, file);
    QFETCH(int, batchRows);
    ReaderOptions options;
    options.batchRows = std::size_t(batchRows);
    const ReadResult r = readAll(file, FileFormat::InsertValues, options);

    QCOMPARE(r.columns, (QStringList{"id", "name", "score", "flag", "created_at", "payload", "we\"ird\\col", "big"}));
    QCOMPARE(r.rows.size(), std::size_t(6));
    QCOMPARE(r.batches, (6 + batchRows - 1) / batchRows);
    QCOMPARE(r.lines, (std::vector<qint64>{3, 4, 5, 6, 8, 9}));
    QCOMPARE(r.bytesConsumed, r.fileSize);

    auto row = [&](int i) {
        QStringList out;
        for (const Value &v : r.rows[std::size_t(i)])
            out << describe(v);
        return out;
    };
    QCOMPARE(row(0),
             (QStringList{"Int:1", "String:Alice", "Double:1.5|1.5", "Bool:true", "String:2018-12-06T07:29:53+00:00",
                          "String:{\"a\":1}", "String:it's", "Int:9223372036854775807"}));
    QCOMPARE(row(1), (QStringList{"Int:2", "Null", "Double:-0|-0.0", "Bool:false", "String:2024-01-02",
                                  "String:line1\nline2\r\ttab \\ back",
                                  QString::fromUtf8("String:AA\u00e9\U0001F600\b\f"), "Decimal:9223372036854775808"}));
    QVERIFY(std::signbit(r.rows[1][2].d));
    QCOMPARE(row(2),
             (QStringList{"Int:-3", "String:, NULL'); DROP TABLE x --", "Double:1e+20|1e+20", "Bool:true", "Null",
                          "String:\\x6869", QString::fromUtf8("String:caf\u00e9 \u00fc"), "Int:-9223372036854775808"}));
    QCOMPARE(row(3).at(1), QStringLiteral("String:multi\nline"));
    QVERIFY(std::isnan(r.rows[3][2].d));
    QCOMPARE(s(r.rows[3][2].text), QStringLiteral("nan"));
    QCOMPARE(row(3).mid(3),
             (QStringList{"Bool:false", "Null", "String:", "String:\\'", "Decimal:-99999999999999999999"}));
    QCOMPARE(row(4), (QStringList{"Int:5", "String:x", "Double:inf|inf", "Null", "Null", "Null", "Null", "Int:0"}));
    QCOMPARE(row(5), (QStringList{"Int:6", "String:y", "Double:-inf|-inf", "Null", "Null", "Null",
                                  "String:it's plain \\n", "Int:7"}));
}

void tst_InsertValuesReader::literals_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("expected");

    QTest::newRow("NULL") << QByteArray("NULL") << "Null";
    QTest::newRow("null lower") << QByteArray("null") << "Null";
    QTest::newRow("True") << QByteArray("True") << "Bool:true";
    QTest::newRow("false lower") << QByteArray("false") << "Bool:false";
    QTest::newRow("int") << QByteArray("42") << "Int:42";
    QTest::newRow("negative int") << QByteArray("-42") << "Int:-42";
    QTest::newRow("plus int") << QByteArray("+42") << "Int:42";
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << "Int:9223372036854775807";
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << "Int:-9223372036854775808";
    QTest::newRow("beyond int64") << QByteArray("18446744073709551616") << "Decimal:18446744073709551616";
    QTest::newRow("double") << QByteArray("3.25") << "Double:3.25|3.25";
    QTest::newRow("negative zero") << QByteArray("-0.0") << "Double:-0|-0.0";
    QTest::newRow("exponent") << QByteArray("1e+20") << "Double:1e+20|1e+20";
    QTest::newRow("small exponent") << QByteArray("1.5e-07") << "Double:1.4999999999999999e-07|1.5e-07";
    QTest::newRow("decimal exponent") << QByteArray("1E+2") << "Double:100|1E+2";
    QTest::newRow("inf") << QByteArray("inf") << "Double:inf|inf";
    QTest::newRow("-inf") << QByteArray("-inf") << "Double:-inf|-inf";
    QTest::newRow("beyond double") << QByteArray("1e999") << "Decimal:1e999";
    QTest::newRow("E string") << QByteArray("E'abc'") << "String:abc";
    QTest::newRow("empty E string") << QByteArray("E''") << "String:";
    QTest::newRow("doubled quote") << QByteArray("E'it''s'") << "String:it's";
    QTest::newRow("backslash quote") << QByteArray("E'it\\'s'") << "String:it's";
    QTest::newRow("backslash") << QByteArray("E'a\\\\b'") << "String:a\\b";
    QTest::newRow("backslash at end") << QByteArray("E'a\\\\'") << "String:a\\";
    QTest::newRow("newline escapes") << QByteArray("E'\\n\\r\\t\\b\\f'") << "String:\n\r\t\b\f";
    QTest::newRow("raw newline") << QByteArray("E'a\nb'") << "String:a\nb";
    QTest::newRow("hex escape") << QByteArray("E'\\x41\\x4a\\x7'") << "String:AJ\x07";
    QTest::newRow("octal escape") << QByteArray("E'\\101\\7x'") << "String:A\x07x";
    QTest::newRow("unicode escape") << QByteArray("E'\\u00e9\\U0001F600'")
                                    << QString::fromUtf8("String:\u00e9\U0001F600");
    QTest::newRow("surrogate pair") << QByteArray("E'\\uD83D\\uDE00'") << QString::fromUtf8("String:\U0001F600");
    QTest::newRow("raw utf-8") << QByteArray("E'\xc3\xa9\xe2\x82\xac'") << QString::fromUtf8("String:\u00e9\u20ac");
    QTest::newRow("other escape is literal") << QByteArray("E'a\\qb'") << "String:aqb";
    QTest::newRow("sql injection") << QByteArray("E', NULL''); DROP TABLE x --'") << "String:, NULL'); DROP TABLE x --";
    QTest::newRow("plain timestamp") << QByteArray("'2018-12-06T07:29:53+00:00'") << "String:2018-12-06T07:29:53+00:00";
    QTest::newRow("plain bytea") << QByteArray("'\\x6869'") << "String:\\x6869";
    QTest::newRow("plain doubled quote") << QByteArray("'a''b'") << "String:a'b";
    QTest::newRow("spaces around") << QByteArray("  7 ") << "Int:7";
    // The one-pass readers of dlt's common words and integers stop where the word stops.
    QTest::newRow("18 digits") << QByteArray("-999999999999999999") << "Int:-999999999999999999";
    QTest::newRow("19 digits") << QByteArray("1000000000000000000") << "Int:1000000000000000000";
    QTest::newRow("leading zeros") << QByteArray("007") << "Int:7";
    QTest::newRow("minus zero") << QByteArray("-0") << "Int:0";
    QTest::newRow("digits then a point") << QByteArray("12.5") << "Double:12.5|12.5";
    QTest::newRow("False") << QByteArray("False") << "Bool:false";
    QTest::newRow("TRUE upper") << QByteArray("TRUE") << "Bool:true";
    QTest::newRow("NaN") << QByteArray("NaN") << "Double:nan|NaN";
}

void tst_InsertValuesReader::literals()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.insert_values"));
    QVERIFY(writeFile(path, "INSERT INTO {}(\"v\",\"after\")\nVALUES\n(" + literal + ",E'end');"));
    const ReadResult r = readAll(path, FileFormat::InsertValues);
    QCOMPARE(r.rows.size(), std::size_t(1));
    QCOMPARE(describe(r.rows[0][0]), expected);
    QCOMPARE(describe(r.rows[0][1]), QStringLiteral("String:end"));
}

void tst_InsertValuesReader::wordsThatOnlyStartRight_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::newRow("Truex") << QByteArray("Truex");
    QTest::newRow("NULLS") << QByteArray("NULLS");
    QTest::newRow("Falsey") << QByteArray("Falsey");
    QTest::newRow("12abc") << QByteArray("12abc");
    QTest::newRow("lone minus") << QByteArray("-");
    QTest::newRow("--1") << QByteArray("--1");
}

void tst_InsertValuesReader::wordsThatOnlyStartRight()
{
    // A word that begins like True, NULL or an integer but goes on is an error naming it.
    QFETCH(QByteArray, literal);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.0.0.insert_values"));
    QVERIFY(writeFile(path, "INSERT INTO {}(\"v\",\"after\")\nVALUES\n(" + literal + ",E'end');"));
    try {
        readAll(path, FileFormat::InsertValues);
        QFAIL("accepted");
    } catch (const Error &e) {
        QCOMPARE(e.location().line, qint64(3));
        QCOMPARE(e.location().column, qint64(2));
        QVERIFY2(e.message().contains(QString::fromLatin1(literal)), qPrintable(e.message()));
    }
}

void tst_InsertValuesReader::emptyFile()
{
    const ReadResult r = readAll(formatsPath(QStringLiteral("empty.insert_values")), FileFormat::InsertValues);
    QCOMPARE(r.columns, (QStringList{"id", "name"}));
    QCOMPARE(r.rows.size(), std::size_t(0));
    QCOMPARE(r.batches, 0);
}

void tst_InsertValuesReader::selectUnion()
{
    const ReadResult r = readAll(formatsPath(QStringLiteral("select_union.insert_values")), FileFormat::InsertValues);
    QCOMPARE(r.columns, (QStringList{"id", "name"}));
    QCOMPARE(r.rows.size(), std::size_t(3));
    QCOMPARE(describe(r.rows[0][1]), QStringLiteral("String:a"));
    QCOMPARE(describe(r.rows[1][1]), QStringLiteral("Null"));
    QCOMPARE(describe(r.rows[2][0]), QStringLiteral("Int:3"));
    QCOMPARE(describe(r.rows[2][1]), QStringLiteral("String:c,'d'"));
    QCOMPARE(r.lines, (std::vector<qint64>{2, 3, 4}));
}

void tst_InsertValuesReader::realLabels()
{
    // dlt 1.26 output for 100 duckdb issues: package_info.json says 34 label rows.
    const QString file = realFile("issues__labels.c26f8c1531.0.insert_values");
    QVERIFY(!file.isEmpty());
    ReaderOptions options;
    options.batchRows = 10;
    const ReadResult r = readAll(file, FileFormat::InsertValues, options);
    QCOMPARE(r.columns, (QStringList{"id", "node_id", "url", "name", "color", "default", "description",
                                     "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"}));
    QCOMPARE(r.rows.size(), std::size_t(34));
    QCOMPARE(r.batches, 4);
    QCOMPARE(describe(r.rows[0][0]), QStringLiteral("Int:976002067"));
    QCOMPARE(describe(r.rows[0][3]), QStringLiteral("String:good first issue"));
    QCOMPARE(describe(r.rows[0][5]), QStringLiteral("Bool:true"));
    QCOMPARE(describe(r.rows[1][5]), QStringLiteral("Bool:false"));
    QCOMPARE(describe(r.rows[3][6]), QStringLiteral("String:"));
    QCOMPARE(describe(r.rows[4][6]), QStringLiteral("String:Something isn't working"));
    QCOMPARE(describe(r.rows[33][9]), QStringLiteral("String:o8XBPb7KlMvdtg"));
    QCOMPARE(r.lines.front(), qint64(3));
    QCOMPARE(r.lines.back(), qint64(36));
    QCOMPARE(r.bytesConsumed, r.fileSize);
}

void tst_InsertValuesReader::realIssues()
{
    const QString file = realFile("issues.8194f4afe9.0.insert_values");
    QVERIFY(!file.isEmpty());
    const ReadResult r = readAll(file, FileFormat::InsertValues);
    QCOMPARE(r.columns.size(), 74);
    QCOMPARE(r.rows.size(), std::size_t(100));
    const qsizetype title = r.columns.indexOf(QStringLiteral("title"));
    const qsizetype created = r.columns.indexOf(QStringLiteral("created_at"));
    const qsizetype number = r.columns.indexOf(QStringLiteral("number"));
    const qsizetype body = r.columns.indexOf(QStringLiteral("body"));
    QVERIFY(title >= 0 && created >= 0 && number >= 0 && body >= 0);
    QCOMPARE(describe(r.rows[0][std::size_t(title)]), QStringLiteral("String:Timestamp type + functions"));
    QCOMPARE(describe(r.rows[0][std::size_t(created)]), QStringLiteral("String:2018-12-06T07:29:53+00:00"));
    QCOMPARE(describe(r.rows[0][std::size_t(number)]), QStringLiteral("Int:71"));
    // Bodies are E'' strings with \n escapes; one row is a 16 KB markdown text.
    bool sawLongBody = false;
    for (const auto &row : r.rows) {
        const Value &v = row[std::size_t(body)];
        if (v.kind == ValueKind::String && v.text.size() > 16000 && v.text.find('\n') != std::string::npos)
            sawLongBody = true;
    }
    QVERIFY(sawLongBody);
}

void tst_InsertValuesReader::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("truncated inside a string")
        << formatsPath(QStringLiteral("bad_truncated_string.insert_values")) << qint64(5) << qint64(4)
        << QStringLiteral("unterminated string literal");
    QTest::newRow("truncated inside a row")
        << formatsPath(QStringLiteral("bad_truncated_row.insert_values")) << qint64(5) << qint64(5)
        << QStringLiteral("unexpected end of file inside a row");
    QTest::newRow("missing final semicolon") << formatsPath(QStringLiteral("bad_missing_semicolon.insert_values"))
                                             << qint64(4) << qint64(9) << QStringLiteral("the final ';' is missing");
    QTest::newRow("wrong value count after a multi-line row")
        << formatsPath(QStringLiteral("bad_wrong_count.insert_values")) << qint64(6) << qint64(1)
        << QStringLiteral("row has 3 values but the header has 2 columns");
    QTest::newRow("bad literal") << formatsPath(QStringLiteral("bad_literal.insert_values")) << qint64(4) << qint64(4)
                                 << QStringLiteral("'bogus'");
    QTest::newRow("not an insert_values file") << formatsPath(QStringLiteral("bad_header.insert_values")) << qint64(1)
                                               << qint64(1) << QStringLiteral("not an INSERT INTO header");
    QTest::newRow("truncated gzip") << formatsPath(QStringLiteral("bad_truncated.insert_values.gz")) << qint64(0)
                                    << qint64(0) << QStringLiteral("truncated gzip data");
    QTest::newRow("corrupt gzip") << formatsPath(QStringLiteral("bad_corrupt.insert_values.gz")) << qint64(0)
                                  << qint64(0) << QStringLiteral("corrupt gzip data");
}

void tst_InsertValuesReader::badInput()
{
    QFETCH(QString, file);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);

    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::InsertValues); }, thrown);
    QVERIFY(thrown);
    const QString mismatch = terminalErrorMismatch(e, file, line, column, message);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void tst_InsertValuesReader::missingFile()
{
    const QString file = formatsPath(QStringLiteral("nope.0.0.insert_values"));
    bool thrown = false;
    const Error e = catchError([&] { readAll(file, FileFormat::InsertValues); }, thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
    QVERIFY2(e.message().contains(QStringLiteral("cannot open file")), qPrintable(e.message()));
}

void tst_InsertValuesReader::everyTruncationIsAnError()
{
    // Cut the file after every byte: unless only the header (and VALUES) is left, which is a
    // valid file without rows, reading must fail with a located Terminal error, never hang,
    // crash or quietly return fewer rows.
    QFile source(formatsPath(QStringLiteral("basic.insert_values")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray full = source.readAll();
    const qsizetype firstNewline = full.indexOf('\n');
    const qsizetype headerEnd = full.indexOf("VALUES\n") + 7;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cut.0.0.insert_values"));
    for (qsizetype n = 0; n < full.size(); ++n) {
        QVERIFY(writeFile(path, full.left(n)));
        bool thrown = false;
        const Error e = catchError([&] { readAll(path, FileFormat::InsertValues); }, thrown);
        // The header line with or without its '\n', then also `VALUES` with or without it.
        const bool headerOnly = n == firstNewline || n == firstNewline + 1 || n == headerEnd - 1 || n == headerEnd;
        if (headerOnly) {
            QVERIFY2(!thrown, qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(e.fullText())));
            continue;
        }
        QVERIFY2(thrown, qPrintable(QStringLiteral("no error when cut at %1").arg(n)));
        QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
        QCOMPARE(e.location().file, path);
        QVERIFY(e.location().line >= 1);
        QVERIFY(e.location().column >= 1);
    }
}

void tst_InsertValuesReader::largeFileBatchByBatch()
{
    // 200k rows cross many 256 KiB windows; one 600 KB string forces the window to grow.
    constexpr int kRows = 200000;
    constexpr int kLongRow = 123457;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.0.0.insert_values"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("INSERT INTO {}(\"id\",\"name\",\"score\",\"note\")\nVALUES\n");
        QByteArray chunk;
        for (int i = 0; i < kRows; ++i) {
            if (i > 0)
                chunk += ",\n";
            chunk += '(' + QByteArray::number(i) + ",E'name ''" + QByteArray::number(i) + "''\\n',";
            chunk += QByteArray::number(i) + ".5,";
            if (i == kLongRow)
                chunk += "E'" + QByteArray(600000, 'z') + "')";
            else if (i % 1000 == 0)
                chunk += "E'two\nlines')";
            else
                chunk += "NULL)";
            if (chunk.size() > 1 << 20) {
                f.write(chunk);
                chunk.clear();
            }
        }
        chunk += ';';
        f.write(chunk);
    }

    ReaderOptions options;
    options.batchRows = 1000;
    const auto reader = openRowReader(path, FileFormat::InsertValues, options);
    RowBatch batch;
    int rows = 0;
    int batches = 0;
    qint64 expectedLine = 3;
    while (reader->readBatch(batch)) {
        ++batches;
        QCOMPARE(batch.rowCount(), std::size_t(1000));
        for (std::size_t r = 0; r < batch.rowCount(); ++r, ++rows) {
            const Value *row = batch.row(r);
            QCOMPARE(qint64(row[0].i), qint64(rows));
            QCOMPARE(batch.line(r), expectedLine);
            expectedLine += rows % 1000 == 0 ? 2 : 1;
            if (rows % 997 == 0) {
                QCOMPARE(s(row[1].text), QStringLiteral("name '%1'\n").arg(rows));
                QCOMPARE(row[2].d, rows + 0.5);
            }
            if (rows == kLongRow)
                QCOMPARE(row[3].text.size(), std::size_t(600000));
            else if (rows % 1000 == 0)
                QCOMPARE(s(row[3].text), QStringLiteral("two\nlines"));
            else
                QVERIFY(row[3].isNull());
        }
    }
    QCOMPARE(rows, kRows);
    QCOMPARE(batches, kRows / 1000);
    QCOMPARE(reader->bytesConsumed(), reader->fileSize());
}

QTEST_GUILESS_MAIN(tst_InsertValuesReader)
#include "tst_InsertValuesReader.moc"
