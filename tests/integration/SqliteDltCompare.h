#pragma once

// Compares a SQLite dataset file with what the real dlt left for the same packages
// (sqlite_state.json of tests/data/dlt/expected, written by dlt-kit): per table the row count,
// the md5 of the rows as compare_sqlite.py renders them, the columns (name, declared type,
// NOT NULL, primary key) and the unique indexes; and no table dlt did not make.
#include "SqliteProbe.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

namespace wharf::test {

struct SqliteComparison {
    bool ok = true;
    QString report; ///< one line per table and a summary
};

inline SqliteComparison compareSqliteWithDlt(const QString &dbFile, const QJsonObject &expectedFile)
{
    SqliteComparison c;
    QStringList lines;
    const SqliteProbe db(dbFile);
    const QJsonObject tables = expectedFile.value(QStringLiteral("tables")).toObject();
    const QStringList have = db.tables();
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        const QString table = it.key();
        const QJsonObject want = it.value().toObject();
        if (!have.contains(table)) {
            lines << QStringLiteral("MISSING %1").arg(table);
            c.ok = false;
            continue;
        }
        QStringList problems;
        QStringList compared;
        for (const QJsonValue &v : want.value(QStringLiteral("compared_columns")).toArray())
            compared << v.toString();
        const std::vector<std::string> rows = db.pythonRows(table, compared);
        if (qint64(rows.size()) != want.value(QStringLiteral("count")).toInteger())
            problems << QStringLiteral("count %1, dlt %2").arg(rows.size()).arg(want.value("count").toInteger());
        QByteArray joined;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (k > 0)
                joined += '\n';
            joined += QByteArray::fromStdString(rows[k]);
        }
        const QString md5 = QString::fromLatin1(QCryptographicHash::hash(joined, QCryptographicHash::Md5).toHex());
        if (md5 != want.value(QStringLiteral("md5")).toString())
            problems << QStringLiteral("checksum differs");
        QStringList columns;
        for (const QStringList &col : db.tableInfo(table))
            columns << col.join(QLatin1Char(' '));
        QStringList wantColumns;
        for (const QJsonValue &v : want.value(QStringLiteral("columns")).toArray()) {
            const QJsonArray a = v.toArray();
            wantColumns << QStringLiteral("%1 %2 %3 %4")
                               .arg(a.at(0).toString(), a.at(1).toString())
                               .arg(a.at(2).toInt())
                               .arg(a.at(3).toInt());
        }
        if (columns != wantColumns)
            problems << QStringLiteral("columns [%1], dlt [%2]")
                            .arg(columns.join(QStringLiteral(", ")), wantColumns.join(QStringLiteral(", ")));
        QStringList unique;
        for (const QStringList &index : db.uniqueIndexes(table))
            unique << index.join(QLatin1Char(','));
        QStringList wantUnique;
        for (const QJsonValue &v : want.value(QStringLiteral("unique")).toArray()) {
            QStringList cols;
            for (const QJsonValue &col : v.toArray())
                cols << col.toString();
            wantUnique << cols.join(QLatin1Char(','));
        }
        if (unique != wantUnique)
            problems << QStringLiteral("unique indexes [%1], dlt [%2]").arg(unique.join(' '), wantUnique.join(' '));
        if (!problems.isEmpty())
            c.ok = false;
        lines << (problems.isEmpty() ? QStringLiteral("OK      ") : QStringLiteral("DIFF    ")) + table +
                     (problems.isEmpty() ? QString() : QStringLiteral("  ") + problems.join(QStringLiteral("; ")));
    }
    for (const QString &t : have)
        if (!tables.contains(t)) {
            lines << QStringLiteral("EXTRA   %1").arg(t);
            c.ok = false;
        }
    c.report = lines.join(QLatin1Char('\n'));
    return c;
}

} // namespace wharf::test
