#include "sql/TableKeys.h"

#include "Error.h"

namespace wharf {

void mergeError(const QString &message)
{
    throw Error(ErrorKind::Terminal, QStringLiteral("cannot merge: %1 (MergeDispositionException)").arg(message));
}

QList<Column> columnsWith(const Table &t, bool Column::*hint)
{
    QList<Column> out;
    for (const auto &c : t.columns)
        if (c.isComplete() && c.*hint)
            out.append(c);
    return out;
}

const Column *firstWith(const Table &t, bool Column::*hint)
{
    for (const auto &c : t.columns)
        if (c.isComplete() && c.*hint)
            return &c;
    return nullptr;
}

QString rowKey(const Table &t)
{
    if (const Column *c = firstWith(t, &Column::rowKey))
        return c->name;
    if (const Column *c = firstWith(t, &Column::unique))
        return c->name;
    const auto pk = columnsWith(t, &Column::primaryKey);
    if (pk.size() == 1)
        return pk.first().name;
    mergeError(QStringLiteral("table %1 has no row key (a row_key, unique or single primary key column)").arg(t.name));
}

QString rootKey(const Table &t, const QString &root)
{
    if (const Column *c = firstWith(t, &Column::rootKey))
        return c->name;
    if (t.parent == root)
        if (const Column *c = firstWith(t, &Column::parentKey))
            return c->name;
    mergeError(QStringLiteral("nested table %1 has no root key column").arg(t.name));
}

QString columnList(const Table &t, const SqlClient &client, const QString &prefix)
{
    QStringList out;
    for (const QString &c : t.completeColumnNames())
        out.append(prefix + client.escapeIdentifier(c));
    return out.join(QStringLiteral(", "));
}

HardDelete hardDeleteOf(const Table &root, const SqlClient &client)
{
    HardDelete hd;
    const Column *c = firstWith(root, &Column::hardDelete);
    if (!c)
        return hd;
    hd.column = c->name;
    const QString col = client.escapeIdentifier(c->name);
    if (c->dataType == DataType::Bool) {
        const bool native = client.capabilities().supportsNativeBoolean;
        hd.deleted = QStringLiteral("%1 = %2").arg(col, native ? QStringLiteral("True") : QStringLiteral("1"));
        hd.notDeleted =
            QStringLiteral("%1 IS NULL OR %1 = %2").arg(col, native ? QStringLiteral("False") : QStringLiteral("0"));
    } else {
        hd.deleted = QStringLiteral("%1 IS NOT NULL").arg(col);
        hd.notDeleted = QStringLiteral("%1 IS NULL").arg(col);
    }
    return hd;
}

} // namespace wharf
