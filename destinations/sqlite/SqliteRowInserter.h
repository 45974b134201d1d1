#pragma once

#include "SqliteConnection.h"
#include "formats/RowReader.h"
#include "load/Coerce.h"

#include <map>
#include <vector>

struct sqlite3_stmt;

namespace wharf::sqlite {

/// Inserts reader rows into one table with prepared multi-row INSERT statements: as many rows
/// per statement as SQLite's limit on bound variables allows (one statement per batch of the
/// reader, usually), each value converted by its column's Coercer and bound, never spliced into
/// SQL. A statement that fails is atomic in SQLite: its rows are then inserted one by one, so
/// that the error names the row (file line and field) that caused it. One per job; not
/// thread-safe.
class SqliteRowInserter {
public:
    /// `qualifiedTable` and `quotedColumns` are escaped already; `coercers` convert the file's
    /// columns in order; `path` is named in errors.
    SqliteRowInserter(SqliteConnection &db, QString qualifiedTable, QStringList quotedColumns,
                      std::vector<Coercer> coercers, QString path);
    ~SqliteRowInserter();
    SqliteRowInserter(const SqliteRowInserter &) = delete;
    SqliteRowInserter &operator=(const SqliteRowInserter &) = delete;

    /// Inserts every row of `batch`. Throws Error (file, line, field) on a value that does not
    /// fit or a row the database refuses; rows before it in the batch may be inserted (the
    /// caller's transaction rolls back).
    void insert(const RowBatch &batch);

    /// Rows one statement carries at most.
    int rowsPerStatement() const { return m_rowsPerStatement; }

private:
    sqlite3_stmt *statementFor(int rows);
    /// Binds row `r` of `batch` from parameter `first` on; throws with the row's location.
    void bindRow(sqlite3_stmt *stmt, int first, const RowBatch &batch, std::size_t r);
    void insertOneByOne(const RowBatch &batch, std::size_t from, std::size_t to);
    void step(sqlite3_stmt *stmt, const RowBatch &batch, std::size_t r);
    /// Throws the error `rc` of an INSERT, located at row `r` of `batch`.
    [[noreturn]] void raiseAt(int rc, const RowBatch &batch, std::size_t r);

    SqliteConnection &m_db;
    QString m_table;
    QStringList m_columns;
    std::vector<Coercer> m_coercers;
    QString m_path;
    int m_rowsPerStatement = 1;
    std::map<int, sqlite3_stmt *> m_statements; ///< by rows per statement
};

} // namespace wharf::sqlite
