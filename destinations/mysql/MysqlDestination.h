#pragma once

#include "MysqlConnection.h"
#include "destination/Destination.h"

namespace wharf::mysql {

/// MySQL and MariaDB, as dlt's sqlalchemy destination loads them (`mysql://` credentials),
/// over libmariadb: rows streamed through LOAD DATA LOCAL INFILE, a dataset is a database.
/// `type` is "mysql" or "mariadb" (the same destination under both names).
class MysqlDestination : public Destination {
public:
    explicit MysqlDestination(QString type = QStringLiteral("mysql"))
        : m_type(std::move(type))
    {}
    QString type() const override { return m_type; }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &config) const override;
    /// "MariaDB 10.11.6 at mysql://u:***@h:3306/db (TLS)".
    QString testConnection(const ResolvedConfig &config) const override;
    std::unique_ptr<DatasetBrowser> createBrowser(const ResolvedConfig &config) const override;

    /// Connection parameters from a resolved config. Throws Error(Config) for bad values.
    static MysqlConnectParams connectParams(const ResolvedConfig &config);

private:
    QString m_type;
};

} // namespace wharf::mysql
