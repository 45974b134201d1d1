#include "FuzzSupport.h"

#include "Error.h"
#include "load/Coerce.h"
#include "schema/Schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <vector>

namespace wharf::fuzz {

QString writeInput(const std::uint8_t *data, std::size_t size, const char *suffix)
{
    const QString path = QDir::temp().filePath(
        QStringLiteral("wharf-fuzz-%1.%2").arg(QCoreApplication::applicationPid()).arg(QLatin1String(suffix)));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write the fuzz input %s", qPrintable(path));
    f.write(reinterpret_cast<const char *>(data), qint64(size));
    return path;
}

namespace {

// One column of every dlt type, each with the coercions a load job may use.
std::vector<Coercer> everyType()
{
    static const DataType types[] = {DataType::Text,   DataType::Double, DataType::Bool, DataType::Timestamp,
                                     DataType::Bigint, DataType::Binary, DataType::Json, DataType::Decimal,
                                     DataType::Date,   DataType::Time,   DataType::Wei};
    std::vector<Coercer> out;
    for (const DataType t : types) {
        for (const bool csvLike : {false, true}) {
            Column c;
            c.name = QStringLiteral("c_%1").arg(dataTypeName(t));
            c.dataType = t;
            c.nullable = true;
            Coercer::Options o;
            o.emptyIsNull = csvLike;
            o.nativeBool = !csvLike;
            o.base64Binary = csvLike;
            o.temporal = csvLike ? TemporalStyle::SqliteUtc : o.temporal;
            // SQLite's options: json as Python writes it, temporal precision hints ignored.
            o.pythonJson = csvLike;
            o.ignoreTemporalPrecision = csvLike;
            out.emplace_back(c, o);
        }
    }
    return out;
}

} // namespace

void readAndCoerce(const QString &path, FileFormat format, const QStringList &columns)
{
    static std::vector<Coercer> coercers = everyType();
    try {
        ReaderOptions options;
        options.tableColumns = columns;
        options.batchRows = 64;
        auto reader = openRowReader(path, format, options);
        RowBatch batch;
        while (reader->readBatch(batch)) {
            for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                for (std::size_t c = 0; c < batch.columnCount(); ++c) {
                    for (Coercer &k : coercers) {
                        try {
                            (void)k.convert(batch.at(r, c));
                        } catch (const Error &) {
                            // a value that does not fit the type: expected
                        }
                    }
                }
            }
        }
    } catch (const Error &) {
        // a bad file: expected
    }
}

} // namespace wharf::fuzz
