#pragma once

#include "browse/DatasetBrowser.h"
#include "browse/StoredSchema.h"
#include "sql/SqlClient.h"

#include <QHash>
#include <QSet>
#include <memory>

namespace wharf {

struct ColumnFilter;

/// The part of a dataset browser every SQL destination shares: paging SQL (sorting, filters,
/// LIMIT/OFFSET), bounded row counts for small tables, dlt types from `_dlt_version`. The
/// destinations supply the catalog queries (SqliteBrowser, PgBrowser). Same threading rules as
/// DatasetBrowser.
class SqlDatasetBrowser : public DatasetBrowser {
public:
    /// Tables with fewer rows than this are counted exactly (reading at most this many rows);
    /// larger ones show the database's estimate.
    static constexpr qint64 kExactCountLimit = 10000;
    /// Most rows one page may hold.
    static constexpr int kMaxPageRows = 10000;

    void open() override;
    void close() override;
    QList<BrowserTable> listTables(const QString &dataset) override;
    BrowserPage fetchPage(const PageRequest &request) override;
    qint64 countRows(const PageRequest &request) override;
    void cancel() override;
    QList<BrowserLoad> listLoads(const QString &dataset) override;
    QList<QByteArray> storedSchemas(const QString &dataset) override;
    BrowserPage runStatement(const QString &dataset, const QString &sql, bool allowWrites, int maxRows) override;
    QList<LoadTableRows> countLoadRows(const QString &dataset, const QString &loadId) override;
    QList<LoadTableRows> deleteLoadRows(const QString &dataset, const QString &loadId) override;

    /// `"name"` with embedded quotes doubled: a name exactly as the catalog stores it. (Unlike
    /// SqlClient::escapeIdentifier, no case folding or dlt's backslash doubling: those apply to
    /// names dlt creates, not to names read back from the catalog.)
    /// A catalog name quoted as stored (no folding), in the client's dialect.
    QString quoteName(const QString &name) const;
    /// A LIKE pattern matching `text` anywhere, with kLikeEscape escaping `%`, `_` and itself.
    static QString containsPattern(const QString &text);
    static constexpr char16_t kLikeEscape = u'!';

protected:
    explicit SqlDatasetBrowser(std::unique_ptr<SqlClient> sql);

    /// A table as the catalog describes it, with what paging needs.
    struct CatalogTable {
        BrowserTable table; ///< columns with db types; rows = statistics estimate or -1
        /// Expression (on alias `t0`) giving the storage order cheaply, e.g. `t0.rowid`;
        /// empty: no ORDER BY when unsorted.
        QString naturalOrder;
        /// Expression (on alias `t0`) that makes a sort total, so that pages neither overlap
        /// nor skip rows with equal sort keys; empty when the table has none (views).
        QString tieBreaker;
        /// Per column name: the expression selecting it when not the plain column (e.g.
        /// PostgreSQL numeric read as exact text).
        QHash<QString, QString> selectAs;
        /// A console query (PageRequest::query): FROM reads `(query)` instead of the table.
        QString query;
    };

    SqlClient &sql() { return *m_sql; }
    /// Makes `dataset` reachable by qualified names (SQLite attaches its file). Throws
    /// UndefinedRelation when the dataset does not exist.
    virtual void useDataset(const QString &dataset) = 0;
    /// Makes `dataset` the default for unqualified names in SQL typed in the console
    /// (PostgreSQL's search_path, MySQL's USE). Default: useDataset() alone (SQLite looks in
    /// every attached file).
    virtual void useAsDefault(const QString &dataset) { useDataset(dataset); }
    /// Called after the connection opened (session settings; read-only unless writesAllowed()).
    virtual void afterOpen() {}
    /// Makes the connection accept writes (`allowed`) or refuse them again (the default);
    /// applyWriteMode() does it.
    void setWritesAllowed(bool allowed);
    bool writesAllowed() const { return m_writes; }
    /// Switches the connection, when open, to writes allowed or not. A destination whose
    /// browser connects read-only implements it (PostgreSQL and MySQL switch the session,
    /// SQLite reopens the file) and its afterOpen() follows writesAllowed(); the default
    /// refuses writes with Error(Config).
    virtual void applyWriteMode(bool allowed);
    /// Tables and views of `dataset` (only `onlyTable` when not empty), in any order.
    virtual QList<CatalogTable> catalogTables(const QString &dataset, const QString &onlyTable) = 0;
    /// The text form of a column for filtering; `column` is already quoted.
    virtual QString textExpression(const QString &column) const;
    /// The WHERE condition of one column filter (ColumnFilter), its values appended to `params`.
    QString filterSql(const QString &column, const ColumnFilter &filter, QVariantList *params) const;
    /// Case-insensitive LIKE ("LIKE" in SQLite, "ILIKE" in PostgreSQL).
    virtual QString likeOperator() const { return QStringLiteral("LIKE"); }

    /// The datasets to list: those holding `_dlt_version` (`withVersion`, in order), each
    /// followed by its `<name>_staging` when `all` has it (a staging dataset of a listed one is
    /// not listed on its own); then the other schemas of `all` by name (dlt = false), but
    /// the database's own (pg_*, information_schema) and Wharf's ledger (_wharf).
    static QList<BrowserDataset> datasetsWithStaging(const QStringList &withVersion, const QSet<QString> &all);

    /// `"dataset"."table"`.
    QString tableReference(const QString &dataset, const QString &table) const;

private:
    DltTypeIndex dltTypes(const QString &dataset, bool hasVersionTable);
    void addStoredSchemas(const QString &dataset, DltTypeIndex &index);
    /// storedSchemas() once the dataset is in use and known to hold `_dlt_version`.
    QList<QByteArray> readStoredSchemas(const QString &dataset);
    qint64 boundedCount(const QString &dataset, const QString &table);
    CatalogTable describe(const QString &dataset, const QString &table);
    /// describe() of the request's table, or of its console query (columns from its result).
    CatalogTable describe(const PageRequest &request);
    /// What FROM reads for `table`: the table, or the console query in parentheses.
    QString fromSql(const PageRequest &request, const CatalogTable &table) const;
    /// `t0.<quoted name>`; throws Error(Terminal) for a column the table does not have.
    QString aliasedColumn(const CatalogTable &table, const QString &name) const;
    /// " WHERE ..." of the request's filters (empty without any); `params` receives their values.
    QString whereSql(const PageRequest &request, const CatalogTable &table, QVariantList *params) const;
    /// The SELECT of one page (limit + 1 rows); `params` receives the filter patterns.
    QString pageSql(const PageRequest &request, const CatalogTable &table, QVariantList *params) const;

    /// The tables that hold rows of loads, with how to find a load's rows in each.
    struct LoadScope {
        QString table;
        QString loadIdColumn; ///< set for a table with its own load id column
        QString root;         ///< for a nested table: its root table
        QString rootIdColumn; ///< the nested table's `_dlt_root_id`
        QString rootRowId;    ///< the root table's `_dlt_id`
        QString rootLoadId;   ///< the root table's `_dlt_load_id`
    };
    QList<LoadScope> loadScopes(const QString &dataset);
    /// `FROM ... WHERE ...` selecting the rows of one load in `scope` (one parameter: the id).
    QString loadRowsSql(const QString &dataset, const LoadScope &scope) const;
    QList<LoadTableRows> countIn(const QString &dataset, const QList<LoadScope> &scopes, const QString &loadId);

    std::unique_ptr<SqlClient> m_sql;
    bool m_writes = false;
};

} // namespace wharf
