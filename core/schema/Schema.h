#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <optional>

namespace wharf {

/// dlt's data types (spec 3.2).
enum class DataType { Text, Double, Bool, Timestamp, Bigint, Binary, Json, Decimal, Wei, Date, Time };

QString dataTypeName(DataType t);
std::optional<DataType> dataTypeFromName(QStringView name);

/// A column of a dlt table (spec 3.4). A column without a data type is incomplete and is never
/// created in a destination.
struct Column {
    QString name;
    std::optional<DataType> dataType;
    std::optional<int> precision;
    std::optional<int> scale;
    bool timezone = true; ///< false = naive timestamp/time
    bool nullable = true;
    bool unique = false;
    bool primaryKey = false;
    bool mergeKey = false;
    bool rowKey = false;
    bool parentKey = false;
    bool rootKey = false;
    bool sort = false;
    bool cluster = false;
    bool partition = false;
    bool hardDelete = false;
    bool variant = false;
    QString dedupSort; ///< "asc"/"desc" or empty
    // scd2 (spec 8.4): the validity columns, the row version, and the marker of active rows.
    bool validFrom = false;  ///< x-valid-from
    bool validTo = false;    ///< x-valid-to
    bool rowVersion = false; ///< x-row-version
    /// x-active-record-timestamp is present on this column (a null value counts: dlt's hint has
    /// no default); activeRecordTimestamp is its value, empty for null (active rows: `to IS NULL`).
    bool hasActiveRecordTimestamp = false;
    QString activeRecordTimestamp;
    /// Every `x-` hint of the column with a scalar value (bool, integer, number, string; null
    /// as an invalid QVariant), for destinations that read their own: PostgreSQL's
    /// x-postgres-geometry / x-postgres-srid (dlt's postgres_adapter).
    QVariantMap extraHints;

    bool isComplete() const { return dataType.has_value(); }
};

enum class WriteDisposition { Append, Replace, Merge, Skip };
QString writeDispositionName(WriteDisposition d);

/// A table of a dlt schema. `writeDisposition` is the table's own value; use
/// Schema::effectiveDisposition() for nested tables, which inherit from their ancestors.
struct Table {
    QString name;
    QString parent; ///< non-empty for nested tables
    std::optional<WriteDisposition> writeDisposition;
    QString mergeStrategy;              ///< x-merge-strategy
    QString boundaryTimestamp;          ///< x-boundary-timestamp (scd2), empty = the package's created_at
    bool stageDataDeduplicated = false; ///< x-stage-data-deduplicated: merge skips de-duplication
    QString fileFormat;
    QString resource;
    QString description;
    bool seenData = false; ///< x-normalizer.seen-data
    QList<Column> columns; ///< in schema order (order matters for DDL)

    const Column *column(const QString &name) const;
    /// Columns with a data type, in order.
    QList<Column> completeColumns() const;
    /// The names of completeColumns(), in schema order (what readers map job files onto).
    QStringList completeColumnNames() const;
    bool isDltTable() const { return name.startsWith(QLatin1String("_dlt")); }
};

/// A dlt stored schema (package schema.json). Parsed preserving the order of tables and columns.
class Schema {
public:
    /// Parses schema JSON. Throws wharf::Error(Terminal) naming `sourceName` for broken JSON or
    /// a document that is not a dlt schema.
    static Schema fromJson(const QByteArray &json, const QString &sourceName = {});
    /// Reads and parses a schema file. Throws wharf::Error(Terminal) for a missing or unreadable file.
    static Schema fromFile(const QString &path);

    QString name;
    qint64 version = 0;
    qint64 engineVersion = 0;
    QString versionHash;
    /// normalizers.names: the naming convention (snake_case when empty), a name or a module path.
    QString namingConvention;
    QList<Table> tables;
    /// The document as read (compact JSON), stored verbatim in `_dlt_version.schema`.
    QByteArray json;

    const Table *table(const QString &name) const;
    /// Does the naming convention tell "MyTable" from "mytable"? dlt's direct, duck_case and
    /// sql_cs_v1 do; snake_case (the default) and sql_ci_v1 do not.
    bool hasCaseSensitiveNaming() const;
    /// Root table of a (possibly nested) table.
    const Table *rootOf(const QString &name) const;
    /// Write disposition of a table, inherited from the nearest ancestor that has one
    /// (append when none has).
    WriteDisposition effectiveDisposition(const QString &name) const;
    /// Root table followed by all nested descendants, depth-first in schema order (spec 2.9).
    QStringList tableChain(const QString &rootName) const;
    /// Nested tables directly under `name`, in schema order.
    QStringList childrenOf(const QString &name) const;
};

/// What a destination must create so that it holds a table: the table (when missing) and
/// the columns it lacks (spec 3.9).
struct TableUpdate {
    QString table;
    bool exists = false; ///< true: ALTER TABLE ... ADD COLUMN, false: CREATE TABLE
    QList<Column> newColumns;
};

/// Computes the update for `table` given the column names the destination already has (empty
/// when the table does not exist). Only additions are detected; type changes are ignored (as
/// in dlt). `caseInsensitive` compares names case-folded (Postgres lower-cases identifiers).
std::optional<TableUpdate> computeTableUpdate(const Table &table, const QStringList &existingColumns,
                                              bool caseInsensitive);

} // namespace wharf
