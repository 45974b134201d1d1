// The literals `wharf export --package` writes into insert_values files, read back by the
// load's own reader: NULL, booleans (also 0/1 from SQLite for a bool column), numbers, text
// with quotes, backslashes and line breaks (also a number in a text column), bytes, times.
#include "browse/PackageExport.h"
#include "formats/RowReader.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;

class tst_PackageExport : public QObject {
    Q_OBJECT
private slots:
    void literalsReadBackAsWritten()
    {
        struct Case {
            QVariant value;
            QString type;
            ValueKind kind;
            QByteArray text; ///< the Value's text, or its number/bool as text
        };
        const QList<Case> cases{
            {QVariant(), QStringLiteral("text"), ValueKind::Null, {}},
            {true, QStringLiteral("bool"), ValueKind::Bool, "1"},
            {qlonglong(0), QStringLiteral("bool"), ValueKind::Bool, "0"},
            {QStringLiteral("true"), QStringLiteral("bool"), ValueKind::Bool, "1"},
            {qlonglong(-42), QStringLiteral("bigint"), ValueKind::Int, "-42"},
            {2.5, QStringLiteral("double"), ValueKind::Double, "2.5"},
            {QStringLiteral("it's a \\ back\nslash\r"), QStringLiteral("text"), ValueKind::String,
             "it's a \\ back\nslash\r"},
            {qlonglong(7), QStringLiteral("text"), ValueKind::String, "7"},
            {QStringLiteral("Ünï 名"), QStringLiteral("text"), ValueKind::String, "Ünï 名"},
            {QByteArray("\x01\xff", 2), QStringLiteral("binary"), ValueKind::String, "\\x01ff"},
            {QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 6), Qt::UTC), QStringLiteral("timestamp"), ValueKind::String,
             "2024-01-02T03:04:05.006Z"},
        };
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.1.0.insert_values"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray header = "INSERT INTO {}(";
        QByteArray row = "(";
        for (int i = 0; i < cases.size(); ++i) {
            header += (i ? ",\"c" : "\"c") + QByteArray::number(i) + '"';
            row += (i ? "," : "") + insertValuesLiteral(cases[i].value, cases[i].type);
        }
        file.write(header + ")\nVALUES\n" + row + "),\n" + row + ");\n");
        file.close();

        const auto reader = openRowReader(path, FileFormat::InsertValues);
        RowBatch batch;
        QVERIFY(reader->readBatch(batch));
        QCOMPARE(batch.rowCount(), std::size_t(2));
        for (int i = 0; i < cases.size(); ++i) {
            const Value &v = batch.at(1, std::size_t(i));
            QVERIFY2(v.kind == cases[i].kind, qPrintable(QStringLiteral("column %1: kind %2").arg(i).arg(int(v.kind))));
            QByteArray got;
            if (v.kind == ValueKind::Bool)
                got = v.b ? "1" : "0";
            else if (v.kind == ValueKind::Int)
                got = QByteArray::number(qlonglong(v.i));
            else if (v.kind == ValueKind::Double)
                got = v.text.empty() ? QByteArray::number(v.d) : QByteArray::fromStdString(v.text);
            else
                got = QByteArray::fromStdString(v.text);
            QCOMPARE(got, cases[i].text);
        }
    }
};

QTEST_APPLESS_MAIN(tst_PackageExport)
#include "tst_PackageExport.moc"
