#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <string>
#include <vector>

struct sqlite3;

namespace wharf::test {

/// A read-only look into a SQLite file for assertions (independent of the code under test).
class SqliteProbe {
public:
    explicit SqliteProbe(const QString &path);
    ~SqliteProbe();
    bool isOpen() const { return m_db != nullptr; }
    /// All rows of a query; each row's values joined by '|' (NULL as "<null>").
    QStringList rows(const QString &sql) const;
    /// First column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql) const;
    QStringList tables() const;
    /// (name, declared type, notnull) per column, in order.
    QList<QStringList> columns(const QString &table) const;
    /// Every row of `columns` of `table` as Python's repr() of the tuple Python's sqlite3 returns,
    /// sorted as Python sorts strings (what dlt-kit's compare_sqlite.py checksums).
    std::vector<std::string> pythonRows(const QString &table, const QStringList &columns) const;
    /// PRAGMA table_info: [name, declared type, notnull, pk] per column, in order.
    QList<QStringList> tableInfo(const QString &table) const;
    /// The column lists of the table's unique indexes, sorted.
    QList<QStringList> uniqueIndexes(const QString &table) const;

private:
    sqlite3 *m_db = nullptr;
};

} // namespace wharf::test
