#include "SinkBatch.h"

#include "Error.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <charconv>
#include <cmath>

namespace wharf::sink {

SinkBatch::SinkBatch(const Table &table, const QStringList &fileColumns, FileFormat format, const QString &path,
                     bool skipDlt)
    : m_table(table)
    , m_path(path)
    , m_skipDlt(skipDlt)
{
    Coercer::Options options;
    options.emptyIsNull = format == FileFormat::Csv;
    options.nativeBool = false;
    options.temporal = TemporalStyle::IsoUtc;
    options.base64Binary = format == FileFormat::Jsonl;
    for (const QString &name : fileColumns) {
        const Column *column = table.column(name);
        if (!column || !column->isComplete())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("column %1 is not a column of table %2 in the schema").arg(name, table.name),
                        SourceLocation{path, 1, 0, name});
        m_coercers.emplace_back(*column, options);
        m_types.push_back(column->dataType.value_or(DataType::Text));
        const QByteArray key = QJsonDocument(QJsonObject{{name, 0}}).toJson(QJsonDocument::Compact);
        m_keys.push_back(key.mid(1, key.size() - 3)); // {"name":0} -> "name":
        m_sent.push_back(!(skipDlt && name.startsWith(QLatin1String("_dlt"))));
    }
}

void SinkBatch::clear()
{
    m_lines.clear();
    m_rows = 0;
}

void SinkBatch::appendString(std::string_view text)
{
    static const char hex[] = "0123456789abcdef";
    m_lines += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            m_lines += "\\\"";
            break;
        case '\\':
            m_lines += "\\\\";
            break;
        case '\n':
            m_lines += "\\n";
            break;
        case '\r':
            m_lines += "\\r";
            break;
        case '\t':
            m_lines += "\\t";
            break;
        default:
            if (c < 0x20) {
                m_lines += "\\u00";
                m_lines += hex[c >> 4];
                m_lines += hex[c & 15];
            } else {
                m_lines += char(c);
            }
        }
    }
    m_lines += '"';
}

void SinkBatch::appendValue(const Cell &cell, DataType type)
{
    switch (cell.type) {
    case Cell::Type::Null:
        m_lines += "null";
        return;
    case Cell::Type::Int: {
        if (type == DataType::Bool) {
            m_lines += cell.i ? "true" : "false";
            return;
        }
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, cell.i);
        m_lines.append(digits, r.ptr - digits);
        return;
    }
    case Cell::Type::Double: {
        if (std::isnan(cell.d)) {
            m_lines += "\"NaN\"";
        } else if (std::isinf(cell.d)) {
            m_lines += cell.d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        } else {
            char digits[32];
            const auto r = std::to_chars(digits, digits + sizeof digits, cell.d);
            m_lines.append(digits, r.ptr - digits);
        }
        return;
    }
    case Cell::Type::Blob: {
        const QByteArray raw = QByteArray::fromRawData(cell.s.data(), qsizetype(cell.s.size()));
        const QByteArray b64 = raw.toBase64();
        appendString(std::string_view(b64.constData(), std::size_t(b64.size())));
        return;
    }
    case Cell::Type::Text:
        if (type == DataType::Json)
            m_lines.append(cell.s.data(), qsizetype(cell.s.size())); // already JSON text
        else
            appendString(cell.s);
        return;
    }
}

void SinkBatch::add(const Value *row, qint64 line)
{
    const qsizetype start = m_lines.size();
    m_lines += '{';
    bool first = true;
    for (std::size_t c = 0; c < m_coercers.size(); ++c) {
        if (!m_sent[c])
            continue;
        if (!first)
            m_lines += ',';
        first = false;
        m_lines += m_keys[c];
        try {
            appendValue(m_coercers[c].convert(row[c]), m_types[c]);
        } catch (Error &e) {
            m_lines.truncate(start);
            e.withLocation(SourceLocation{m_path, line, 0, m_coercers[c].columnName()});
            throw;
        }
    }
    m_lines += "}\n";
    ++m_rows;
}

QByteArray SinkBatch::tableSchemaJson() const
{
    QJsonObject columns;
    for (const Column &c : m_table.columns) {
        if (!c.isComplete() || (m_skipDlt && c.name.startsWith(QLatin1String("_dlt"))))
            continue;
        QJsonObject col{{QStringLiteral("data_type"), dataTypeName(c.dataType.value_or(DataType::Text))},
                        {QStringLiteral("nullable"), c.nullable}};
        if (c.precision)
            col.insert(QStringLiteral("precision"), *c.precision);
        if (c.scale)
            col.insert(QStringLiteral("scale"), *c.scale);
        columns.insert(c.name, col);
    }
    const QString json = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("name"), m_table.name}, {QStringLiteral("columns"), columns}})
            .toJson(QJsonDocument::Compact));
    // ASCII only (non-ASCII as \uXXXX), so that it also travels as an HTTP header.
    QByteArray out;
    out.reserve(json.size());
    for (const QChar ch : json) {
        if (ch.unicode() < 0x80)
            out += char(ch.unicode());
        else
            out += QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0')).toLatin1();
    }
    return out;
}

} // namespace wharf::sink
