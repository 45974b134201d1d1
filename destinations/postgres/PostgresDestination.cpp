#include "PostgresDestination.h"

#include "config/CsvFormatOptions.h"

#include "Error.h"
#include "PgBrowser.h"
#include "PgJobClient.h"
#include "config/ConnectionString.h"

#include <libpq-fe.h>

namespace wharf::postgres {

namespace {

// A job this large loads in about a second or more: the second connection's start and
// COMMIT (a few milliseconds) are small beside what it saves (docs/BENCHMARKS.md).
constexpr qint64 kDefaultSplitJobBytes = 32 * 1024 * 1024;

} // namespace

Capabilities PostgresDestination::capabilities() const
{
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("insert_values");
    // dlt's postgres loads insert_values and csv; Wharf also turns jsonl/typed-jsonl rows into COPY.
    c.supportedLoaderFileFormats = {QStringLiteral("insert_values"), QStringLiteral("csv"), QStringLiteral("jsonl"),
                                    QStringLiteral("typed-jsonl")};
    c.escapeIdentifierBackslashes = true;
    c.casefoldLower = true;
    c.hasCaseSensitiveIdentifiers = true;
    c.decimalPrecision = 38;
    c.decimalScale = 9;
    c.weiPrecision = 156;
    c.weiScale = 78;
    c.maxIdentifierLength = 63;
    c.maxColumnIdentifierLength = 63;
    c.maxQueryLength = 32 * 1024 * 1024;
    c.maxTextDataTypeLength = 1024LL * 1024 * 1024;
    // dlt leaves supports_transactions unset (spec Q3); Wharf always wraps jobs in a transaction.
    c.supportsTransactions = true;
    c.supportsDdlTransactions = true;
    c.alterAddMultiColumn = true;
    c.supportsTruncateCommand = true;
    c.supportsMultipleStatements = true;
    c.supportsNativeBoolean = true;
    c.timestampPrecision = 6;
    c.maxTimestampPrecision = 6;
    c.parallelismStrategy = ParallelismStrategy::Parallel;
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("upsert"), QStringLiteral("scd2"),
                                  QStringLiteral("insert-only")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging"),
                                    QStringLiteral("staging-optimized")};
    c.sqlglotDialect = QStringLiteral("postgres");
    return c;
}

ConfigSpec PostgresDestination::configSpec() const
{
    ConfigSpec spec;
    spec.destinationType = type();
    spec.scheme = QStringLiteral("postgresql");
    const auto f = configField;
    spec.credentials = {
        f(keys::kDatabase, FieldType::String, {}, true, false, "database name"),
        f(keys::kUsername, FieldType::String, {}, true, false, "user name"),
        f(keys::kPassword, FieldType::String, {}, false, true, "password"),
        f(keys::kHost, FieldType::String, QStringLiteral("localhost"), true, false, "server host name or address"),
        f(keys::kPort, FieldType::Int, 5432, false, false, "server port"),
        f(keys::kConnectTimeout, FieldType::Int, 15, false, false, "seconds to wait for a connection"),
        f(keys::kSslMode, FieldType::String, {}, false, false,
          "TLS: disable, allow, prefer (libpq's default), require, verify-ca or verify-full"),
        f(keys::kSslRootCert, FieldType::Path, {}, false, false, "CA certificate file (verify-ca, verify-full)"),
        f(keys::kSslCert, FieldType::Path, {}, false, false, "client certificate file"),
        // The path of the key file, not the key: libpq reads the file (and wants it 0600).
        f(keys::kSslKey, FieldType::Path, {}, false, false, "client certificate's private key file"),
    };
    spec.credentials[6].choices = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    spec.options = {
        f(keys::kLoadMethod, FieldType::String, QStringLiteral("copy"), false, false,
          "copy: rows streamed with COPY; insert: insert_values run as dlt runs it"),
        f(keys::kCreateIndexes, FieldType::Bool, true, false, false, "create UNIQUE constraints from unique hints"),
        f(keys::kIndexesAfterRows, FieldType::Bool, true, false, false,
          "tables a package creates get their UNIQUE constraints after the rows (faster, same DDL)"),
        f(keys::kCopyFormat, FieldType::String, QStringLiteral("binary"), false, false,
          "binary: parsed rows go as COPY binary (no text parsing on the server); text: as COPY text"),
        f(keys::kSplitJobBytes, FieldType::Int, qlonglong(kDefaultSplitJobBytes), false, false,
          "a job file at least this large (bytes) loads over two connections when no other job waits; 0: never"),
    };
    spec.options[0].choices = {QStringLiteral("copy"), QStringLiteral("insert")};
    spec.options[3].choices = {QStringLiteral("binary"), QStringLiteral("text")};
    spec.options += csvFormatFields();
    return spec;
}

