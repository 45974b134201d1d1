#include "ReaderTestHelpers.h"
#include "TestSupport.h"

#include "Error.h"
#include "formats/RowReader.h"

#include <QtTest>

using namespace wharf;
using namespace wharf::test;

class tst_RowReader : public QObject {
    Q_OBJECT

private slots:
    void formatNames_data();
    void formatNames();
    void unknownName();
    void unsupportedFormat_data();
    void unsupportedFormat();
    void opensEachReader_data();
    void opensEachReader();
};

void tst_RowReader::formatNames_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("insert_values") << int(FileFormat::InsertValues) << "insert_values";
    QTest::newRow("csv") << int(FileFormat::Csv) << "csv";
    QTest::newRow("jsonl") << int(FileFormat::Jsonl) << "jsonl";
    QTest::newRow("typed-jsonl") << int(FileFormat::TypedJsonl) << "typed-jsonl";
    QTest::newRow("parquet") << int(FileFormat::Parquet) << "parquet";
    QTest::newRow("model") << int(FileFormat::Model) << "model";
    QTest::newRow("sql") << int(FileFormat::Sql) << "sql";
    QTest::newRow("reference") << int(FileFormat::Reference) << "reference";
}

void tst_RowReader::formatNames()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    QCOMPARE(fileFormatName(FileFormat(format)), name);
    QCOMPARE(int(fileFormatFromName(name)), format);
}

void tst_RowReader::unknownName()
{
    QCOMPARE(int(fileFormatFromName(u"gz")), int(FileFormat::Unknown));
    QCOMPARE(int(fileFormatFromName(u"CSV")), int(FileFormat::Unknown));
    QCOMPARE(int(fileFormatFromName(u"")), int(FileFormat::Unknown));
}

void tst_RowReader::unsupportedFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("parquet") << int(FileFormat::Parquet);
    QTest::newRow("model") << int(FileFormat::Model);
    QTest::newRow("reference") << int(FileFormat::Reference);
    QTest::newRow("unknown") << int(FileFormat::Unknown);
}

void tst_RowReader::unsupportedFormat()
{
    QFETCH(int, format);
    const QString file = dataPath(QStringLiteral("formats/basic.csv"));
    bool thrown = false;
    const Error e = catchError([&] { openRowReader(file, FileFormat(format)); }, thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
    QVERIFY2(e.message().startsWith(QStringLiteral("unsupported file format")), qPrintable(e.message()));
}

void tst_RowReader::opensEachReader_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("rows");
    QTest::newRow("insert_values") << "basic.insert_values.gz" << int(FileFormat::InsertValues) << 6;
    QTest::newRow("csv") << "basic.csv.gz" << int(FileFormat::Csv) << 4;
    QTest::newRow("jsonl") << "basic.jsonl.gz" << int(FileFormat::Jsonl) << 3;
    QTest::newRow("typed-jsonl") << "basic.typed-jsonl.gz" << int(FileFormat::TypedJsonl) << 3;
}

void tst_RowReader::opensEachReader()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    QFETCH(int, rows);
    ReaderOptions options;
    options.tableColumns = QStringList{"id",     "name", "score", "flag", "payload", "tags", "big", "nothing",
                                       "amount", "ts",   "d",     "u",    "hex",     "b64",  "wei", "t"};
    const ReadResult r = readAll(dataPath(QStringLiteral("formats/") + file), FileFormat(format), options);
    QCOMPARE(int(r.rows.size()), rows);
    QCOMPARE(r.bytesConsumed, r.fileSize);
}

QTEST_GUILESS_MAIN(tst_RowReader)
#include "tst_RowReader.moc"
