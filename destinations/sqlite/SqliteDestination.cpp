#include "SqliteDestination.h"

#include "config/CsvFormatOptions.h"

#include "Error.h"
#include "SqliteBrowser.h"
#include "SqliteError.h"
#include "SqliteJobClient.h"
#include "config/ConnectionString.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <sqlite3.h>

namespace wharf::sqlite {

Capabilities SqliteDestination::capabilities() const
{
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("typed-jsonl");
    c.supportedLoaderFileFormats = {QStringLiteral("typed-jsonl"), QStringLiteral("jsonl"),
                                    QStringLiteral("insert_values"), QStringLiteral("csv")};
    c.casefoldLower = false;
    c.hasCaseSensitiveIdentifiers = true;
    c.weiPrecision = 38;
    c.weiScale = 0;
    c.maxIdentifierLength = 9999;
    c.maxColumnIdentifierLength = 9999;
    c.supportsTransactions = true;
    c.supportsDdlTransactions = true;
    c.alterAddMultiColumn = false;
    c.supportsTruncateCommand = false;
    c.supportsMultipleStatements = false;
    c.supportsNativeBoolean = false;
    c.maxRowsPerInsert = 10000;
    // SQLite has one writer per database file: parallel jobs would only queue on its lock.
    c.maxParallelLoadJobs = 1;
    c.parallelismStrategy = ParallelismStrategy::Sequential;
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("scd2")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging")};
    c.sqlglotDialect = QStringLiteral("sqlite");
    return c;
}

QString SqliteDestination::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("wharf/wharf.db"));
}

ConfigSpec SqliteDestination::configSpec() const
{
    ConfigSpec spec;
    spec.destinationType = type();
    spec.scheme = QStringLiteral("sqlite");
    ConfigField db;
    db.name = QLatin1String(kDatabaseKey);
    db.type = FieldType::Path;
    db.defaultValue = defaultDatabasePath();
    db.required = true;
    db.description = QStringLiteral("SQLite database file; datasets live next to it as <name>__<dataset>.db");
    spec.credentials.append(db);
    spec.options = csvFormatFields();
    return spec;
}

QString SqliteDestination::databasePath(const ResolvedConfig &config)
{
    QString path = config.credential(QLatin1String(kDatabaseKey), defaultDatabasePath()).toString();
    if (path == QLatin1String(":memory:"))
        return path;
    if (path.startsWith(QLatin1String("~/")))
        path = QDir::home().filePath(path.mid(2));
    return QDir::cleanPath(QDir::current().absoluteFilePath(path));
}

std::unique_ptr<JobClient> SqliteDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    // The dataset becomes part of a file name (<db>__<dataset>.db): refuse anything that could
    // leave the database's folder or is not a plain name.
    if (dataset.contains(QLatin1Char('/')) || dataset.contains(QLatin1Char('\\')) || dataset.contains(QChar(0)) ||
        dataset.startsWith(QLatin1Char('.')))
        throw Error(ErrorKind::Config,
                    QStringLiteral("dataset name '%1' cannot be used with SQLite: it must be a plain name "
                                   "without '/', '\\' or a leading '.'")
                        .arg(dataset));
    return std::make_unique<SqliteJobClient>(effectiveCapabilities(config), databasePath(config),
                                             dataset.isEmpty() ? QStringLiteral("main") : dataset,
                                             csvFormatFromConfig(config));
}

std::unique_ptr<DatasetBrowser> SqliteDestination::createBrowser(const ResolvedConfig &config) const
{
    return std::make_unique<SqliteBrowser>(capabilities(), databasePath(config));
}

QString SqliteDestination::testConnection(const ResolvedConfig &config) const
{
    const QString path = databasePath(config);
    const QString engine = QStringLiteral("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion()));
    if (path == QLatin1String(":memory:"))
        return engine + QStringLiteral(", in memory");
    const QFileInfo info(path);
    if (!info.exists()) {
        // Opening would create the file: say instead whether the loader will be able to.
        QFileInfo folder(info.absolutePath());
        while (!folder.exists() && folder.absoluteFilePath() != folder.absolutePath())
            folder = QFileInfo(folder.absolutePath());
        if (!folder.isDir() || !folder.isWritable())
            throw Error(ErrorKind::Config,
                        QStringLiteral("cannot create %1: the folder %2 is not writable").arg(path, folder.filePath()));
        return QStringLiteral("%1; %2 does not exist yet and will be created by the first load").arg(engine, path);
    }
    // Read-only, so that testing never changes the file; a query proves it is a database.
    sqlite3 *db = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
    qint64 tables = 0;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            tables = sqlite3_column_int64(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    const QString message = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    if (rc != SQLITE_OK)
        throwSqliteError(code, QStringLiteral("%1: %2").arg(path, message), QString());
    return QStringLiteral("%1, %2 (%3 KiB, %4 schema objects)")
        .arg(engine, path)
        .arg((info.size() + 1023) / 1024)
        .arg(tables);
}

QString SqliteDestination::displayLocation(const ResolvedConfig &config) const
{
    ConnectionString cs;
    cs.scheme = QStringLiteral("sqlite");
    cs.database = databasePath(config);
    return cs.toDisplayString();
}

} // namespace wharf::sqlite