PgConnectParams PostgresDestination::connectParams(const ResolvedConfig &config)
{
    PgConnectParams p;
    const auto text = [&](const char *k) { return config.credential(QLatin1String(k)).toString(); };
    p.database = text(keys::kDatabase);
    p.username = text(keys::kUsername);
    p.password = text(keys::kPassword);
    p.host = text(keys::kHost);
    p.port = config.intCredential(QLatin1String(keys::kPort), 5432, 1, 65535);
    p.connectTimeout = config.intCredential(QLatin1String(keys::kConnectTimeout), 15, 0, 3600);
    p.sslmode = text(keys::kSslMode);
    p.sslrootcert = text(keys::kSslRootCert);
    p.sslcert = text(keys::kSslCert);
    p.sslkey = text(keys::kSslKey);
    for (auto it = config.extraQuery.cbegin(); it != config.extraQuery.cend(); ++it)
        p.extra.insert(it.key(), it.value());
    return p;
}

std::unique_ptr<JobClient> PostgresDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    const QString method = config.option(QLatin1String(keys::kLoadMethod), QStringLiteral("copy")).toString();
    if (method != QLatin1String("copy") && method != QLatin1String("insert"))
        throw Error(ErrorKind::Config, QStringLiteral("load_method must be 'copy' or 'insert', got '%1'").arg(method));
    const bool createIndexes = config.option(QLatin1String(keys::kCreateIndexes), true).toBool();
    auto client =
        std::make_unique<PgJobClient>(effectiveCapabilities(config), connectParams(config), dataset,
                                      method == QLatin1String("insert") ? LoadMethod::Insert : LoadMethod::Copy,
                                      createIndexes, csvFormatFromConfig(config));
    client->setIndexesAfterRows(config.option(QLatin1String(keys::kIndexesAfterRows), true).toBool());
    const QString copyFormat = config.option(QLatin1String(keys::kCopyFormat), QStringLiteral("binary")).toString();
    if (copyFormat != QLatin1String("binary") && copyFormat != QLatin1String("text"))
        throw Error(
            ErrorKind::Config,
            QStringLiteral("copy_format must be 'binary' or 'text', got '%1'").arg(clipForMessage(copyFormat, 40)));
    client->setBinaryCopy(copyFormat == QLatin1String("binary"));
    // An integer already (the resolver checks the field's type); only its sign is left to check.
    const qlonglong split =
        config.option(QLatin1String(keys::kSplitJobBytes), qlonglong(kDefaultSplitJobBytes)).toLongLong();
    if (split < 0)
        throw Error(ErrorKind::Config,
                    QStringLiteral("split_job_bytes must be a number of bytes (0: never split), got %1").arg(split));
    client->setSplitJobBytes(split);
    return client;
}

std::unique_ptr<DatasetBrowser> PostgresDestination::createBrowser(const ResolvedConfig &config) const
{
    return std::make_unique<PgBrowser>(capabilities(), connectParams(config));
}

QString PostgresDestination::testConnection(const ResolvedConfig &config) const
{
    const PgConnectParams params = connectParams(config);
    PgConnection connection(capabilities(), params, QString());
    try {
        connection.open();
    } catch (Error &e) {
        // libpq reports connection failures without a SQLSTATE; name the usual ones so that
        // people (and the UI) can tell a wrong password from a server that is not there.
        if (e.sqlState.isEmpty()) {
            const QString &m = e.message();
            if (m.contains(QLatin1String("password authentication failed")) ||
                m.contains(QLatin1String("no password supplied")))
                e.sqlState = QStringLiteral("28P01");
            else if (m.contains(QLatin1String("role")) && m.contains(QLatin1String("does not exist")))
                e.sqlState = QStringLiteral("28000");
            else if (m.contains(QLatin1String("database")) && m.contains(QLatin1String("does not exist")))
                e.sqlState = QStringLiteral("3D000");
            else if (e.kind() == ErrorKind::Transient)
                e.sqlState = QStringLiteral("08001");
        }
        throw;
    }
    const QString version = QString::fromUtf8(PQparameterStatus(connection.handle(), "server_version"));
    const bool tls = PQsslInUse(connection.handle()) != 0;
    connection.close();
    return QStringLiteral("PostgreSQL %1 at %2 (%3)")
        .arg(version.section(QLatin1Char(' '), 0, 0), params.displayLocation(),
             tls ? QStringLiteral("TLS") : QStringLiteral("no TLS"));
}

QString PostgresDestination::displayLocation(const ResolvedConfig &config) const
{
    // The scheme as the user typed it (dlt keeps "postgres://"), password masked.
    return config.toConnectionString().toDisplayString();
}

} // namespace wharf::postgres
