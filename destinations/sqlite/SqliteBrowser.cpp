#include "SqliteBrowser.h"

#include "Error.h"
#include "SqliteConnection.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace wharf::sqlite {

namespace {

const QString kMain = QStringLiteral("main");
const QString kStagingSuffix = QStringLiteral("_staging");
// SQLITE_MAX_ATTACHED is 10 by default; keep well below it by detaching what is not in use.
constexpr int kMaxAttached = 8;

} // namespace

SqliteBrowser::SqliteBrowser(Capabilities caps, const QString &databasePath)
    : SqlDatasetBrowser([&] {
        auto connection = std::make_unique<SqliteConnection>(std::move(caps), databasePath, kMain);
        connection->setReadOnly(true);
        return connection;
    }())
    , m_path(databasePath)
{}

void SqliteBrowser::applyWriteMode(bool allowed)
{
    connection().close();
    connection().setReadOnly(!allowed);
}

SqliteConnection &SqliteBrowser::connection()
{
    return static_cast<SqliteConnection &>(sql());
}

QList<BrowserDataset> SqliteBrowser::listDatasets()
{
    QList<BrowserDataset> out;
    if (m_path == QLatin1String(":memory:") || !QFileInfo::exists(m_path))
        return out; // nothing loaded yet: no file is created just for looking
    // The inverse of SqliteConnection::datasetFile: <base>__<dataset>.<suffix> in the same folder.
    const QFileInfo info(m_path);
    const QString prefix = info.completeBaseName() + QStringLiteral("__");
    const QString suffix = QLatin1Char('.') + (info.suffix().isEmpty() ? QStringLiteral("db") : info.suffix());
    QStringList names;
    const QStringList files = info.dir().entryList({prefix + QLatin1Char('*') + suffix}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString name = file.mid(prefix.size(), file.size() - prefix.size() - suffix.size());
        if (!name.isEmpty() && SqliteConnection::datasetFile(m_path, name) == info.dir().filePath(file))
            names.append(name);
    }
    open();
    if (mainHasTables())
        names.prepend(kMain);
    // Which hold _dlt_version (each is a file of its own: attached to look).
    QStringList withVersion;
    for (const QString &name : std::as_const(names)) {
        useDataset(name);
        if (!sql()
                 .query(QStringLiteral("SELECT 1 FROM %1.sqlite_master WHERE type = 'table' AND name = '_dlt_version'")
                            .arg(quoteName(name)))
                 .isEmpty())
            withVersion.append(name);
    }
    return datasetsWithStaging(withVersion, QSet<QString>(names.cbegin(), names.cend()));
}

// Wharf's job ledger (_wharf_job_ledger) lives in the main file; it alone does not make "main"
// a dataset.
bool SqliteBrowser::mainHasTables()
{
    return !sql()
                .query(QStringLiteral("SELECT 1 FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', "
                                      "'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
                                      "AND name NOT LIKE '!_wharf!_%' ESCAPE '!' LIMIT 1"))
                .isEmpty();
}

void SqliteBrowser::useDataset(const QString &dataset)
{
    open();
    if (dataset == kMain)
        return;
    QStringList attached;
    for (const auto &row : sql().query(QStringLiteral("PRAGMA database_list"))) {
        const QString name = row.value(1).toString();
        if (name == dataset)
            return;
        if (name != kMain && name != QLatin1String("temp"))
            attached.append(name);
    }
    if (attached.size() >= kMaxAttached) {
        for (const QString &name : attached)
            sql().execute(QStringLiteral("DETACH DATABASE %1").arg(quoteName(name)));
    }
    connection().attachDataset(dataset);
    for (const auto &row : sql().query(QStringLiteral("PRAGMA database_list")))
        if (row.value(1).toString() == dataset)
            return;
    throw UndefinedRelation(
        QStringLiteral("dataset %1 does not exist (no file %2)")
            .arg(dataset, QDir::toNativeSeparators(SqliteConnection::datasetFile(m_path, dataset))));
}

QList<SqlDatasetBrowser::CatalogTable> SqliteBrowser::catalogTables(const QString &dataset, const QString &onlyTable)
{
    // pragma_table_list (SQLite 3.37) gives the kind and whether the table has a rowid.
    QString listSql = QStringLiteral("SELECT name, type, wr FROM pragma_table_list WHERE schema = ?");
    QVariantList params{dataset};
    if (!onlyTable.isEmpty()) {
        listSql += QStringLiteral(" AND name = ?");
        params.append(onlyTable);
    }
    const auto listed = sql().query(listSql, params);
    const bool haveStat1 = !sql()
                                .query(QStringLiteral("SELECT 1 FROM pragma_table_list WHERE schema = ? AND "
                                                      "name = 'sqlite_stat1'"),
                                       {dataset})
                                .isEmpty();
    QList<CatalogTable> out;
    for (const auto &row : listed) {
        const QString name = row.value(0).toString();
        const QString type = row.value(1).toString();
        if (name.startsWith(QLatin1String("sqlite_")) ||
            (type != QLatin1String("table") && type != QLatin1String("view")))
            continue;
        CatalogTable entry;
        entry.table.name = name;
        entry.table.kind = type == QLatin1String("view") ? BrowserTableKind::View : BrowserTableKind::Table;
        QSet<QString> lowerNames;
        for (const auto &c : sql().query(QStringLiteral("SELECT name, type, \"notnull\" FROM pragma_table_info(?, ?)"),
                                         {name, dataset})) {
            BrowserColumn column;
            column.name = c.value(0).toString();
            column.dbType = c.value(1).toString();
            column.nullable = c.value(2).toLongLong() == 0;
            entry.table.columns.append(column);
            lowerNames.insert(column.name.toLower());
        }
        // The rowid keeps the storage order and breaks ties in sorts; a column may shadow one of
        // its three names (https://sqlite.org/lang_createtable.html#rowid).
        if (entry.table.kind == BrowserTableKind::Table && row.value(2).toLongLong() == 0) {
            for (const char *alias : {"rowid", "_rowid_", "oid"}) {
                if (!lowerNames.contains(QLatin1String(alias))) {
                    entry.naturalOrder = entry.tieBreaker = QStringLiteral("t0.") + QLatin1String(alias);
                    break;
                }
            }
        }
        if (entry.table.kind == BrowserTableKind::Table)
            entry.table.rows = statisticsEstimate(dataset, name, entry.naturalOrder.mid(3), haveStat1);
        out.append(entry);
    }
    return out;
}

qint64 SqliteBrowser::statisticsEstimate(const QString &dataset, const QString &table, const QString &rowid,
                                         bool haveStat1)
{
    // sqlite_stat1.stat starts with the number of rows (https://sqlite.org/fileformat2.html#stat1tab).
    if (haveStat1) {
        qint64 rows = -1;
        for (const auto &r : sql().query(
                 QStringLiteral("SELECT stat FROM %1.sqlite_stat1 WHERE tbl = ?").arg(quoteName(dataset)), {table}))
            rows = std::max(rows, r.value(0).toString().section(QLatin1Char(' '), 0, 0).toLongLong());
        if (rows >= 0)
            return rows;
    }
    if (rowid.isEmpty())
        return -1;
    // max(rowid) is a b-tree seek, not a scan; an upper bound when rows were deleted.
    const auto rows = sql().query(QStringLiteral("SELECT max(%1) FROM %2").arg(rowid, tableReference(dataset, table)));
    return rows.isEmpty() || rows.first().value(0).isNull() ? 0 : rows.first().value(0).toLongLong();
}

} // namespace wharf::sqlite
