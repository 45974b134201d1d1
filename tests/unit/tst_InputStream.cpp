#include "ReaderTestHelpers.h"
#include "TestSupport.h"

#include "Error.h"
#include "formats/InputStream.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/resource.h>
#include <zlib.h>

using namespace wharf;
using namespace wharf::test;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Reads the whole stream the way parsers do: look at the window, consume part of it, refill.
QByteArray drain(InputStream &in, std::size_t step)
{
    QByteArray out;
    while (in.fill(in.available() + 1) > 0) {
        const std::size_t n = std::min(step, in.available());
        out.append(in.data(), qsizetype(n));
        in.consume(n);
    }
    return out;
}

QString formatsPath(const char *name)
{
    return dataPath(QStringLiteral("formats/") + QLatin1String(name));
}

} // namespace

class tst_InputStream : public QObject {
    Q_OBJECT

private slots:
    void readsContent_data();
    void readsContent();
    void emptyFile();
    void shortFiles_data();
    void shortFiles();
    void peekLineGrowsWindowForLongLine();
    void skipsBom();
    void largeMultiMemberGzip();
    void hugeRowIsRefusedWithBoundedMemory();
    void trailerIsChecked_data();
    void trailerIsChecked();
    void zeroPaddingBetweenMembers();
    void errors_data();
    void errors();
    void unreadableFile();
};

void tst_InputStream::readsContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("step");

    const QString iv = formatsPath("basic.insert_values");
    const QString csv = formatsPath("basic.csv");
    for (int window : {64, int(InputStream::kWindowSize)}) {
        for (int step : {1, 7, 100000}) {
            const QByteArray suffix = QByteArray(" w") + QByteArray::number(window) + " s" + QByteArray::number(step);
            QTest::newRow("plain" + suffix) << iv << iv << false << window << step;
            QTest::newRow("gzip" + suffix) << formatsPath("basic.insert_values.gz") << iv << true << window << step;
            QTest::newRow("gzip without .gz" + suffix)
                << formatsPath("gzip_no_ext.insert_values") << iv << true << window << step;
            QTest::newRow("plain named .gz" + suffix)
                << formatsPath("plain_named.insert_values.gz") << iv << false << window << step;
            QTest::newRow("two gzip members" + suffix) << formatsPath("concat.csv.gz") << csv << true << window << step;
        }
    }
}

void tst_InputStream::readsContent()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(bool, gzip);
    QFETCH(int, window);
    QFETCH(int, step);

    InputStream in(file, std::size_t(window));
    QCOMPARE(in.isGzip(), gzip);
    QCOMPARE(in.path(), file);
    QCOMPARE(in.fileSize(), QFileInfo(file).size());
    const QByteArray content = drain(in, std::size_t(step));
    QCOMPARE(content, fileBytes(expected));
    QVERIFY(in.atEnd());
    QCOMPARE(in.position(), qint64(content.size()));
    QCOMPARE(in.bytesConsumed(), in.fileSize());
}

void tst_InputStream::emptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.csv.gz"));
    QVERIFY(writeFile(path, {}));
    InputStream in(path);
    QVERIFY(!in.isGzip());
    QCOMPARE(in.fill(1), std::size_t(0));
    QVERIFY(in.atEnd());
    QCOMPARE(in.fileSize(), qint64(0));
    std::string_view line;
    QCOMPARE(in.peekLine(line), std::size_t(0));
}

void tst_InputStream::shortFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("one byte of the gzip magic") << QByteArray("\x1f", 1);
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("two bytes") << QByteArray("ab");
}

void tst_InputStream::shortFiles()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("short"));
    QVERIFY(writeFile(path, content));
    InputStream in(path);
    QVERIFY(!in.isGzip());
    QCOMPARE(drain(in, 1), content);
}

void tst_InputStream::peekLineGrowsWindowForLongLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("long.jsonl"));
    const QByteArray longLine(300000, 'x');
    QVERIFY(writeFile(path, "first\n" + longLine + "\r\nlast"));

    InputStream in(path, 4096);
    std::string_view line;
    std::size_t advance = in.peekLine(line);
    QCOMPARE(QByteArray(line.data(), qsizetype(line.size())), QByteArray("first"));
    in.consume(advance);
    advance = in.peekLine(line);
    QCOMPARE(advance, std::size_t(longLine.size() + 2));
    QCOMPARE(QByteArray(line.data(), qsizetype(line.size())), longLine + "\r");
    in.consume(advance);
    advance = in.peekLine(line);
    QCOMPARE(QByteArray(line.data(), qsizetype(line.size())), QByteArray("last"));
    QCOMPARE(advance, std::size_t(4));
    in.consume(advance);
    QCOMPARE(in.peekLine(line), std::size_t(0));
    QVERIFY(in.atEnd());
}

void tst_InputStream::skipsBom()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bom.csv"));
    QVERIFY(writeFile(path, "\xEF\xBB\xBF\"a\"\n1\n"));
    InputStream in(path);
    in.skipUtf8Bom();
    QCOMPARE(drain(in, 100), QByteArray("\"a\"\n1\n"));
}

