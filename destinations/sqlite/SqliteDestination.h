#pragma once

#include "destination/Destination.h"

namespace wharf::sqlite {

/// Config keys of the SQLite destination (credentials as dlt's sqlalchemy destination).
inline constexpr const char *kDatabaseKey = "database";

/// The embedded, zero-set-up default destination: a SQLite file in the user's data folder
/// unless configured (`DESTINATION__SQLITE__CREDENTIALS=sqlite:////tmp/x.db`).
class SqliteDestination : public Destination {
public:
    QString type() const override { return QStringLiteral("sqlite"); }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &config) const override;
    /// The SQLite library version and the file (opened read-only, never created here).
    QString testConnection(const ResolvedConfig &config) const override;
    /// A read-only SqliteBrowser of the database file and its dataset files.
    std::unique_ptr<DatasetBrowser> createBrowser(const ResolvedConfig &config) const override;

    /// `<generic data folder>/wharf/wharf.db`.
    static QString defaultDatabasePath();
    /// The database file a resolved config points at (relative paths against the current dir).
    static QString databasePath(const ResolvedConfig &config);
};

} // namespace wharf::sqlite
