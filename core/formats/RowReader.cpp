#include "formats/RowReader.h"

#include "Error.h"
#include "formats/CsvReader.h"
#include "formats/InsertValuesReader.h"
#include "formats/JsonlReader.h"

namespace wharf {

namespace {

struct FormatName {
    FileFormat format;
    const char *name;
};

constexpr FormatName kFormatNames[] = {
    {FileFormat::InsertValues, "insert_values"},
    {FileFormat::Csv, "csv"},
    {FileFormat::Jsonl, "jsonl"},
    {FileFormat::TypedJsonl, "typed-jsonl"},
    {FileFormat::Parquet, "parquet"},
    {FileFormat::Model, "model"},
    {FileFormat::Sql, "sql"},
    {FileFormat::Reference, "reference"},
};

} // namespace

QString fileFormatName(FileFormat f)
{
    for (const FormatName &entry : kFormatNames) {
        if (entry.format == f)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("unknown");
}

FileFormat fileFormatFromName(QStringView name)
{
    for (const FormatName &entry : kFormatNames) {
        if (name == QLatin1String(entry.name))
            return entry.format;
    }
    return FileFormat::Unknown;
}

std::unique_ptr<RowReader> openRowReader(const QString &path, FileFormat format, const ReaderOptions &options)
{
    switch (format) {
    case FileFormat::InsertValues:
        return std::make_unique<InsertValuesReader>(path, options);
    case FileFormat::Csv:
        return std::make_unique<CsvReader>(path, options);
    case FileFormat::Jsonl:
    case FileFormat::TypedJsonl:
        return std::make_unique<JsonlReader>(path, format, options);
    case FileFormat::Parquet:
    case FileFormat::Model:
    case FileFormat::Sql:
    case FileFormat::Reference:
    case FileFormat::Unknown:
        break;
    }
    throw Error(ErrorKind::Terminal,
                QStringLiteral("unsupported file format '%1': Wharf cannot read rows from this "
                               "job file")
                    .arg(fileFormatName(format)),
                SourceLocation{path, 0, 0, {}});
}

} // namespace wharf
