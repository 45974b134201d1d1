#pragma once

#include "browse/DatasetBrowser.h"
#include "schema/Schema.h"

#include <QList>
#include <QString>
#include <optional>

namespace wharf {

/// One column of a table as dlt's stored schema has it, beside the database's column.
struct SchemaColumnView {
    enum class Status {
        Ok,
        MissingInDatabase, ///< in the schema (with a type) but not in the table
        TypeMismatch,      ///< the database's type is not one dlt's type is created as
        NotInSchema,       ///< in the table only (added by hand, or by another schema)
        NoType,            ///< in the schema without a data type: never created, as in dlt
    };
    QString name;
    QString dltType; ///< dltTypeText(): "decimal(38,9)", empty when none
    QString dbType;  ///< as the catalog spells it, empty when not in the database
    bool nullable = true;
    QStringList hints;    ///< "primary key", "merge key", "unique", "row key", "partition", ...
    bool variant = false; ///< a variant column (`<name>__v_<type>`): values that did not fit the column's type
    Status status = Status::Ok;
    QString note; ///< what the status means for this column, in words
};

/// A table of the stored schema and how the database matches it.
struct SchemaTableView {
    QString name;
    QString parent;      ///< nested tables: the table they hang from
    QString disposition; ///< effective write disposition ("append", "merge", ...)
    QString strategy;    ///< x-merge-strategy of the root, when set
    QString resource;
    bool inDatabase = false;
    qint64 rows = -1; ///< the browser's count or estimate; -1 unknown
    bool rowsExact = false;
    QList<SchemaColumnView> columns;
    int differences = 0; ///< columns not Ok (NoType counts not), plus 1 when the table is missing
};

/// One stored dlt schema of a dataset compared with the dataset's tables.
struct SchemaView {
    QString name;
    qint64 version = 0;
    QString versionHash;
    QList<SchemaTableView> tables; ///< depth-first: each root table, then its nested tables
    int differences = 0;
};

/// Compares `schema` with the tables the browser lists for its dataset (`dbTables`). Names are
/// compared as stored, then case-insensitively (PostgreSQL folds them). A database type is a
/// mismatch only when it is clearly another kind (text in a bigint column, ...); unknown
/// spellings are taken as matching.
SchemaView compareSchema(const Schema &schema, const QList<BrowserTable> &dbTables);

/// The dlt types a database column type (any dialect, as the catalog spells it) can hold a
/// column of: {Text} for "character varying", {Bigint} for "INTEGER", ...; empty when unknown.
QList<DataType> dltTypesForDbType(const QString &dbType);

} // namespace wharf
