#include "SqliteRowInserter.h"

#include "Error.h"
#include "formats/TextScan.h"

#include <algorithm>
#include <sqlite3.h>

namespace wharf::sqlite {

namespace {

// Rows per statement, at most: more gains nothing measurable and costs a longer SQL text.
constexpr int kMaxRowsPerStatement = 500;

// Does `s` point into `text` (the batch's own value, alive until the next batch) rather than
// into a coercer's scratch buffer (overwritten by the next row's value of the column)?
bool inside(std::string_view s, const std::string &text)
{
    return !s.empty() && s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
}

} // namespace

SqliteRowInserter::SqliteRowInserter(SqliteConnection &db, QString qualifiedTable, QStringList quotedColumns,
                                     std::vector<Coercer> coercers, QString path)
    : m_db(db)
    , m_table(std::move(qualifiedTable))
    , m_columns(std::move(quotedColumns))
    , m_coercers(std::move(coercers))
    , m_path(std::move(path))
{
    const int variables = sqlite3_limit(db.handle(), SQLITE_LIMIT_VARIABLE_NUMBER, -1);
    const int columns = std::max<int>(1, int(m_columns.size()));
    m_rowsPerStatement = std::clamp(variables / columns, 1, kMaxRowsPerStatement);
}

SqliteRowInserter::~SqliteRowInserter()
{
    for (auto &[rows, stmt] : m_statements)
        sqlite3_finalize(stmt);
}

sqlite3_stmt *SqliteRowInserter::statementFor(int rows)
{
    if (auto it = m_statements.find(rows); it != m_statements.end())
        return it->second;
    QString group = QStringLiteral("(");
    for (qsizetype c = 0; c < m_columns.size(); ++c)
        group += c ? QStringLiteral(",?") : QStringLiteral("?");
    group += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(m_table, m_columns.join(QLatin1Char(',')));
    sql.reserve(sql.size() + rows * (group.size() + 1));
    for (int r = 0; r < rows; ++r) {
        if (r)
            sql += QLatin1Char(',');
        sql += group;
    }
    sqlite3_stmt *stmt = m_db.prepare(sql);
    m_statements.emplace(rows, stmt);
    return stmt;
}

void SqliteRowInserter::bindRow(sqlite3_stmt *stmt, int first, const RowBatch &batch, std::size_t r)
{
    const Value *row = batch.row(r);
    std::size_t c = 0;
    try {
        for (; c < m_coercers.size(); ++c) {
            const Cell cell = m_coercers[c].convert(row[c]);
            const int pos = first + int(c);
            int rc = SQLITE_OK;
            // Converted values live in the coercer until its next value: SQLite copies them.
            const auto lifetime = inside(cell.s, row[c].text) ? SQLITE_STATIC : SQLITE_TRANSIENT;
            switch (cell.type) {
            case Cell::Type::Null:
                rc = sqlite3_bind_null(stmt, pos);
                break;
            case Cell::Type::Int:
                rc = sqlite3_bind_int64(stmt, pos, cell.i);
                break;
            case Cell::Type::Double:
                rc = sqlite3_bind_double(stmt, pos, cell.d);
                break;
            case Cell::Type::Text:
                // SQLite would store any bytes; PostgreSQL (and dlt's other destinations) refuse
                // these, and a dataset must not depend on where it was loaded.
                if (const char *problem = textProblem(cell.s))
                    throw Error(ErrorKind::Terminal, QStringLiteral("the text holds %1, which cannot be stored as text")
                                                         .arg(QLatin1String(problem)));
                rc =
                    sqlite3_bind_text64(stmt, pos, cell.s.data(), sqlite3_uint64(cell.s.size()), lifetime, SQLITE_UTF8);
                break;
            case Cell::Type::Blob:
                rc = sqlite3_bind_blob64(stmt, pos, cell.s.data(), sqlite3_uint64(cell.s.size()), lifetime);
                break;
            }
            if (rc != SQLITE_OK)
                m_db.raise(rc, QStringLiteral("INSERT INTO %1").arg(m_table));
        }
    } catch (Error &e) {
        sqlite3_reset(stmt);
        e.withLocation(SourceLocation{m_path, batch.line(r), 0,
                                      c < m_coercers.size() ? m_coercers[c].columnName() : e.location().field});
        throw;
    }
}

void SqliteRowInserter::step(sqlite3_stmt *stmt, const RowBatch &batch, std::size_t r)
{
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        raiseAt(rc, batch, r);
}

void SqliteRowInserter::raiseAt(int rc, const RowBatch &batch, std::size_t r)
{
    try {
        m_db.raise(rc, QStringLiteral("INSERT INTO %1").arg(m_table));
    } catch (Error &e) {
        e.withLocation(SourceLocation{m_path, batch.line(r), 0, e.location().field});
        throw;
    }
}

void SqliteRowInserter::insertOneByOne(const RowBatch &batch, std::size_t from, std::size_t to)
{
    sqlite3_stmt *single = statementFor(1);
    for (std::size_t r = from; r < to; ++r) {
        bindRow(single, 1, batch, r);
        step(single, batch, r);
    }
}

void SqliteRowInserter::insert(const RowBatch &batch)
{
    const int columns = int(m_coercers.size());
    std::size_t r = 0;
    while (r < batch.rowCount()) {
        const int rows = int(std::min<std::size_t>(std::size_t(m_rowsPerStatement), batch.rowCount() - r));
        if (rows == 1) {
            insertOneByOne(batch, r, r + 1);
            ++r;
            continue;
        }
        sqlite3_stmt *stmt = statementFor(rows);
        for (int k = 0; k < rows; ++k)
            bindRow(stmt, 1 + k * columns, batch, r + std::size_t(k));
        const bool inTransaction = m_db.inTransaction();
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE) {
            // A row the table refuses: the statement changed nothing (SQLite statements are
            // atomic) and the transaction goes on, so the rows one by one name it. Any other
            // error (an interrupt from Cancel, I/O, a full disk) may have rolled the whole
            // transaction back: rows inserted now would each commit on their own.
            const int primary = rc & 0xff;
            if ((primary != SQLITE_CONSTRAINT && primary != SQLITE_MISMATCH) ||
                (inTransaction && !m_db.inTransaction()))
                raiseAt(rc, batch, r);
            insertOneByOne(batch, r, r + std::size_t(rows));
        }
        r += std::size_t(rows);
    }
}

} // namespace wharf::sqlite
