#include "config/CsvFormatOptions.h"

#include "Error.h"

#include <QRegularExpression>

namespace wharf {

namespace {
const QString kDelimiter = QStringLiteral("csv_format.delimiter");
const QString kIncludeHeader = QStringLiteral("csv_format.include_header");
const QString kEncoding = QStringLiteral("csv_format.encoding");
} // namespace

QList<ConfigField> csvFormatFields()
{
    ConfigField delimiter;
    delimiter.name = kDelimiter;
    delimiter.defaultValue = QStringLiteral(",");
    delimiter.description = QStringLiteral("csv jobs: the field delimiter the files were written with");
    ConfigField header;
    header.name = kIncludeHeader;
    header.type = FieldType::Bool;
    header.defaultValue = true;
    header.description = QStringLiteral("csv jobs: the first line names the columns");
    ConfigField encoding;
    encoding.name = kEncoding;
    encoding.defaultValue = QStringLiteral("utf-8");
    encoding.description = QStringLiteral("csv jobs: the text encoding of the files");
    return {delimiter, header, encoding};
}

CsvFormat csvFormatFromConfig(const ResolvedConfig &config)
{
    CsvFormat f;
    const QString delimiter = config.option(kDelimiter, QStringLiteral(",")).toString();
    const QChar d = delimiter.size() == 1 ? delimiter.front() : QChar();
    if (d.isNull() || d.unicode() > 127 || d == QLatin1Char('"') || d == QLatin1Char('\n') || d == QLatin1Char('\r'))
        throw Error(ErrorKind::Config,
                    QStringLiteral("%1 must be one ASCII character other than a quote or a line break, got '%2'")
                        .arg(kDelimiter, delimiter.left(20)));
    f.delimiter = char(d.unicode());
    f.includeHeader = config.option(kIncludeHeader, true).toBool();
    f.encoding = config.option(kEncoding, QStringLiteral("utf-8")).toString().trimmed();
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]{1,40}$"));
    if (!plain.match(f.encoding).hasMatch())
        throw Error(ErrorKind::Config, QStringLiteral("%1 must name an encoding (letters, digits, '-', '_'), got '%2'")
                                           .arg(kEncoding, f.encoding.left(40)));
    return f;
}

} // namespace wharf
