#pragma once

#include "PgConnection.h"
#include "destination/Destination.h"

namespace wharf::postgres {

/// Config keys (credentials as dlt's PostgresCredentials, plus TLS and Wharf's options).
namespace keys {
inline constexpr const char *kDatabase = "database";
inline constexpr const char *kUsername = "username";
inline constexpr const char *kPassword = "password";
inline constexpr const char *kHost = "host";
inline constexpr const char *kPort = "port";
inline constexpr const char *kConnectTimeout = "connect_timeout";
inline constexpr const char *kSslMode = "sslmode";
inline constexpr const char *kSslRootCert = "sslrootcert";
inline constexpr const char *kSslCert = "sslcert";
inline constexpr const char *kSslKey = "sslkey";
inline constexpr const char *kLoadMethod = "load_method";       ///< "copy" (default) or "insert"
inline constexpr const char *kCreateIndexes = "create_indexes"; ///< UNIQUE hints, dlt default true
/// Wharf's own: tables a package creates get their UNIQUE constraints after the rows.
inline constexpr const char *kIndexesAfterRows = "indexes_after_rows";
/// Wharf's own: "binary" (COPY FORMAT binary where the column types allow) or "text".
inline constexpr const char *kCopyFormat = "copy_format";
/// Wharf's own: a parsed job file at least this large (bytes) loads over two connections when
/// no other job waits for one; 0: never.
inline constexpr const char *kSplitJobBytes = "split_job_bytes";
} // namespace keys

/// The PostgreSQL destination over libpq, with dlt's postgres capabilities (spec 4.2).
class PostgresDestination : public Destination {
public:
    QString type() const override { return QStringLiteral("postgres"); }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &config) const override;
    /// "PostgreSQL 16.2 at postgresql://u:***@h:5432/db (TLS)". Connection failures carry
    /// the SQLSTATE libpq does not give (28P01 wrong password, 3D000 no such database,
    /// 08001 unreachable).
    QString testConnection(const ResolvedConfig &config) const override;
    /// A PgBrowser on its own read-only session.
    std::unique_ptr<DatasetBrowser> createBrowser(const ResolvedConfig &config) const override;

    /// Connection parameters from a resolved config. Throws Error(Config) for bad values.
    static PgConnectParams connectParams(const ResolvedConfig &config);
};

} // namespace wharf::postgres
