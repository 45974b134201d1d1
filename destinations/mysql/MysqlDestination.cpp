#include "MysqlDestination.h"

#include "Error.h"
#include "MysqlBrowser.h"
#include "MysqlJobClient.h"
#include "config/CsvFormatOptions.h"

#include <mysql.h>

namespace wharf::mysql {

namespace {

namespace keys {
const char *const kDatabase = "database";
const char *const kUsername = "username";
const char *const kPassword = "password";
const char *const kHost = "host";
const char *const kPort = "port";
const char *const kConnectTimeout = "connect_timeout";
const char *const kUnixSocket = "unix_socket";
const char *const kSslCa = "ssl_ca";
const char *const kSslCert = "ssl_cert";
const char *const kSslKey = "ssl_key";
} // namespace keys

} // namespace

Capabilities MysqlDestination::capabilities() const
{
    // dlt's sqlalchemy capabilities, adjusted for MySQL as dlt's MysqlDialectCapabilities does.
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("typed-jsonl");
    c.supportedLoaderFileFormats = {QStringLiteral("typed-jsonl"), QStringLiteral("jsonl"),
                                    QStringLiteral("insert_values"), QStringLiteral("csv")};
    c.casefoldLower = false;
    c.hasCaseSensitiveIdentifiers = true;
    c.decimalPrecision = 38;
    c.decimalScale = 9;
    c.weiPrecision = 38;
    c.weiScale = 0;
    c.maxIdentifierLength = 64;
    c.maxColumnIdentifierLength = 64;
    c.maxQueryLength = 32 * 1024 * 1024;
    // `_dlt_version.schema` is a TEXT column (64 KiB): a longer schema is stored compressed.
    c.maxTextDataTypeLength = 65535;
    c.supportsTransactions = true;
    // MySQL commits before and after every DDL statement, whatever the client asks.
    c.supportsDdlTransactions = false;
    c.alterAddMultiColumn = true;
    // TRUNCATE commits too: tables are emptied with DELETE inside the job's transaction.
    c.supportsTruncateCommand = false;
    c.supportsMultipleStatements = false;
    c.supportsNativeBoolean = false;
    c.timestampPrecision = 6;
    c.maxTimestampPrecision = 6;
    c.maxRowsPerInsert = 10000;
    c.parallelismStrategy = ParallelismStrategy::Parallel;
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("scd2")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging")};
    c.sqlglotDialect = QStringLiteral("mysql");
    return c;
}

ConfigSpec MysqlDestination::configSpec() const
{
    ConfigSpec spec;
    spec.destinationType = type();
    spec.scheme = QStringLiteral("mysql");
    const auto f = configField;
    spec.credentials = {
        f(keys::kDatabase, FieldType::String, {}, false, false,
          "database the session starts in (each dataset is a database of its own)"),
        f(keys::kUsername, FieldType::String, {}, true, false, "user name"),
        f(keys::kPassword, FieldType::String, {}, false, true, "password"),
        f(keys::kHost, FieldType::String, QStringLiteral("localhost"), true, false,
          "server host name or address (localhost: the local socket)"),
        f(keys::kPort, FieldType::Int, 3306, false, false, "server port"),
        f(keys::kConnectTimeout, FieldType::Int, 15, false, false, "seconds to wait for a connection"),
        f(keys::kUnixSocket, FieldType::Path, {}, false, false, "socket file, for host localhost"),
        f(keys::kSslCa, FieldType::Path, {}, false, false, "TLS: CA certificate file"),
        f(keys::kSslCert, FieldType::Path, {}, false, false, "TLS: client certificate file"),
        f(keys::kSslKey, FieldType::Path, {}, false, false, "TLS: client certificate's private key file"),
    };
    spec.options = csvFormatFields();
    return spec;
}

MysqlConnectParams MysqlDestination::connectParams(const ResolvedConfig &config)
{
    MysqlConnectParams p;
    const auto text = [&](const char *k) { return config.credential(QLatin1String(k)).toString(); };
    p.database = text(keys::kDatabase);
    p.username = text(keys::kUsername);
    p.password = text(keys::kPassword);
    p.host = text(keys::kHost);
    p.port = config.intCredential(QLatin1String(keys::kPort), 3306, 1, 65535);
    p.connectTimeout = config.intCredential(QLatin1String(keys::kConnectTimeout), 15, 0, 3600);
    p.unixSocket = text(keys::kUnixSocket);
    p.sslCa = text(keys::kSslCa);
    p.sslCert = text(keys::kSslCert);
    p.sslKey = text(keys::kSslKey);
    return p;
}

std::unique_ptr<JobClient> MysqlDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    if (dataset.size() > 64)
        throw Error(
            ErrorKind::Config,
            QStringLiteral("dataset name '%1' is longer than MySQL's 64 characters for a database").arg(dataset));
    return std::make_unique<MysqlJobClient>(effectiveCapabilities(config), connectParams(config), dataset,
                                            csvFormatFromConfig(config));
}

std::unique_ptr<DatasetBrowser> MysqlDestination::createBrowser(const ResolvedConfig &config) const
{
    return std::make_unique<MysqlBrowser>(capabilities(), connectParams(config));
}

QString MysqlDestination::testConnection(const ResolvedConfig &config) const
{
    const MysqlConnectParams params = connectParams(config);
    MysqlConnection connection(capabilities(), params, QString());
    connection.open();
    const QString version = connection.serverVersion();
    const char *cipher = mysql_get_ssl_cipher(connection.handle());
    QString localInfile;
    const auto rows = connection.query(QStringLiteral("SELECT @@local_infile"));
    if (!rows.isEmpty() && rows.first().value(0).toInt() == 0)
        localInfile = QStringLiteral("; the server refuses LOAD DATA LOCAL INFILE (local_infile=0), which loads "
                                     "need: SET GLOBAL local_infile = 1");
    connection.close();
    const QString product = version.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ? QStringLiteral("MariaDB")
                                                                                            : QStringLiteral("MySQL");
    return QStringLiteral("%1 %2 at %3 (%4)%5")
        .arg(product, version.section(QLatin1Char('-'), 0, 0), params.displayLocation(),
             cipher ? QStringLiteral("TLS") : QStringLiteral("no TLS"), localInfile);
}

QString MysqlDestination::displayLocation(const ResolvedConfig &config) const
{
    return config.toConnectionString().toDisplayString();
}

} // namespace wharf::mysql
