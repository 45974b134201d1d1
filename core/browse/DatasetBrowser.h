#pragma once

#include <QList>
#include <QLocale>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf {

/// A dataset of a destination as the browser lists it (PostgreSQL: a schema; SQLite: the
/// main file or an attached `<db>__<dataset>.db`).
struct BrowserDataset {
    QString name;
    /// `<dataset>_staging` of a listed dataset: merge jobs load into it first.
    bool staging = false;
    /// Holds `_dlt_version` (a dataset dlt or Wharf loaded). Other schemas are listed too,
    /// after the dlt ones, and browse without dlt types.
    bool dlt = true;
};

/// A column as the database has it, with dlt's type beside it when the dataset's stored
/// schema (`_dlt_version`) knows the column.
struct BrowserColumn {
    QString name;
    QString dbType;  ///< as the catalog spells it ("bigint", "timestamp with time zone", "TEXT")
    QString dltType; ///< dlt's data_type, with precision/scale ("decimal(38,9)"); empty if unknown
    bool nullable = true;
    /// For people and tooltips: "name: db type (dlt type)".
    QString describe() const;
};

enum class BrowserTableKind { Table, View };

/// A table (or view) with its columns and a cheap row count.
struct BrowserTable {
    QString name;
    BrowserTableKind kind = BrowserTableKind::Table;
    /// Rows: exact when `rowsExact`, else the database's estimate; -1 when unknown. Never the
    /// result of counting a large table.
    qint64 rows = -1;
    bool rowsExact = false;
    QList<BrowserColumn> columns;

    /// "1,234", "≈1,234" or "?", in `locale`'s digits.
    QString rowsText(const QLocale &locale = QLocale()) const;
    const BrowserColumn *column(const QString &name) const;
    bool isDltTable() const { return name.startsWith(QLatin1String("_dlt")); }
};

/// One page of a table: what the grid asks for.
struct PageRequest {
    static constexpr int kDefaultLimit = 200;

    QString dataset;
    QString table;
    /// A query typed in the SQL console (one SELECT, WITH, VALUES or TABLE statement, see
    /// ConsoleStatement): when set, the pages are of its result and `table` is ignored; the
    /// query runs again for each page and count (never with writes allowed). SDK 3.
    QString query;
    QStringList columns; ///< the columns to read, in order; empty = all, in table order
    QString sortColumn;  ///< empty = the table's natural (storage) order
    bool descending = false;
    /// column -> text: keeps rows whose column, as text, contains the text (case-insensitive;
    /// `%`, `_` and quotes are matched literally). Empty texts are ignored.
    QMap<QString, QString> filters;
    qint64 offset = 0;
    int limit = kDefaultLimit;
};

/// Rows of one page, in the order asked for.
struct BrowserPage {
    QStringList columns;
    QList<QVariantList> rows;
    qint64 offset = 0;
    bool hasMore = false; ///< at least one more row matches after this page
};

/// A row of a dataset's `_dlt_loads`: one package dlt (or Wharf) loaded into it.
struct BrowserLoad {
    QString loadId;
    QString schemaName;
    int status = 0;     ///< dlt writes 0 (loaded)
    QString insertedAt; ///< as the database gives it back
    QString schemaVersionHash;
};

/// The rows one load left in one table.
struct LoadTableRows {
    QString table;
    qint64 rows = 0;
    /// A nested table has no `_dlt_load_id`: its rows are those whose `_dlt_root_id` is a row
    /// of this root table with the load id. Empty for a table counted by its own `_dlt_load_id`.
    QString root;
};

/// Reads a destination's datasets and tables for people to look at: catalog queries, cheap row
/// estimates and pages of rows with server-side sorting and filtering (never a full-table read
/// into memory). Created by Destination::createBrowser(); owns one connection and, like a
/// JobClient, is used by one thread at a time; only cancel() may be called from another
/// thread. Every method except cancel() may throw wharf::Error.
class DatasetBrowser {
public:
    virtual ~DatasetBrowser() = default;

    /// Connects (read-only where the database allows it). Idempotent.
    virtual void open() = 0;
    virtual void close() = 0;
    /// The dlt datasets, sorted by name, each staging dataset right after its dataset.
    virtual QList<BrowserDataset> listDatasets() = 0;
    /// Tables and views of `dataset`, user tables by name and dlt's own `_dlt_*` tables last.
    virtual QList<BrowserTable> listTables(const QString &dataset) = 0;
    /// One page of rows. Throws Error(Terminal) for a column the table does not have.
    virtual BrowserPage fetchPage(const PageRequest &request) = 0;
    /// The exact number of rows of `request`'s table that its filters keep (offset, limit,
    /// sort and columns are ignored): a full count, asked for by the user, cancellable.
    virtual qint64 countRows(const PageRequest &request) = 0;
    /// Interrupts the statement running on the browser's connection (sqlite3_interrupt /
    /// PQcancel); it then throws Error(Cancelled). Callable from any thread.
    virtual void cancel() = 0;

    /// The newest stored version of each dlt schema of `dataset` (`_dlt_version.schema`,
    /// decoded to JSON), newest first; empty when the dataset has none (SDK 3; the default).
    virtual QList<QByteArray> storedSchemas(const QString &dataset);

    /// Runs a statement typed in the SQL console that is not a query (ConsoleStatement), once,
    /// with `dataset` as the default for unqualified names; returns its rows, if any (at most
    /// `maxRows`; `hasMore` when there were more). With `allowWrites` false the connection
    /// refuses writes, as always; true makes it writable for this statement alone (SDK 3).
    /// The default: Error(Config), the destination cannot.
    virtual BrowserPage runStatement(const QString &dataset, const QString &sql, bool allowWrites, int maxRows);

    // Load history (SDK 3). The defaults say the destination cannot do it (Error(Config)).

    /// The loads recorded in `dataset`'s `_dlt_loads`, newest first.
    virtual QList<BrowserLoad> listLoads(const QString &dataset);
    /// How many rows load `loadId` left in each table of `dataset` that has any: tables with
    /// `_dlt_load_id` by it, nested tables through their root's rows (`_dlt_root_id`).
    virtual QList<LoadTableRows> countLoadRows(const QString &dataset, const QString &loadId);
    /// Deletes what countLoadRows() counts, and the load's `_dlt_loads` row, in one transaction
    /// (nothing is deleted when it throws); returns what was deleted. The only write a
    /// browser makes: the connection is writable for this statement group alone.
    virtual QList<LoadTableRows> deleteLoadRows(const QString &dataset, const QString &loadId);
};

} // namespace wharf

Q_DECLARE_METATYPE(wharf::BrowserDataset)
Q_DECLARE_METATYPE(wharf::BrowserTable)
Q_DECLARE_METATYPE(wharf::PageRequest)
Q_DECLARE_METATYPE(wharf::BrowserPage)
Q_DECLARE_METATYPE(wharf::BrowserLoad)
Q_DECLARE_METATYPE(wharf::LoadTableRows)
