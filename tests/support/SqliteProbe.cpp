#include "SqliteProbe.h"

#include <sqlite3.h>

namespace wharf::test {

SqliteProbe::SqliteProbe(const QString &path)
{
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
}

SqliteProbe::~SqliteProbe()
{
    sqlite3_close(m_db);
}

QStringList SqliteProbe::rows(const QString &sql) const
{
    QStringList out;
    sqlite3_stmt *stmt = nullptr;
    if (!m_db || sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        out << QStringLiteral("<error: %1>")
                   .arg(m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not open"));
        return out;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        QStringList cells;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            if (sqlite3_column_type(stmt, c) == SQLITE_NULL)
                cells << QStringLiteral("<null>");
            else
                cells << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, c)),
                                           sqlite3_column_bytes(stmt, c));
        }
        out << cells.join(QLatin1Char('|'));
    }
    sqlite3_finalize(stmt);
    return out;
}

QVariant SqliteProbe::scalar(const QString &sql) const
{
    const QStringList r = rows(sql);
    if (r.isEmpty())
        return {};
    return r.first();
}

QStringList SqliteProbe::tables() const
{
    QStringList t = rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"));
    return t;
}

QList<QStringList> SqliteProbe::columns(const QString &table) const
{
    QList<QStringList> out;
    for (const QString &r : rows(QStringLiteral("SELECT name, type, \"notnull\" FROM pragma_table_info('%1')")
                                     .arg(QString(table).replace(QLatin1Char('\''), QLatin1String("''")))))
        out << r.split(QLatin1Char('|'));
    return out;
}

} // namespace wharf::test
