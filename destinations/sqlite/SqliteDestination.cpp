#include "SqliteDestination.h"

#include "Error.h"
#include "SqliteJobClient.h"
#include "config/ConnectionString.h"

#include <QDir>
#include <QStandardPaths>

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
    return std::make_unique<SqliteJobClient>(capabilities(), databasePath(config),
                                             dataset.isEmpty() ? QStringLiteral("main") : dataset);
}

QString SqliteDestination::displayLocation(const ResolvedConfig &config) const
{
    ConnectionString cs;
    cs.scheme = QStringLiteral("sqlite");
    cs.database = databasePath(config);
    return cs.toDisplayString();
}

void registerSqliteDestination()
{
    auto factory = [] { return std::make_shared<const SqliteDestination>(); };
    DestinationRegistry::instance().add(QStringLiteral("sqlite"), factory);
    DestinationRegistry::instance().add(QStringLiteral("sqlalchemy"), factory);
}

} // namespace wharf::sqlite
