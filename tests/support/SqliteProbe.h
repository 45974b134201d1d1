#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

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

private:
    sqlite3 *m_db = nullptr;
};

} // namespace wharf::test
