#include "schema/Schema.h"

#include "Error.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <simdjson.h>

namespace wharf {

namespace {

struct TypeName {
    DataType type;
    const char *name;
};

constexpr TypeName kTypeNames[] = {
    {DataType::Text, "text"},           {DataType::Double, "double"},   {DataType::Bool, "bool"},
    {DataType::Timestamp, "timestamp"}, {DataType::Bigint, "bigint"},   {DataType::Binary, "binary"},
    {DataType::Json, "json"},           {DataType::Decimal, "decimal"}, {DataType::Wei, "wei"},
    {DataType::Date, "date"},           {DataType::Time, "time"},
};

QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

// dlt treats a hint as set only when it is exactly `true` (spec 3.4).
bool boolHint(simdjson::dom::object obj, const char *key)
{
    bool v = false;
    if (obj[key].get(v) == simdjson::SUCCESS)
        return v;
    return false;
}

QString stringField(simdjson::dom::object obj, const char *key)
{
    std::string_view v;
    if (obj[key].get(v) == simdjson::SUCCESS)
        return qs(v);
    return {};
}

std::optional<int> intField(simdjson::dom::object obj, const char *key)
{
    int64_t v = 0;
    if (obj[key].get(v) == simdjson::SUCCESS)
        return int(v);
    return std::nullopt;
}

[[noreturn]] void fail(const QString &source, const QString &message)
{
    throw Error(ErrorKind::Terminal, QStringLiteral("invalid dlt schema: %1").arg(message),
                SourceLocation{source, 0, 0, {}});
}

Column parseColumn(const QString &key, simdjson::dom::object obj, const QString &source, const QString &tableName)
{
    Column c;
    c.name = stringField(obj, "name");
    if (c.name.isEmpty())
        c.name = key;
    std::string_view type;
    if (obj["data_type"].get(type) == simdjson::SUCCESS) {
        c.dataType = dataTypeFromName(qs(type));
        if (!c.dataType)
            fail(source, QStringLiteral("column %1.%2 has unknown data_type '%3'")
                             .arg(clipForMessage(tableName), clipForMessage(c.name), clipForMessage(qs(type), 40)));
    }
    c.precision = intField(obj, "precision");
    c.scale = intField(obj, "scale");
    bool tz = true;
    if (obj["timezone"].get(tz) == simdjson::SUCCESS)
        c.timezone = tz;
    bool nullable = true;
    if (obj["nullable"].get(nullable) == simdjson::SUCCESS)
        c.nullable = nullable;
    c.unique = boolHint(obj, "unique");
    c.primaryKey = boolHint(obj, "primary_key");
    c.mergeKey = boolHint(obj, "merge_key");
    c.rowKey = boolHint(obj, "row_key");
    c.parentKey = boolHint(obj, "parent_key");
    c.rootKey = boolHint(obj, "root_key");
    c.sort = boolHint(obj, "sort");
    c.cluster = boolHint(obj, "cluster");
    c.partition = boolHint(obj, "partition");
    c.hardDelete = boolHint(obj, "hard_delete");
    c.variant = boolHint(obj, "variant");
    c.dedupSort = stringField(obj, "dedup_sort");
    c.validFrom = boolHint(obj, "x-valid-from");
    c.validTo = boolHint(obj, "x-valid-to");
    c.rowVersion = boolHint(obj, "x-row-version");
    for (auto field : obj) {
        if (!field.key.starts_with("x-"))
            continue;
        QVariant value;
        bool b = false;
        int64_t i = 0;
        double d = 0;
        std::string_view text;
        if (field.value.get(b) == simdjson::SUCCESS)
            value = b;
        else if (field.value.get(i) == simdjson::SUCCESS)
            value = qlonglong(i);
        else if (field.value.get(d) == simdjson::SUCCESS)
            value = d;
        else if (field.value.get(text) == simdjson::SUCCESS)
            value = qs(text);
        else if (!field.value.is_null())
            continue; // objects and lists: no destination reads such a hint
        c.extraHints.insert(qs(field.key), value);
    }
    simdjson::dom::element active;
    if (obj["x-active-record-timestamp"].get(active) == simdjson::SUCCESS) {
        c.hasActiveRecordTimestamp = true;
        c.activeRecordTimestamp = stringField(obj, "x-active-record-timestamp");
    }
    return c;
}

std::optional<WriteDisposition> dispositionFromName(const QString &name)
{
    if (name == QLatin1String("append"))
        return WriteDisposition::Append;
    if (name == QLatin1String("replace"))
        return WriteDisposition::Replace;
    if (name == QLatin1String("merge"))
        return WriteDisposition::Merge;
    if (name == QLatin1String("skip"))
        return WriteDisposition::Skip;
    return std::nullopt;
}

Table parseTable(const QString &key, simdjson::dom::object obj, const QString &source)
{
    Table t;
    t.name = stringField(obj, "name");
    if (t.name.isEmpty())
        t.name = key;
    t.parent = stringField(obj, "parent");
    const QString wd = stringField(obj, "write_disposition");
    if (!wd.isEmpty()) {
        t.writeDisposition = dispositionFromName(wd);
        if (!t.writeDisposition)
            fail(source, QStringLiteral("table %1 has unknown write_disposition '%2'").arg(t.name, wd));
    }
    t.mergeStrategy = stringField(obj, "x-merge-strategy");
    t.boundaryTimestamp = stringField(obj, "x-boundary-timestamp");
    t.stageDataDeduplicated = boolHint(obj, "x-stage-data-deduplicated");
    t.fileFormat = stringField(obj, "file_format");
    t.resource = stringField(obj, "resource");
    t.description = stringField(obj, "description");
    simdjson::dom::object normalizer;
    if (obj["x-normalizer"].get(normalizer) == simdjson::SUCCESS)
        t.seenData = boolHint(normalizer, "seen-data");

    simdjson::dom::element columns;
    if (obj["columns"].get(columns) != simdjson::SUCCESS)
        return t;
    simdjson::dom::object colObj;
    simdjson::dom::array colArr;
    if (columns.get(colObj) == simdjson::SUCCESS) {
        for (auto field : colObj) {
            simdjson::dom::object c;
            if (field.value.get(c) != simdjson::SUCCESS)
                fail(source, QStringLiteral("column %1.%2 is not an object").arg(t.name, qs(field.key)));
            t.columns.append(parseColumn(qs(field.key), c, source, t.name));
        }
    } else if (columns.get(colArr) == simdjson::SUCCESS) {
        for (auto el : colArr) {
            simdjson::dom::object c;
            if (el.get(c) != simdjson::SUCCESS)
                fail(source, QStringLiteral("a column of %1 is not an object").arg(t.name));
            t.columns.append(parseColumn({}, c, source, t.name));
        }
    } else {
        fail(source, QStringLiteral("columns of table %1 are neither an object nor a list").arg(t.name));
    }
    return t;
}

} // namespace

QString dataTypeName(DataType t)
{
    for (const auto &tn : kTypeNames)
        if (tn.type == t)
            return QString::fromLatin1(tn.name);
    return {};
}

std::optional<DataType> dataTypeFromName(QStringView name)
{
    for (const auto &tn : kTypeNames)
        if (name == QLatin1String(tn.name))
            return tn.type;
    // Older dlt schemas call json "complex".
    if (name == QLatin1String("complex"))
        return DataType::Json;
    return std::nullopt;
}

QString writeDispositionName(WriteDisposition d)
{
    switch (d) {
    case WriteDisposition::Append:
        return QStringLiteral("append");
    case WriteDisposition::Replace:
        return QStringLiteral("replace");
    case WriteDisposition::Merge:
        return QStringLiteral("merge");
    case WriteDisposition::Skip:
        break;
    }
    return QStringLiteral("skip");
}

const Column *Table::column(const QString &n) const
{
    for (const auto &c : columns)
        if (c.name == n)
            return &c;
    return nullptr;
}

QList<Column> Table::completeColumns() const
{
    QList<Column> out;
    for (const auto &c : columns)
        if (c.isComplete())
            out.append(c);
    return out;
}

QStringList Table::completeColumnNames() const
{
    QStringList out;
    for (const auto &c : columns)
        if (c.isComplete())
            out.append(c.name);
    return out;
}

Schema Schema::fromJson(const QByteArray &json, const QString &sourceName)
{
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    const auto err = parser.parse(json.constData(), size_t(json.size())).get(doc);
    if (err)
        fail(sourceName, QStringLiteral("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(err))));
    simdjson::dom::object root;
    if (doc.get(root) != simdjson::SUCCESS)
        fail(sourceName, QStringLiteral("the document is not a JSON object"));

    Schema s;
    s.json = json;
    s.name = stringField(root, "name");
    if (s.name.isEmpty())
        fail(sourceName, QStringLiteral("the schema has no name"));
    int64_t v = 0;
    if (root["version"].get(v) == simdjson::SUCCESS)
        s.version = v;
    if (root["engine_version"].get(v) == simdjson::SUCCESS)
        s.engineVersion = v;
    s.versionHash = stringField(root, "version_hash");
    simdjson::dom::object normalizers;
    if (root["normalizers"].get(normalizers) == simdjson::SUCCESS)
        s.namingConvention = stringField(normalizers, "names");

    simdjson::dom::object tables;
    if (root["tables"].get(tables) != simdjson::SUCCESS)
        fail(sourceName, QStringLiteral("the schema has no tables object"));
    for (auto field : tables) {
        simdjson::dom::object t;
        if (field.value.get(t) != simdjson::SUCCESS)
            fail(sourceName, QStringLiteral("table %1 is not an object").arg(qs(field.key)));
        s.tables.append(parseTable(qs(field.key), t, sourceName));
    }
    QSet<QString> names;
    for (const auto &t : s.tables)
        names.insert(t.name);
    for (const auto &t : s.tables)
        if (!t.parent.isEmpty() && !names.contains(t.parent))
            fail(sourceName, QStringLiteral("table %1 names a parent %2 that is not in the schema")
                                 .arg(clipForMessage(t.name), clipForMessage(t.parent)));
    // Every walk up the parents must reach a root: a loop would make each table its own
    // ancestor (and every walk over the chain endless).
    for (const auto &t : s.tables) {
        QStringList path{t.name};
        for (const Table *p = s.table(t.parent); p; p = s.table(p->parent)) {
            if (path.contains(p->name)) {
                path.append(p->name);
                QStringList shown;
                for (const auto &n : std::as_const(path))
                    shown.append(clipForMessage(n, 60));
                fail(sourceName, QStringLiteral("the parents of table %1 form a loop (%2): nested tables must lead "
                                                "to a root table")
                                     .arg(clipForMessage(t.name), shown.join(QStringLiteral(" -> "))));
            }
            path.append(p->name);
        }
    }
    return s;
}

Schema Schema::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        throw Error(ErrorKind::Terminal, QStringLiteral("schema file is missing"), SourceLocation{path, 0, 0, {}});
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Terminal, QStringLiteral("cannot read schema file: %1").arg(f.errorString()),
                    SourceLocation{path, 0, 0, {}});
    return fromJson(f.readAll(), path);
}

bool Schema::hasCaseSensitiveNaming() const
{
    // A module path names the convention by its last part (dlt.common.normalizers.naming.direct).
    const QString name = namingConvention.section(QLatin1Char('.'), -1);
    return name == QLatin1String("direct") || name == QLatin1String("duck_case") || name == QLatin1String("sql_cs_v1");
}

const Table *Schema::table(const QString &n) const
{
    for (const auto &t : tables)
        if (t.name == n)
            return &t;
    return nullptr;
}

const Table *Schema::rootOf(const QString &n) const
{
    const Table *t = table(n);
    int guard = 0;
    while (t && !t->parent.isEmpty() && guard++ < 1000)
        t = table(t->parent);
    return t;
}

WriteDisposition Schema::effectiveDisposition(const QString &n) const
{
    const Table *t = table(n);
    int guard = 0;
    while (t && guard++ < 1000) {
        if (t->writeDisposition)
            return *t->writeDisposition;
        if (t->parent.isEmpty())
            break;
        t = table(t->parent);
    }
    return WriteDisposition::Append;
}

QStringList Schema::childrenOf(const QString &n) const
{
    QStringList out;
    for (const auto &t : tables)
        if (t.parent == n)
            out.append(t.name);
    return out;
}

QStringList Schema::tableChain(const QString &rootName) const
{
    // Breadth-first would change dlt's order; depth-first with a visited set keeps it and ends
    // even on a schema built without fromJson's loop check.
    QStringList out;
    if (!table(rootName))
        return out;
    QList<QString> stack{rootName};
    QSet<QString> seen;
    while (!stack.isEmpty()) {
        const QString name = stack.takeLast();
        if (seen.contains(name))
            continue;
        seen.insert(name);
        out.append(name);
        const QStringList children = childrenOf(name);
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack.append(*it);
    }
    return out;
}

std::optional<TableUpdate> computeTableUpdate(const Table &table, const QStringList &existingColumns,
                                              bool caseInsensitive)
{
    QSet<QString> existing;
    for (const auto &c : existingColumns)
        existing.insert(caseInsensitive ? c.toLower() : c);
    TableUpdate update;
    update.table = table.name;
    update.exists = !existingColumns.isEmpty();
    for (const auto &c : table.columns) {
        if (!c.isComplete())
            continue;
        if (!existing.contains(caseInsensitive ? c.name.toLower() : c.name))
            update.newColumns.append(c);
    }
    if (update.newColumns.isEmpty())
        return std::nullopt;
    return update;
}

} // namespace wharf
