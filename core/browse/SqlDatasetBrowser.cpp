#include "browse/SqlDatasetBrowser.h"

#include "Error.h"
#include "browse/ColumnFilter.h"
#include "load/LogCategories.h"

#include <algorithm>

namespace wharf {

namespace {

const QString kVersionTable = QStringLiteral("_dlt_version");
const QString kStagingSuffix = QStringLiteral("_staging");

// User tables by name, then dlt's own tables.
bool tableOrder(const BrowserTable &a, const BrowserTable &b)
{
    if (a.isDltTable() != b.isDltTable())
        return !a.isDltTable();
    return a.name < b.name;
}

} // namespace

SqlDatasetBrowser::SqlDatasetBrowser(std::unique_ptr<SqlClient> sql)
    : m_sql(std::move(sql))
{}

void SqlDatasetBrowser::open()
{
    if (m_sql->isOpen())
        return;
    m_sql->open();
    try {
        afterOpen();
    } catch (...) {
        m_sql->close();
        throw;
    }
}

void SqlDatasetBrowser::close()
{
    m_sql->close();
}

void SqlDatasetBrowser::cancel()
{
    m_sql->cancel();
}

QString SqlDatasetBrowser::quoteName(const QString &name) const
{
    return m_sql->quoteIdentifier(name);
}

QString SqlDatasetBrowser::tableReference(const QString &dataset, const QString &table) const
{
    return quoteName(dataset) + QLatin1Char('.') + quoteName(table);
}

QString SqlDatasetBrowser::containsPattern(const QString &text)
{
    const QChar escape(kLikeEscape);
    QString pattern;
    pattern.reserve(text.size() + 2);
    pattern += QLatin1Char('%');
    for (const QChar c : text) {
        if (c == escape || c == QLatin1Char('%') || c == QLatin1Char('_'))
            pattern += escape;
        pattern += c;
    }
    pattern += QLatin1Char('%');
    return pattern;
}

QString SqlDatasetBrowser::textExpression(const QString &column) const
{
    return QStringLiteral("CAST(%1 AS TEXT)").arg(column);
}

QList<BrowserTable> SqlDatasetBrowser::listTables(const QString &dataset)
{
    open();
    useDataset(dataset);
    const QList<CatalogTable> catalog = catalogTables(dataset, QString());
    const bool hasVersionTable = std::any_of(catalog.cbegin(), catalog.cend(),
                                             [](const CatalogTable &t) { return t.table.name == kVersionTable; });
    const DltTypeIndex types = dltTypes(dataset, hasVersionTable);
    QList<BrowserTable> tables;
    tables.reserve(catalog.size());
    for (const CatalogTable &entry : catalog) {
        BrowserTable table = entry.table;
        for (BrowserColumn &column : table.columns)
            column.dltType = types.typeOf(table.name, column.name);
        // Statistics lag behind loads and say nothing about never-analyzed tables: below the
        // limit, count for real, which reads at most kExactCountLimit + 1 rows. Views are left
        // alone: their query may be arbitrarily expensive.
        if (table.kind == BrowserTableKind::Table && table.rows < kExactCountLimit) {
            const qint64 counted = boundedCount(dataset, table.name);
            if (counted <= kExactCountLimit) {
                table.rows = counted;
                table.rowsExact = true;
            } else {
                table.rows = std::max(table.rows, counted);
            }
        }
        tables.append(table);
    }
    std::sort(tables.begin(), tables.end(), tableOrder);
    return tables;
}

qint64 SqlDatasetBrowser::boundedCount(const QString &dataset, const QString &table)
{
    const auto rows = m_sql->query(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM %1 LIMIT %2) AS s")
                                       .arg(tableReference(dataset, table))
                                       .arg(kExactCountLimit + 1));
    return rows.isEmpty() ? -1 : rows.first().value(0).toLongLong();
}

DltTypeIndex SqlDatasetBrowser::dltTypes(const QString &dataset, bool hasVersionTable)
{
    DltTypeIndex index;
    // A staging dataset has no _dlt_version of its own; its tables are the dataset's.
    QString source = dataset;
    if (!hasVersionTable) {
        if (!dataset.endsWith(kStagingSuffix))
            return index;
        source = dataset.chopped(kStagingSuffix.size());
    }
    try {
        if (source != dataset)
            useDataset(source);
        addStoredSchemas(source, index);
    } catch (const Error &e) {
        // The types are a help, not the point: a dataset without readable schemas still browses.
        if (e.kind() == ErrorKind::Cancelled)
            throw;
        qCDebug(lcDest).noquote() << "no dlt types for dataset" << dataset << ":" << e.message();
    }
    return index;
}

void SqlDatasetBrowser::addStoredSchemas(const QString &dataset, DltTypeIndex &index)
{
    for (const QByteArray &json : readStoredSchemas(dataset)) {
        try {
            index.add(Schema::fromJson(json, kVersionTable));
        } catch (const Error &e) {
            qCDebug(lcDest).noquote() << "skipping a stored schema of" << dataset << ":" << e.message();
        }
    }
}

