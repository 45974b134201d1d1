#include "browse/SchemaComparison.h"

#include "browse/StoredSchema.h"

#include <QRegularExpression>

namespace wharf {

QList<DataType> dltTypesForDbType(const QString &dbType)
{
    const QString t = dbType.trimmed().toLower();
    if (t.isEmpty())
        return {};
    // Order matters: "timestamp" before "time", "tinyint(1)" before "int", "interval" is no int.
    if (t.startsWith(QLatin1String("tinyint(1)")) || t.startsWith(QLatin1String("bool")) || t == QLatin1String("bit"))
        return {DataType::Bool};
    if (t.contains(QLatin1String("timestamp")) || t.startsWith(QLatin1String("datetime")))
        return {DataType::Timestamp};
    if (t == QLatin1String("date"))
        return {DataType::Date};
    if (t.startsWith(QLatin1String("time")))
        return {DataType::Time};
    if (t.startsWith(QLatin1String("json")))
        return {DataType::Json};
    if (t.startsWith(QLatin1String("numeric")) || t.startsWith(QLatin1String("decimal")) ||
        t.startsWith(QLatin1String("number")))
        return {DataType::Decimal, DataType::Wei};
    if (t.startsWith(QLatin1String("double")) || t.startsWith(QLatin1String("float")) ||
        t.startsWith(QLatin1String("real")))
        return {DataType::Double};
    if (t.contains(QLatin1String("int")) && !t.startsWith(QLatin1String("interval")))
        return {DataType::Bigint};
    if (t.contains(QLatin1String("char")) || t.contains(QLatin1String("text")) || t.contains(QLatin1String("string")) ||
        t.contains(QLatin1String("clob")))
        // Some destinations keep JSON and big numbers as text.
        return {DataType::Text, DataType::Json, DataType::Wei};
    if (t.contains(QLatin1String("blob")) || t.contains(QLatin1String("binary")) || t == QLatin1String("bytea"))
        return {DataType::Binary};
    return {};
}

namespace {

QStringList hintsOf(const Column &c)
{
    QStringList hints;
    const std::pair<bool, const char *> all[] = {{c.primaryKey, "primary key"},
                                                 {c.mergeKey, "merge key"},
                                                 {c.unique, "unique"},
                                                 {c.rowKey, "row key"},
                                                 {c.parentKey, "parent key"},
                                                 {c.rootKey, "root key"},
                                                 {c.partition, "partition"},
                                                 {c.cluster, "cluster"},
                                                 {c.sort, "sort"},
                                                 {c.hardDelete, "hard delete"},
                                                 {c.validFrom, "valid from"},
                                                 {c.validTo, "valid to"},
                                                 {c.rowVersion, "row version"},
                                                 {!c.dedupSort.isEmpty(), "dedup sort"}};
    for (const auto &[set, name] : all)
        if (set)
            hints << QString::fromLatin1(name);
    return hints;
}

const BrowserTable *findTable(const QList<BrowserTable> &tables, const QString &name)
{
    for (const BrowserTable &t : tables)
        if (t.name == name)
            return &t;
    for (const BrowserTable &t : tables)
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

const BrowserColumn *findColumn(const BrowserTable &table, const QString &name)
{
    if (const BrowserColumn *c = table.column(name))
        return c;
    for (const BrowserColumn &c : table.columns)
        if (c.name.compare(name, Qt::CaseInsensitive) == 0)
            return &c;
    return nullptr;
}

// dlt names a variant column `<column>__v_<type>` (the value did not fit the column's type).
QString variantBase(const QString &name)
{
    static const QRegularExpression variant(QStringLiteral("^(.+)__v_[a-z0-9_]+$"));
    const auto m = variant.match(name);
    return m.hasMatch() ? m.captured(1) : QString();
}

SchemaTableView compareTable(const Schema &schema, const Table &table, const QList<BrowserTable> &dbTables)
{
    SchemaTableView view;
    view.name = table.name;
    view.parent = table.parent;
    view.disposition = writeDispositionName(schema.effectiveDisposition(table.name));
    if (const Table *root = schema.rootOf(table.name))
        view.strategy = root->mergeStrategy;
    view.resource = table.resource;
    const BrowserTable *db = findTable(dbTables, table.name);
    view.inDatabase = db != nullptr;
    if (db) {
        view.rows = db->rows;
        view.rowsExact = db->rowsExact;
    } else if (!table.completeColumns().isEmpty()) {
        ++view.differences;
    }
    for (const Column &c : table.columns) {
        SchemaColumnView col;
        col.name = c.name;
        col.dltType = dltTypeText(c);
        col.nullable = c.nullable;
        col.hints = hintsOf(c);
        col.variant = c.variant || !variantBase(c.name).isEmpty();
        const BrowserColumn *dbColumn = db ? findColumn(*db, c.name) : nullptr;
        if (dbColumn)
            col.dbType = dbColumn->dbType;
        if (!c.isComplete()) {
            col.status = SchemaColumnView::Status::NoType;
            col.note = QStringLiteral("no data type yet: dlt creates it once a value is seen");
        } else if (db && !dbColumn) {
            col.status = SchemaColumnView::Status::MissingInDatabase;
            col.note = QStringLiteral("in the schema but not in the table: dropped by hand, or created elsewhere");
        } else if (dbColumn) {
            const QList<DataType> fits = dltTypesForDbType(dbColumn->dbType);
            if (!fits.isEmpty() && !fits.contains(*c.dataType)) {
                col.status = SchemaColumnView::Status::TypeMismatch;
                col.note = QStringLiteral("dlt's type is %1 but the column is %2").arg(col.dltType, dbColumn->dbType);
            }
        }
        if (col.variant && col.status == SchemaColumnView::Status::Ok) {
            const QString base = variantBase(c.name);
            col.note = base.isEmpty() ? QStringLiteral("a variant column")
                                      : QStringLiteral("variant of %1: values that did not fit its type").arg(base);
        }
        if (col.status != SchemaColumnView::Status::Ok && col.status != SchemaColumnView::Status::NoType)
            ++view.differences;
        view.columns.append(col);
    }
    if (db)
        for (const BrowserColumn &dbColumn : db->columns) {
            bool known = false;
            for (const Column &c : table.columns)
                known = known || c.name.compare(dbColumn.name, Qt::CaseInsensitive) == 0;
            if (known)
                continue;
            SchemaColumnView col;
            col.name = dbColumn.name;
            col.dbType = dbColumn.dbType;
            col.nullable = dbColumn.nullable;
            col.status = SchemaColumnView::Status::NotInSchema;
            col.note = QStringLiteral("in the table but not in the schema: dlt does not fill it");
            ++view.differences;
            view.columns.append(col);
        }
    return view;
}

} // namespace

SchemaView compareSchema(const Schema &schema, const QList<BrowserTable> &dbTables)
{
    SchemaView view;
    view.name = schema.name;
    view.version = schema.version;
    view.versionHash = schema.versionHash;
    // Depth-first from each root: the tree a person reads, nested tables under their parent;
    // the data tables in schema order, then dlt's own, as the browser lists them.
    for (const bool dltTables : {false, true})
        for (const Table &table : schema.tables) {
            if (!table.parent.isEmpty() || table.isDltTable() != dltTables)
                continue;
            for (const QString &name : schema.tableChain(table.name))
                if (const Table *t = schema.table(name)) {
                    view.tables.append(compareTable(schema, *t, dbTables));
                    view.differences += view.tables.last().differences;
                }
        }
    return view;
}

} // namespace wharf