void tst_InputStream::largeMultiMemberGzip()
{
    // Several MB through a small window, written as three gzip members (gzopen "ab" appends a
    // member each time), read back in odd-sized steps.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.jsonl.gz"));
    QByteArray expected;
    for (int member = 0; member < 3; ++member) {
        gzFile gz = gzopen(QFile::encodeName(path).constData(), member == 0 ? "wb" : "ab");
        QVERIFY(gz);
        QByteArray chunk;
        for (int i = 0; i < 60000; ++i)
            chunk += "{\"member\":" + QByteArray::number(member) + ",\"row\":" + QByteArray::number(i) + "}\n";
        QCOMPARE(gzwrite(gz, chunk.constData(), unsigned(chunk.size())), int(chunk.size()));
        QCOMPARE(gzclose(gz), Z_OK);
        expected += chunk;
    }

    InputStream in(path, 8192);
    QVERIFY(in.isGzip());
    qint64 lastProgress = 0;
    QByteArray content;
    while (in.fill(in.available() + 1) > 0) {
        const std::size_t n = std::min<std::size_t>(in.available(), 5000);
        content.append(in.data(), qsizetype(n));
        in.consume(n);
        QVERIFY(in.bytesConsumed() >= lastProgress);
        QVERIFY(in.bytesConsumed() <= in.fileSize());
        lastProgress = in.bytesConsumed();
    }
    QCOMPARE(content.size(), expected.size());
    QVERIFY(content == expected);
    QCOMPARE(in.bytesConsumed(), in.fileSize());
}

void tst_InputStream::errors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");

    QTest::newRow("corrupt gzip") << formatsPath("bad_corrupt.insert_values.gz") << QStringLiteral("corrupt gzip data");
    QTest::newRow("truncated gzip") << formatsPath("bad_truncated.insert_values.gz")
                                    << QStringLiteral("truncated gzip data");
    QTest::newRow("missing file") << formatsPath("no_such_file.insert_values") << QStringLiteral("cannot open file");
    QTest::newRow("directory") << dataPath(QStringLiteral("formats")) << QStringLiteral("cannot open file");
}

void tst_InputStream::errors()
{
    QFETCH(QString, file);
    QFETCH(QString, message);

    bool thrown = false;
    const Error e = catchError(
        [&] {
            InputStream in(file);
            drain(in, 1000);
        },
        thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, file);
    QVERIFY2(e.message().contains(message), qPrintable(e.message()));
}

void tst_InputStream::unreadableFile()
{
    // Root ignores file permissions (and CI runs as root), so make the file unreadable in a
    // way that holds for every user: a folder where a job file is expected.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.csv"));
    QVERIFY(QDir().mkpath(path));

    bool thrown = false;
    const Error e = catchError([&] { InputStream in(path); }, thrown);
    QVERIFY(thrown);
    QCOMPARE(errorKindName(e.kind()), QStringLiteral("terminal"));
    QCOMPARE(e.location().file, path);
    QVERIFY2(e.message().startsWith(QStringLiteral("cannot open file")), qPrintable(e.message()));
}

// A small gzip file that inflates into one 200 MB line (issue 9 found 2.3 GB of memory for
// 600 MB): refused with the limit named, the window never above kMaxWindow.
void tst_InputStream::hugeRowIsRefusedWithBoundedMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.jsonl.gz"));
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    QVERIFY(gz);
    const QByteArray block(1 << 20, 'x');
    QCOMPARE(gzwrite(gz, "{\"a\":\"", 6), 6);
    for (int k = 0; k < 200; ++k)
        QCOMPARE(gzwrite(gz, block.constData(), unsigned(block.size())), int(block.size()));
    QCOMPARE(gzclose(gz), Z_OK);
    QVERIFY(QFileInfo(path).size() < 2 * 1024 * 1024);

    InputStream in(path);
    std::string_view line;
    try {
        in.peekLine(line);
        QFAIL("a 200 MB row was accepted");
    } catch (const Error &e) {
        QVERIFY2(e.message().contains(QStringLiteral("longer than %1 MiB").arg(InputStream::kMaxWindow >> 20)),
                 qPrintable(e.fullText()));
        QCOMPARE(e.location().file, path);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    QVERIFY2(usage.ru_maxrss < 512 * 1024, qPrintable(QStringLiteral("peak RSS %1 KiB").arg(usage.ru_maxrss)));
}

namespace {

QByteArray gzipped(const QByteArray &content)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.gz"));
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    if (!gz)
        return {};
    gzwrite(gz, content.constData(), unsigned(content.size()));
    gzclose(gz);
    return fileBytes(path);
}

QString writeBytes(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("job.csv.gz"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

// The gzip trailer (CRC-32 and length of the content) is checked: a flipped bit in the data
// that still inflates, or in the trailer itself, is an error, never silently different rows.
void tst_InputStream::trailerIsChecked_data()
{
    QTest::addColumn<int>("fromEnd");
    QTest::newRow("crc") << 8;
    QTest::newRow("length") << 1;
}

void tst_InputStream::trailerIsChecked()
{
    QFETCH(int, fromEnd);
    QByteArray bytes = gzipped(QByteArray("id,name\n1,a\n2,b\n").repeated(50));
    QVERIFY(bytes.size() > 20);
    bytes[bytes.size() - fromEnd] = char(bytes[bytes.size() - fromEnd] ^ 0x01);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, bytes);
    bool thrown = false;
    const Error e = catchError(
        [&] {
            InputStream in(path, 64);
            drain(in, 7);
        },
        thrown);
    QVERIFY(thrown);
    QVERIFY2(e.message().contains(QStringLiteral("corrupt gzip data")), qPrintable(e.message()));
}

// Tools pad a finished gzip file with zero bytes (tape blocks); zcat skips them between members.
void tst_InputStream::zeroPaddingBetweenMembers()
{
    const QByteArray first("a,b\n1,2\n");
    const QByteArray second("3,4\n");
    const QByteArray bytes = gzipped(first) + QByteArray(9, '\0') + gzipped(second) + QByteArray(3, '\0');
    QTemporaryDir dir;
    const QString path = writeBytes(dir, bytes);
    InputStream in(path, 64);
    QCOMPARE(drain(in, 3), first + second);
    QCOMPARE(in.bytesConsumed(), in.fileSize());
}

QTEST_GUILESS_MAIN(tst_InputStream)
#include "tst_InputStream.moc"