QList<QByteArray> SqlDatasetBrowser::readStoredSchemas(const QString &dataset)
{
    // The newest version of each schema stored in the dataset (several sources may share one).
    const QString table = tableReference(dataset, kVersionTable);
    const auto rows =
        m_sql->query(QStringLiteral("SELECT v.%1 FROM %2 AS v WHERE v.%3 = (SELECT max(w.%3) FROM %2 AS w "
                                    "WHERE w.%4 = v.%4) ORDER BY v.%3 DESC")
                         .arg(quoteName(QStringLiteral("schema")), table, quoteName(QStringLiteral("inserted_at")),
                              quoteName(QStringLiteral("schema_name"))));
    QList<QByteArray> out;
    for (const auto &row : rows) {
        try {
            out.append(decodeStoredSchema(row.value(0).toString().toUtf8()));
        } catch (const Error &e) {
            qCDebug(lcDest).noquote() << "skipping a stored schema of" << dataset << ":" << e.message();
        }
    }
    return out;
}

QList<QByteArray> SqlDatasetBrowser::storedSchemas(const QString &dataset)
{
    open();
    useDataset(dataset);
    const QList<CatalogTable> found = catalogTables(dataset, kVersionTable);
    if (std::none_of(found.cbegin(), found.cend(), [](const CatalogTable &t) { return t.table.name == kVersionTable; }))
        return {};
    return readStoredSchemas(dataset);
}

SqlDatasetBrowser::CatalogTable SqlDatasetBrowser::describe(const QString &dataset, const QString &table)
{
    const QList<CatalogTable> found = catalogTables(dataset, table);
    for (const CatalogTable &entry : found)
        if (entry.table.name == table)
            return entry;
    throw UndefinedRelation(QStringLiteral("dataset %1 has no table %2").arg(dataset, table));
}

SqlDatasetBrowser::CatalogTable SqlDatasetBrowser::describe(const PageRequest &request)
{
    if (request.query.isEmpty())
        return describe(request.dataset, request.table);
    // The query's columns, from its result without rows. Pages never write, whatever the
    // query says: the connection is read-only.
    setWritesAllowed(false); // may reopen the connection (SQLite)
    open();
    useAsDefault(request.dataset);
    CatalogTable entry;
    entry.query = request.query;
    entry.table.name = QStringLiteral("query");
    entry.table.kind = BrowserTableKind::View;
    QStringList names;
    m_sql->queryNamed(QStringLiteral("SELECT * FROM (%1) AS q LIMIT 0").arg(request.query), &names);
    for (const QString &name : std::as_const(names)) {
        BrowserColumn column;
        column.name = name;
        entry.table.columns.append(column);
    }
    return entry;
}

QString SqlDatasetBrowser::fromSql(const PageRequest &request, const CatalogTable &table) const
{
    return table.query.isEmpty() ? tableReference(request.dataset, table.table.name)
                                 : QStringLiteral("(%1)").arg(table.query);
}

BrowserPage SqlDatasetBrowser::runStatement(const QString &dataset, const QString &sql, bool allowWrites, int maxRows)
{
    setWritesAllowed(allowWrites); // first: SQLite reopens its file to switch
    open();
    useAsDefault(dataset);
    BrowserPage page;
    try {
        page.rows = m_sql->queryNamed(sql, &page.columns);
    } catch (...) {
        try {
            setWritesAllowed(false);
        } catch (const Error &) {
        }
        throw;
    }
    setWritesAllowed(false);
    const int limit = std::max(1, maxRows);
    page.hasMore = page.rows.size() > limit;
    if (page.hasMore)
        page.rows.resize(limit);
    return page;
}

BrowserPage SqlDatasetBrowser::fetchPage(const PageRequest &request)
{
    open();
    useDataset(request.dataset);
    const CatalogTable table = describe(request);
    QVariantList params;
    const QString sql = pageSql(request, table, &params);
    BrowserPage page;
    page.offset = std::max<qint64>(0, request.offset);
    page.rows = m_sql->query(sql, params);
    const int limit = std::clamp(request.limit, 1, kMaxPageRows);
    page.hasMore = page.rows.size() > limit;
    if (page.hasMore)
        page.rows.resize(limit);
    if (request.columns.isEmpty()) {
        for (const BrowserColumn &c : table.table.columns)
            page.columns.append(c.name);
    } else {
        page.columns = request.columns;
    }
    return page;
}

qint64 SqlDatasetBrowser::countRows(const PageRequest &request)
{
    open();
    useDataset(request.dataset);
    const CatalogTable table = describe(request);
    QVariantList params;
    const QString sql = QStringLiteral("SELECT count(*) FROM %1 AS t0%2")
                            .arg(fromSql(request, table), whereSql(request, table, &params));
    const auto rows = m_sql->query(sql, params);
    return rows.isEmpty() ? 0 : rows.first().value(0).toLongLong();
}

