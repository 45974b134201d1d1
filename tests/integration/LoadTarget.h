#pragma once

// Where a reliability test or the crash harness loads (tests/integration/tst_Reliability.cpp,
// tests/soak/wharf_soak.cpp): a SQLite file in a work folder or a dataset of its own on the test
// PostgreSQL, with the counts both check.
#include "DltExpected.h"
#include "PgTestSupport.h"
#include "SqliteProbe.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QUrl>
#include <memory>

namespace wharf::test {

/// Where one test loads: a SQLite file in its work folder, or a dataset of its own on the test
/// PostgreSQL (dropped afterwards, staging included).
struct LoadTarget {
    QString type; ///< "sqlite", "postgres" or "mysql"
    QString work; ///< the SQLite files (wh.db, wh__<dataset>.db) and HOME live here
    QString dataset;
    QString appName; ///< PostgreSQL application_name of wharf's sessions; empty = wharf's own

    QMap<QString, QString> env() const
    {
        if (type == QLatin1String("sqlite"))
            return {{QStringLiteral("DESTINATION__SQLITE__CREDENTIALS"),
                     QStringLiteral("sqlite:///") + QDir(work).filePath(QStringLiteral("wh.db"))}};
        if (type == QLatin1String("mysql"))
            return {{QStringLiteral("DESTINATION__MYSQL__CREDENTIALS"), qEnvironmentVariable("WHARF_TEST_MYSQL")}};
        QString url = pg::PgServer::fromEnv().url();
        if (!appName.isEmpty())
            url += QStringLiteral("?application_name=") + appName;
        return {{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), url}};
    }
    /// env() plus the settings dlt's load of the dlt-kit package `package` ran with (its
    /// load_env); a setting of dlt's postgres destination goes to this target's type.
    QMap<QString, QString> envFor(const QString &package) const
    {
        QMap<QString, QString> out = env();
        const QJsonObject loadEnv = dltPackageInfo(package).value(QStringLiteral("load_env")).toObject();
        for (auto it = loadEnv.begin(); it != loadEnv.end(); ++it) {
            QString key = it.key();
            key.replace(QLatin1String("DESTINATION__POSTGRES__"), "DESTINATION__" + type.toUpper() + "__");
            out.insert(key, it.value().toString());
        }
        return out;
    }
    QStringList args(const QString &verb, const QString &package) const
    {
        return {verb,
                package,
                QStringLiteral("--destination"),
                type,
                QStringLiteral("--dataset"),
                dataset,
                QStringLiteral("--log-level"),
                QStringLiteral("info")};
    }
    /// Rows of `table` in `dataset` (this target's by default); -1 when it cannot be read.
    qint64 count(const QString &table, const QString &inDataset = {}) const
    {
        return aggregate(QStringLiteral("count(*)"), table, inDataset);
    }
    /// Distinct values of `column` in `table`; -1 when it cannot be read.
    qint64 countDistinct(const QString &table, const QString &column) const
    {
        return aggregate(QStringLiteral("count(DISTINCT %1)").arg(quote(column)), table, {});
    }
    qint64 aggregate(const QString &expression, const QString &table, const QString &inDataset) const
    {
        const QString ds = inDataset.isEmpty() ? dataset : inDataset;
        if (type == QLatin1String("sqlite")) {
            const QString file = QDir(work).filePath(QStringLiteral("wh__%1.db").arg(ds));
            if (!QFile::exists(file))
                return -1;
            const QVariant v = SqliteProbe(file).scalar(QStringLiteral("SELECT %1 FROM \"%2\"").arg(expression, table));
            return v.isValid() ? v.toLongLong() : -1;
        }
        bool ok = false;
        const QString sql = QStringLiteral("SELECT %1 FROM %2.%3").arg(expression, quote(ds), quote(table));
        const qint64 n = (type == QLatin1String("mysql") ? mysqlValue(sql) : pg::psqlValue(sql)).toLongLong(&ok);
        return ok ? n : -1;
    }
    /// An identifier in this target's dialect.
    QString quote(const QString &name) const
    {
        if (type != QLatin1String("mysql"))
            return pg::quoteIdent(name);
        return QLatin1Char('`') + QString(name).replace(QLatin1Char('`'), QLatin1String("``")) + QLatin1Char('`');
    }
    /// The first value `sql` returns on the MySQL / MariaDB server of WHARF_TEST_MYSQL, as text
    /// (the `mariadb` client); empty on an error.
    static QString mysqlValue(const QString &sql)
    {
        const QUrl url(qEnvironmentVariable("WHARF_TEST_MYSQL"));
        QProcess p;
        p.start(QStringLiteral("mariadb"),
                {QStringLiteral("--no-defaults"), QStringLiteral("--host=") + url.host(),
                 QStringLiteral("--port=%1").arg(url.port(3306)), QStringLiteral("--user=") + url.userName(),
                 QStringLiteral("--password=") + url.password(), QStringLiteral("-N"), QStringLiteral("-B"),
                 QStringLiteral("-e"), sql});
        p.waitForFinished(60000);
        if (p.exitCode() != 0)
            return {};
        return QString::fromUtf8(p.readAllStandardOutput()).section(QLatin1Char('\n'), 0, 0).trimmed();
    }
    /// Ledger rows left for this target's dataset (and its staging dataset).
    qint64 ledgerRows() const
    {
        if (type == QLatin1String("sqlite")) {
            const QVariant v =
                SqliteProbe(QDir(work).filePath(QStringLiteral("wh.db")))
                    .scalar(QStringLiteral("SELECT count(*) FROM _wharf_job_ledger WHERE dataset_name IN ('%1', "
                                           "'%1_staging')")
                                .arg(dataset));
            return v.isValid() ? v.toLongLong() : -1;
        }
        const QString sql =
            QStringLiteral("SELECT count(*) FROM _wharf.job_ledger WHERE dataset_name IN ('%1', '%1_staging')")
                .arg(dataset);
        return (type == QLatin1String("mysql") ? mysqlValue(sql) : pg::psqlValue(sql)).toLongLong();
    }
    /// Starts `wharf args` in the work folder with this target's configuration (and `extra`
    /// variables), its output merged.
    std::unique_ptr<QProcess> start(const QStringList &args, const QMap<QString, QString> &extra = {}) const
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment vars = QProcessEnvironment::systemEnvironment();
        vars.insert(QStringLiteral("HOME"), QDir(work).filePath(QStringLiteral(".home")));
        const auto mine = env();
        for (auto it = mine.cbegin(); it != mine.cend(); ++it)
            vars.insert(it.key(), it.value());
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            vars.insert(it.key(), it.value());
        p->setProcessEnvironment(vars);
        p->setWorkingDirectory(work);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(qEnvironmentVariable("WHARF_BIN"), args);
        p->waitForStarted();
        return p;
    }
    void drop() const
    {
        if (type == QLatin1String("mysql")) {
            mysqlValue(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(dataset));
            mysqlValue(QStringLiteral("DROP DATABASE IF EXISTS `%1_staging`").arg(dataset));
            mysqlValue(QStringLiteral("DELETE FROM _wharf.job_ledger WHERE dataset_name IN ('%1', '%1_staging')")
                           .arg(dataset));
        }
        if (type == QLatin1String("postgres")) {
            pg::dropDataset(dataset);
            pg::dropDataset(dataset + QStringLiteral("_staging"));
            pg::psql(QStringLiteral("DELETE FROM _wharf.job_ledger WHERE dataset_name IN ('%1', '%1_staging')")
                         .arg(dataset));
        }
    }
};

} // namespace wharf::test
