// The load history part of SqlDatasetBrowser: `_dlt_loads`, and the rows each load left.
#include "browse/SqlDatasetBrowser.h"

#include "Error.h"

#include <algorithm>

namespace wharf {

namespace {

const QString kLoadsTable = QStringLiteral("_dlt_loads");

// The column of `table` named `name` as the catalog stores it (any case), or empty.
QString storedName(const BrowserTable &table, const QString &name)
{
    for (const BrowserColumn &c : table.columns)
        if (c.name.compare(name, Qt::CaseInsensitive) == 0)
            return c.name;
    return {};
}

} // namespace

void SqlDatasetBrowser::setWritesAllowed(bool allowed)
{
    if (allowed == m_writes)
        return;
    if (allowed) {
        applyWriteMode(true);
        m_writes = true;
        return;
    }
    // Read-only from here whatever happens: a connection that cannot be switched back is
    // closed, and the next one opens read-only (afterOpen follows writesAllowed()).
    m_writes = false;
    try {
        applyWriteMode(false);
    } catch (...) {
        m_sql->close();
        throw;
    }
}

void SqlDatasetBrowser::applyWriteMode(bool allowed)
{
    if (allowed)
        throw Error(ErrorKind::Config, QStringLiteral("this destination cannot be written from the browser"));
}

QList<BrowserLoad> SqlDatasetBrowser::listLoads(const QString &dataset)
{
    open();
    useDataset(dataset);
    const QList<CatalogTable> found = catalogTables(dataset, kLoadsTable);
    const auto loads =
        std::find_if(found.cbegin(), found.cend(), [](const CatalogTable &t) { return t.table.name == kLoadsTable; });
    if (loads == found.cend())
        return {}; // nothing was ever loaded by dlt into this dataset
    const BrowserTable &table = loads->table;
    // Older dlt versions lack some columns: those read as NULL.
    auto column = [&](const QString &name) {
        const QString stored = storedName(table, name);
        return stored.isEmpty() ? QStringLiteral("NULL") : quoteName(stored);
    };
    const QString insertedAt = column(QStringLiteral("inserted_at"));
    const QString loadId = column(QStringLiteral("load_id"));
    const auto rows = m_sql->query(
        QStringLiteral("SELECT %1, %2, %3, %4, %5 FROM %6 ORDER BY %4 DESC, %1 DESC")
            .arg(loadId, column(QStringLiteral("schema_name")), column(QStringLiteral("status")), insertedAt,
                 column(QStringLiteral("schema_version_hash")), tableReference(dataset, kLoadsTable)));
    QList<BrowserLoad> out;
    out.reserve(rows.size());
    for (const auto &row : rows) {
        BrowserLoad load;
        load.loadId = row.value(0).toString();
        load.schemaName = row.value(1).toString();
        load.status = row.value(2).toInt();
        load.insertedAt = row.value(3).toString();
        load.schemaVersionHash = row.value(4).toString();
        out.append(load);
    }
    return out;
}

QList<SqlDatasetBrowser::LoadScope> SqlDatasetBrowser::loadScopes(const QString &dataset)
{
    const QList<CatalogTable> catalog = catalogTables(dataset, {});
    QList<LoadScope> roots;
    QList<const BrowserTable *> nested;
    for (const CatalogTable &entry : catalog) {
        const BrowserTable &t = entry.table;
        if (t.kind != BrowserTableKind::Table || t.name == kLoadsTable)
            continue;
        const QString loadId = storedName(t, QStringLiteral("_dlt_load_id"));
        if (!loadId.isEmpty()) {
            LoadScope scope;
            scope.table = t.name;
            scope.loadIdColumn = loadId;
            scope.rootRowId = storedName(t, QStringLiteral("_dlt_id"));
            roots.append(scope);
        } else if (!storedName(t, QStringLiteral("_dlt_root_id")).isEmpty()) {
            nested.append(&t);
        }
    }
    // dlt names a nested table after its parent ("issues__labels" under "issues"): its root is
    // the longest root table name it starts with, followed by the separator.
    QList<LoadScope> scopes;
    for (const BrowserTable *t : std::as_const(nested)) {
        const LoadScope *root = nullptr;
        for (const LoadScope &candidate : std::as_const(roots))
            if (!candidate.rootRowId.isEmpty() && t->name.startsWith(candidate.table + QStringLiteral("__")) &&
                (!root || candidate.table.size() > root->table.size()))
                root = &candidate;
        if (!root)
            continue; // an orphan: no root table to tell its loads
        LoadScope scope;
        scope.table = t->name;
        scope.root = root->table;
        scope.rootIdColumn = storedName(*t, QStringLiteral("_dlt_root_id"));
        scope.rootRowId = root->rootRowId;
        scope.rootLoadId = root->loadIdColumn;
        scopes.append(scope);
    }
    // Nested tables first: their rows are found through the root rows, which go last.
    std::sort(scopes.begin(), scopes.end(), [](const LoadScope &a, const LoadScope &b) { return a.table < b.table; });
    std::sort(roots.begin(), roots.end(), [](const LoadScope &a, const LoadScope &b) { return a.table < b.table; });
    return scopes + roots;
}

QString SqlDatasetBrowser::loadRowsSql(const QString &dataset, const LoadScope &scope) const
{
    // No table aliases: DELETE takes none in every dialect.
    if (scope.root.isEmpty())
        return QStringLiteral("FROM %1 WHERE %2 = %3")
            .arg(tableReference(dataset, scope.table), quoteName(scope.loadIdColumn), m_sql->placeholder(0));
    return QStringLiteral("FROM %1 WHERE %2 IN (SELECT %3 FROM %4 WHERE %5 = %6)")
        .arg(tableReference(dataset, scope.table), quoteName(scope.rootIdColumn), quoteName(scope.rootRowId),
             tableReference(dataset, scope.root), quoteName(scope.rootLoadId), m_sql->placeholder(0));
}

QList<LoadTableRows> SqlDatasetBrowser::countIn(const QString &dataset, const QList<LoadScope> &scopes,
                                                const QString &loadId)
{
    QList<LoadTableRows> out;
    for (const LoadScope &scope : scopes) {
        const auto rows = m_sql->query(QStringLiteral("SELECT count(*) ") + loadRowsSql(dataset, scope), {loadId});
        const qint64 n = rows.isEmpty() ? 0 : rows.first().value(0).toLongLong();
        if (n > 0)
            out.append(LoadTableRows{scope.table, n, scope.root});
    }
    // Tables by name, as the browser lists them.
    std::sort(out.begin(), out.end(), [](const LoadTableRows &a, const LoadTableRows &b) { return a.table < b.table; });
    return out;
}

QList<LoadTableRows> SqlDatasetBrowser::countLoadRows(const QString &dataset, const QString &loadId)
{
    open();
    useDataset(dataset);
    return countIn(dataset, loadScopes(dataset), loadId);
}

QList<LoadTableRows> SqlDatasetBrowser::deleteLoadRows(const QString &dataset, const QString &loadId)
{
    open();
    useDataset(dataset);
    const QList<LoadScope> scopes = loadScopes(dataset);
    const bool recorded = !catalogTables(dataset, kLoadsTable).isEmpty();
    setWritesAllowed(true);
    QList<LoadTableRows> deleted;
    try {
        useDataset(dataset); // a connection reopened for writing attaches it again
        m_sql->begin();
        deleted = countIn(dataset, scopes, loadId);
        for (const LoadScope &scope : scopes) // nested tables first (loadScopes' order)
            m_sql->execute(QStringLiteral("DELETE ") + loadRowsSql(dataset, scope), {loadId});
        if (recorded)
            m_sql->execute(QStringLiteral("DELETE FROM %1 WHERE %2 = %3")
                               .arg(tableReference(dataset, kLoadsTable), quoteName(QStringLiteral("load_id")),
                                    m_sql->placeholder(0)),
                           {loadId});
        m_sql->commit();
    } catch (...) {
        m_sql->rollback();
        try {
            setWritesAllowed(false);
        } catch (const Error &) {
            // Closed then: the next request opens a read-only connection. The first error is the news.
        }
        throw;
    }
    setWritesAllowed(false);
    return deleted;
}

} // namespace wharf
