#pragma once

#include "config/ConfigSpec.h"
#include "config/ConnectionString.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>
#include <optional>

namespace wharf {

class SecretStore;

/// Where a resolved value came from, so the UI and `--log-level debug` can show it.
struct ValueSource {
    /// Keychain: a SecretStore (the OS keychain), consulted after the environment.
    enum class Kind { Explicit, Environment, SecretsToml, ConfigToml, ConnectionString, Default, Keychain };
    Kind kind = Kind::Default;
    QString file; ///< TOML file path (SecretsToml/ConfigToml)
    QString key;  ///< dotted key ("destination.sqlite.credentials.database") or env var name
    /// For Kind::ConnectionString: where the connection string itself was found (Explicit,
    /// Environment, SecretsToml or ConfigToml); `file` and `key` then describe that place.
    Kind origin = Kind::Default;

    /// e.g. "env DESTINATION__SQLITE__CREDENTIALS", "/p/.dlt/secrets.toml
    /// [destination.sqlite.credentials] database", "OS keychain destination.pg.credentials.password".
    QString describe() const;
};

struct ResolvedValue {
    QVariant value;
    ValueSource source;
    bool secret = false;
};

/// The result of resolving one destination: every field of the spec that has a value.
class ResolvedConfig {
public:
    QString destinationName; ///< as asked for ("sqlite", or a named destination)
    QString destinationType; ///< its type ("sqlite")
    QMap<QString, ResolvedValue> credentials;
    QMap<QString, ResolvedValue> options;
    /// URL scheme for printing: the scheme of a native connection string if one was given
    /// (dlt keeps "postgres" as typed), else ConfigSpec::scheme.
    QString scheme;
    /// Query parameters of a native connection string (or a TOML `query` table under the
    /// credentials) that match no credential field, e.g. libpq's `options`; for the driver.
    QMap<QString, QString> extraQuery;
    /// User overrides of tunable capabilities (`destination.<name>.max_rows_per_insert`, ...),
    /// keyed by capability name; filled by ResolvedDestination::resolve and applied by
    /// Destination::effectiveCapabilities().
    QMap<QString, ResolvedValue> capabilityOverrides;
    /// Set by the loader from the package schema: its naming convention is case sensitive, so
    /// a destination with case-sensitive identifiers stops case folding them (dlt's
    /// Destination.adjust_capabilities). Applied by Destination::effectiveCapabilities().
    bool caseSensitiveNaming = false;

    QVariant credential(const QString &name, const QVariant &fallback = {}) const;
    QVariant option(const QString &name, const QVariant &fallback = {}) const;
    /// An integer credential (`fallback` when absent) within [min, max]; otherwise throws
    /// Error(Config) "<name> must be a number from <min> to <max>".
    int intCredential(const QString &name, int fallback, int min, int max) const;
    /// The secret values (passwords) present, for scrubbing them out of messages.
    QStringList secretValues() const;
    /// Replaces every secret value occurring in `text` with `***`, also in its
    /// percent-encoded form (as it appears inside a URL).
    QString maskSecrets(QString text) const;
    /// The credentials as a URL: username/password/host/port/database from the fields of
    /// those names, every other credential field and extraQuery as query parameters.
    /// toDisplayString() of it is the "location" shown to people.
    ConnectionString toConnectionString() const;
};

/// Where the resolver looks. Defaults: project dir = current dir, home = ~/.dlt, the
/// process environment, SecretStore::defaultStore().
struct ConfigLocations {
    QString projectDir; ///< its `.dlt/` holds secrets.toml and config.toml
    QString globalDir;  ///< the `~/.dlt` folder itself
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString pipelineName; ///< if set, `<pipeline>.`-prefixed keys are tried first
    /// Secrets outside the files (OS keychain), for `projectDir`; null = none.
    std::shared_ptr<const SecretStore> secretStore;

    static ConfigLocations defaults();
};

/// Resolves configuration the way dlt users know it (spec section 10):
/// explicit values > environment > secret store (OS keychain) > secrets.toml (project, then
/// ~/.dlt) > config.toml (project, then ~/.dlt) > defaults. TOML files are parsed once, in the constructor.
/// Throws wharf::Error(Config) for invalid TOML (naming file, line and column).
/// Once constructed (and setExplicit() calls are done), the const methods only read and may
/// be called from several threads.
class ConfigResolver {
public:
    explicit ConfigResolver(ConfigLocations locations = ConfigLocations::defaults());
    ~ConfigResolver();
    ConfigResolver(const ConfigResolver &) = delete;
    ConfigResolver &operator=(const ConfigResolver &) = delete;

    /// Sets an explicit value (from the UI or the command line) for a dotted key such as
    /// "destination.sqlite.credentials.database" or "load.workers". Wins over everything.
    void setExplicit(const QString &dottedKey, const QVariant &value);

    /// Looks one value up along dlt's section paths: for sections {"destination","postgres",
    /// "credentials"} and key "password": destination.postgres.credentials.password,
    /// destination.credentials.password, credentials.password (the embedded-config section
    /// "credentials" is never dropped). Secret values found in config.toml are an error.
    std::optional<ResolvedValue> lookup(const QStringList &sections, const QString &key, bool secret = false) const;

    /// Looks up exactly `path` (sections + key, nothing dropped; the pipeline-scoped variant
    /// first), through every provider. For settings that must not fall back to generic keys.
    std::optional<ResolvedValue> lookupExact(const QStringList &path, bool secret = false) const;

    /// The type of a destination name: `destination.<name>.destination_type` if configured,
    /// else the name itself.
    QString destinationType(const QString &name) const;

    /// Resolves every field of `spec` for destination `name`. The credentials object may be
    /// given whole as a connection string (native value) under the same paths; its fields
    /// then win over every provider except explicit field values (their source is
    /// Kind::ConnectionString), a password inside it wins, and missing fields are looked up
    /// one by one. Values are converted to the field types (Error(Config) naming the source
    /// if they do not convert). A missing required field raises Error(Config) listing every
    /// key and environment variable that was tried, unless `allowMissing` (a form that shows
    /// what is set so far: missing fields are just absent).
    ResolvedConfig resolveDestination(const QString &name, const ConfigSpec &spec, bool allowMissing = false) const;

    /// Every key path tried for a lookup, in order, as TOML keys and env var names (for
    /// error messages and the UI's "where does this come from" hint). One entry per path,
    /// e.g. "credentials.password (env CREDENTIALS__PASSWORD)".
    QStringList describeLookup(const QStringList &sections, const QString &key) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wharf
