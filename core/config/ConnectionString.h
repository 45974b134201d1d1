#pragma once

#include <QMap>
#include <QString>
#include <optional>

namespace wharf {

/// A database URL as dlt writes them: `scheme://user:password@host:port/database?k=v`.
/// Parsing percent-decodes every part; printing percent-encodes. `sqlite:////abs/path.db`
/// has database "/abs/path.db", `sqlite:///rel.db` has "rel.db" (spec 5.8, 10.5).
struct ConnectionString {
    QString scheme;
    QString username;
    std::optional<QString> password;
    QString host;
    std::optional<int> port;
    QString database;
    QMap<QString, QString> query; ///< kept sorted by key, like dlt's rendering

    /// Throws wharf::Error(Config) naming the problem (never echoing the password).
    static ConnectionString parse(const QString &url);
    /// Looks like `scheme://...`.
    static bool looksLikeUrl(const QString &text);

    /// Full URL including the password and the query: only for handing to a driver.
    QString toNativeString() const;
    /// For people: no query, password replaced by `***`:
    /// `postgresql://loader:***@localhost:5432/dlt_data`.
    QString toDisplayString() const;

    /// How a user name or password is written inside toNativeString(): UTF-8, every byte
    /// outside RFC 3986's unreserved set percent-encoded. Used to mask encoded passwords too.
    static QString encodeUserInfo(const QString &text);
};

} // namespace wharf
