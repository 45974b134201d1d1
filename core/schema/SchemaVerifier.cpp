#include "schema/SchemaVerifier.h"

#include "Error.h"

#include <QHash>

namespace wharf {

namespace {

[[noreturn]] void tooLong(const QString &kind, const QString &name, int max)
{
    throw Error(ErrorKind::Terminal, QStringLiteral("the %1 identifier %2 is longer than %3 bytes, the most the "
                                                    "destination allows (IdentifierTooLongException)")
                                         .arg(kind, clipForMessage(name))
                                         .arg(max));
}

} // namespace

void verifySchema(const Schema &schema, const Capabilities &caps, const QStringList &tables)
{
    const auto fold = [&](const QString &s) { return caps.casefoldLower ? s.toLower() : s; };
    QHash<QString, QString> tableByFolded;
    for (const auto &name : tables) {
        const Table *t = schema.table(name);
        if (!t)
            continue;
        if (t->name.toUtf8().size() > caps.maxIdentifierLength)
            tooLong(QStringLiteral("table"), t->name, caps.maxIdentifierLength);
        const QString folded = fold(t->name);
        if (tableByFolded.contains(folded) && tableByFolded[folded] != t->name)
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("tables %1 and %2 have the same name once the destination folds case "
                                       "(SchemaIdentifierNormalizationCollision)")
                            .arg(clipForMessage(tableByFolded[folded]), clipForMessage(t->name)));
        tableByFolded.insert(folded, t->name);
        QHash<QString, QString> columnByFolded;
        for (const auto &c : t->columns) {
            if (!c.isComplete())
                continue;
            if (c.name.toUtf8().size() > caps.maxColumnIdentifierLength)
                tooLong(QStringLiteral("column"), t->name + QLatin1Char('.') + c.name, caps.maxColumnIdentifierLength);
            const QString cf = fold(c.name);
            if (columnByFolded.contains(cf))
                throw Error(
                    ErrorKind::Terminal,
                    QStringLiteral("columns %1 and %2 of table %3 have the same name once the destination "
                                   "folds case (SchemaIdentifierNormalizationCollision)")
                        .arg(clipForMessage(columnByFolded[cf]), clipForMessage(c.name), clipForMessage(t->name)));
            columnByFolded.insert(cf, c.name);
        }
    }
}

} // namespace wharf
