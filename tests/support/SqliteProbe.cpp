#include "SqliteProbe.h"

#include "PythonRepr.h"
#include "formats/PythonJson.h"

#include <algorithm>
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

namespace {

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

} // namespace

std::vector<std::string> SqliteProbe::pythonRows(const QString &table, const QStringList &columns) const
{
    std::vector<std::string> out;
    QStringList select;
    for (const QString &c : columns)
        select << quoted(c);
    const QString sql = QStringLiteral("SELECT %1 FROM %2")
                            .arg(select.isEmpty() ? QStringLiteral("1") : select.join(','), quoted(table));
    sqlite3_stmt *stmt = nullptr;
    if (!m_db || sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK)
        return {"<error>"};
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::vector<std::string> items;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_NULL:
                items.push_back("None");
                break;
            case SQLITE_INTEGER:
                items.push_back(std::to_string(sqlite3_column_int64(stmt, c)));
                break;
            case SQLITE_FLOAT:
                items.push_back(wharf::pythonFloatRepr(sqlite3_column_double(stmt, c)));
                break;
            case SQLITE_BLOB:
                items.push_back(pythonBytesRepr(QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, c)),
                                                           sqlite3_column_bytes(stmt, c))));
                break;
            default:
                items.push_back(pythonStrRepr(QString::fromUtf8(
                    reinterpret_cast<const char *>(sqlite3_column_text(stmt, c)), sqlite3_column_bytes(stmt, c))));
                break;
            }
        }
        out.push_back(pythonTupleRepr(items));
    }
    sqlite3_finalize(stmt);
    std::sort(out.begin(), out.end()); // UTF-8 byte order is code point order, as Python sorts
    return out;
}

QList<QStringList> SqliteProbe::tableInfo(const QString &table) const
{
    QList<QStringList> out;
    for (const QString &r :
         rows(QStringLiteral("SELECT name, type, \"notnull\", pk FROM pragma_table_info(%1)")
                  .arg(QLatin1Char('\'') + QString(table).replace(QLatin1Char('\''), QLatin1String("''")) +
                       QLatin1Char('\''))))
        out << r.split(QLatin1Char('|'));
    return out;
}

QList<QStringList> SqliteProbe::uniqueIndexes(const QString &table) const
{
    QList<QStringList> out;
    const QString literal =
        QLatin1Char('\'') + QString(table).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
    for (const QString &index :
         rows(QStringLiteral("SELECT name FROM pragma_index_list(%1) WHERE \"unique\"").arg(literal))) {
        out << rows(QStringLiteral("SELECT name FROM pragma_index_info('%1')")
                        .arg(QString(index).replace(QLatin1Char('\''), QLatin1String("''"))));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace wharf::test
