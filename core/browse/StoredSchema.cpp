#include "browse/StoredSchema.h"

#include "Error.h"

#include <zlib.h>

namespace wharf {

QByteArray decodeStoredSchema(const QByteArray &stored)
{
    const QByteArray trimmed = stored.trimmed();
    if (trimmed.startsWith('{'))
        return trimmed;
    const auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw Error(ErrorKind::Terminal, QStringLiteral("the stored schema is neither JSON nor base64"));
    // The uncompressed size is not stored: inflate in steps into a growing buffer.
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK)
        throw Error(ErrorKind::Internal, QStringLiteral("cannot start zlib"));
    QByteArray out;
    const QByteArray &in = *decoded;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    char buffer[64 * 1024];
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - zs.avail_out));
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
            break; // truncated input
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw Error(ErrorKind::Terminal, QStringLiteral("the stored schema cannot be decompressed"));
    return out;
}

QString dltTypeText(const Column &column)
{
    if (!column.dataType)
        return {};
    QString text = dataTypeName(*column.dataType);
    if (column.precision && column.scale)
        text += QStringLiteral("(%1,%2)").arg(*column.precision).arg(*column.scale);
    else if (column.precision)
        text += QStringLiteral("(%1)").arg(*column.precision);
    return text;
}

void DltTypeIndex::add(const Schema &schema)
{
    for (const Table &table : schema.tables) {
        auto &columns = m_types[table.name];
        for (const Column &column : table.columns) {
            const QString type = dltTypeText(column);
            if (type.isEmpty() || columns.contains(column.name))
                continue;
            columns.insert(column.name, type);
            const QString folded = (table.name + QLatin1Char('\n') + column.name).toLower();
            if (!m_folded.contains(folded))
                m_folded.insert(folded, type);
        }
    }
}

QString DltTypeIndex::typeOf(const QString &table, const QString &column) const
{
    const auto t = m_types.constFind(table);
    if (t != m_types.constEnd()) {
        const auto c = t->constFind(column);
        if (c != t->constEnd())
            return *c;
    }
    return m_folded.value((table + QLatin1Char('\n') + column).toLower());
}

} // namespace wharf
