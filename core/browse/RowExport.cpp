#include "browse/RowExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace wharf {

namespace {

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

bool needsQuotes(const QString &text, QChar separator)
{
    // In TSV a quote only matters at the start of a field (how spreadsheets read pasted text),
    // so JSON and other quoted text stays readable; CSV quotes any field holding one.
    const bool tsv = separator == QLatin1Char('\t');
    if (tsv && text.startsWith(QLatin1Char('"')))
        return true;
    for (const QChar c : text)
        if (c == separator || (!tsv && c == QLatin1Char('"')) || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return true;
    return false;
}

QString field(const QVariant &value, QChar separator)
{
    const QString text = cellText(value);
    return needsQuotes(text, separator) ? quoted(text) : text;
}

QJsonValue jsonValue(const QVariant &value, bool jsonColumn)
{
    if (value.isNull())
        return QJsonValue::Null;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
        return QJsonValue(value.toLongLong());
    case QMetaType::Double: {
        const double d = value.toDouble();
        return std::isfinite(d) ? QJsonValue(d) : QJsonValue(cellText(value)); // JSON has no NaN
    }
    case QMetaType::QByteArray:
        return cellText(value);
    default:
        break;
    }
    const QString text = value.toString();
    if (jsonColumn) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
        if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
            return doc.array().first();
    }
    return text;
}

} // namespace

QString cellText(const QVariant &value)
{
    if (value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return QStringLiteral("\\x") + QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return value.toString();
    }
}

QString rowsToTsv(const QList<QVariantList> &rows)
{
    QString out;
    for (const QVariantList &row : rows) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QVariant &v : row)
            cells.append(field(v, QLatin1Char('\t')));
        out += cells.join(QLatin1Char('\t'));
        out += QLatin1Char('\n');
    }
    return out;
}

QString csvLine(const QVariantList &cells)
{
    QStringList fields;
    fields.reserve(cells.size());
    for (const QVariant &v : cells)
        fields.append(field(v, QLatin1Char(',')));
    return fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

QString rowsToCsv(const QStringList &headers, const QList<QVariantList> &rows)
{
    QVariantList head;
    for (const QString &h : headers)
        head.append(h);
    QString out = csvLine(head);
    for (const QVariantList &row : rows)
        out += csvLine(row);
    return out;
}

namespace {

QByteArray jsonText(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

/// `{"a": 1, "b": "x"}`: written by hand, because QJsonObject would sort the keys and people
/// expect the columns in table order.
QByteArray jsonObject(const QList<QByteArray> &keys, const QVariantList &row, const QList<bool> &jsonColumns)
{
    QByteArray out("{");
    for (qsizetype c = 0; c < keys.size() && c < row.size(); ++c) {
        if (c > 0)
            out += ", ";
        out += keys[c] + ": " + jsonText(jsonValue(row[c], jsonColumns.value(c, false)));
    }
    out += '}';
    return out;
}

QList<QByteArray> jsonKeys(const QStringList &headers)
{
    QList<QByteArray> keys;
    for (const QString &h : headers)
        keys.append(jsonText(h));
    return keys;
}

} // namespace

QByteArray rowsToJson(const QStringList &headers, const QList<QVariantList> &rows, const QList<bool> &jsonColumns)
{
    const QList<QByteArray> keys = jsonKeys(headers);
    QByteArray out("[");
    for (qsizetype r = 0; r < rows.size(); ++r) {
        out += r == 0 ? "\n  " : ",\n  ";
        out += jsonObject(keys, rows[r], jsonColumns);
    }
    out += rows.isEmpty() ? "]\n" : "\n]\n";
    return out;
}

JsonLines::JsonLines(const QStringList &headers, QList<bool> jsonColumns)
    : m_keys(jsonKeys(headers))
    , m_json(std::move(jsonColumns))
{}

QByteArray JsonLines::line(const QVariantList &row) const
{
    return jsonObject(m_keys, row, m_json) + '\n';
}

QString tsvLine(const QVariantList &cells)
{
    return rowsToTsv({cells});
}

} // namespace wharf