QString SqlDatasetBrowser::aliasedColumn(const CatalogTable &table, const QString &name) const
{
    if (!table.table.column(name))
        throw Error(ErrorKind::Terminal, QStringLiteral("table %1 has no column %2").arg(table.table.name, name));
    // Qualified by the alias: a bare name in ORDER BY could mean an output column instead.
    return QStringLiteral("t0.") + quoteName(name);
}

QString SqlDatasetBrowser::whereSql(const PageRequest &request, const CatalogTable &table, QVariantList *params) const
{
    QStringList where;
    for (auto it = request.filters.cbegin(); it != request.filters.cend(); ++it) {
        if (it.value().trimmed().isEmpty())
            continue;
        where.append(filterSql(aliasedColumn(table, it.key()), ColumnFilter::parse(it.value()), params));
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

QString SqlDatasetBrowser::pageSql(const PageRequest &request, const CatalogTable &table, QVariantList *params) const
{
    const auto column = [&](const QString &name) { return aliasedColumn(table, name); };
    QStringList select;
    if (request.columns.isEmpty()) {
        for (const BrowserColumn &c : table.table.columns)
            select.append(table.selectAs.value(c.name, column(c.name)));
    } else {
        for (const QString &name : request.columns)
            select.append(table.selectAs.value(name, column(name)));
    }
    if (select.isEmpty())
        throw Error(ErrorKind::Terminal, QStringLiteral("table %1 has no columns").arg(table.table.name));

    const QString where = whereSql(request, table, params);

    QStringList order;
    if (!request.sortColumn.isEmpty()) {
        order.append(column(request.sortColumn) +
                     (request.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
        if (!table.tieBreaker.isEmpty())
            order.append(table.tieBreaker);
    } else if (!table.naturalOrder.isEmpty()) {
        order.append(table.naturalOrder);
    }

    QString sql =
        QStringLiteral("SELECT %1 FROM %2 AS t0").arg(select.join(QStringLiteral(", ")), fromSql(request, table));
    sql += where;
    if (!order.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));
    // One row more than asked for tells whether another page exists.
    const int limit = std::clamp(request.limit, 1, kMaxPageRows);
    sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit + 1).arg(std::max<qint64>(0, request.offset));
    return sql;
}

QString SqlDatasetBrowser::filterSql(const QString &column, const ColumnFilter &filter, QVariantList *params) const
{
    // Every value is a parameter; only operators and the quoted column are SQL text.
    const auto bind = [&](const QVariant &value) {
        params->append(value);
        return m_sql->placeholder(int(params->size()) - 1);
    };
    using Op = ColumnFilter::Op;
    switch (filter.op) {
    case Op::Contains:
        return QStringLiteral("%1 %2 %3 ESCAPE '%4'")
            .arg(textExpression(column), likeOperator(), bind(containsPattern(filter.value.toString())),
                 QChar(kLikeEscape));
    case Op::Like:
        return QStringLiteral("%1 LIKE %2").arg(textExpression(column), bind(filter.value));
    case Op::IsNull:
        return column + QStringLiteral(" IS NULL");
    case Op::IsNotNull:
        return column + QStringLiteral(" IS NOT NULL");
    case Op::Between: {
        const QString from = bind(filter.value);
        return QStringLiteral("%1 BETWEEN %2 AND %3").arg(column, from, bind(filter.second));
    }
    case Op::Equal:
        return QStringLiteral("%1 = %2").arg(column, bind(filter.value));
    case Op::NotEqual:
        return QStringLiteral("%1 <> %2").arg(column, bind(filter.value));
    case Op::Less:
        return QStringLiteral("%1 < %2").arg(column, bind(filter.value));
    case Op::LessOrEqual:
        return QStringLiteral("%1 <= %2").arg(column, bind(filter.value));
    case Op::Greater:
        return QStringLiteral("%1 > %2").arg(column, bind(filter.value));
    case Op::GreaterOrEqual:
        return QStringLiteral("%1 >= %2").arg(column, bind(filter.value));
    }
    return {};
}

QList<BrowserDataset> SqlDatasetBrowser::datasetsWithStaging(const QStringList &withVersion, const QSet<QString> &all)
{
    static const QString suffix = QStringLiteral("_staging");
    const QSet<QString> listed(withVersion.cbegin(), withVersion.cend());
    QList<BrowserDataset> out;
    QSet<QString> shown;
    for (const QString &name : withVersion) {
        if (name.endsWith(suffix) && listed.contains(name.chopped(suffix.size())))
            continue; // listed right after its dataset
        out.append({name, false, true});
        shown.insert(name);
        if (all.contains(name + suffix)) {
            out.append({name + suffix, true, true});
            shown.insert(name + suffix);
        }
    }
    // Then every other schema the user may read, but the database's own and Wharf's ledger.
    QStringList others;
    for (const QString &name : all) {
        if (shown.contains(name) || name.startsWith(QLatin1String("pg_")) ||
            name == QLatin1String("information_schema") || name == QLatin1String("_wharf"))
            continue;
        others.append(name);
    }
    others.sort();
    for (const QString &name : std::as_const(others))
        out.append({name, false, false});
    return out;
}

} // namespace wharf
