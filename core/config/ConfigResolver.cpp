#include "config/ConfigResolver.h"

#include "Error.h"

#include "config/SecretStore.h"
#include "config/TomlSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace wharf {

using toml_support::navigate;
using toml_support::toVariant;

namespace {

const QString kDestinationSection = QStringLiteral("destination");
const QString kCredentialsSection = QStringLiteral("credentials");
const QString kDestinationTypeKey = QStringLiteral("destination_type");
const QString kQueryKey = QStringLiteral("query");
const QString kUsernameField = QStringLiteral("username");
const QString kPasswordField = QStringLiteral("password");
const QString kHostField = QStringLiteral("host");
const QString kPortField = QStringLiteral("port");
const QString kDatabaseField = QStringLiteral("database");
const QString kDltFolder = QStringLiteral(".dlt");
const QString kSecretsFile = QStringLiteral("secrets.toml");
const QString kConfigFile = QStringLiteral("config.toml");
const QString kEnvSeparator = QStringLiteral("__");
const QString kMask = QStringLiteral("***");

/// One key path: sections followed by the key, e.g. {"destination","sqlite","credentials",
/// "database"}.
using KeyPath = QStringList;

struct TomlFile {
    QString path;
    toml::table root;
};

/// A value found by a provider. TOML tables come back as QVariantMap with isTable set.
struct Hit {
    QVariant value;
    bool isTable = false;
    ValueSource source;
};

enum class Providers { ExplicitOnly, AllButExplicit, All };

QString dotted(const KeyPath &path)
{
    return path.join(QLatin1Char('.'));
}

QString envName(const KeyPath &path)
{
    return path.join(kEnvSeparator).toUpper();
}

Error notASecret(const ValueSource &source, const QString &what)
{
    SourceLocation where;
    where.file = source.file;
    where.field = source.key;
    return Error(ErrorKind::Config,
                 QStringLiteral("value is not a secret: %1 holds %2, which is secret; move it to "
                                "secrets.toml or an environment variable")
                     .arg(source.describe(), what),
                 where);
}

bool isScalar(const QVariant &value)
{
    const int type = value.typeId();
    return type == QMetaType::QString || type == QMetaType::Bool || type == QMetaType::Double ||
           toml_support::isIntegralType(value.typeId());
}

QString typeName(FieldType type)
{
    switch (type) {
    case FieldType::Int:
        return QStringLiteral("an integer");
    case FieldType::Bool:
        return QStringLiteral("true or false");
    case FieldType::Path:
        return QStringLiteral("a path");
    case FieldType::Table:
        return QStringLiteral("a table of text values (TOML table or JSON object)");
    case FieldType::String:
        break;
    }
    return QStringLiteral("text");
}

/// Converts a raw value (env string, TOML value, explicit QVariant) to the field's type.
QVariant convertValue(const QVariant &raw, const ConfigField &field, const ValueSource &source)
{
    const auto invalid = [&]() {
        // Secret values are never echoed, not even when they are malformed.
        QString shown;
        if (!field.secret && isScalar(raw))
            shown = QStringLiteral(", got '%1'").arg(raw.toString());
        else if (!field.secret)
            shown = QStringLiteral(", got a list or table");
        SourceLocation where;
        where.file = source.file;
        where.field = field.name;
        return Error(ErrorKind::Config,
                     QStringLiteral("configuration value '%1' from %2 must be %3%4")
                         .arg(field.name, source.describe(), typeName(field.type), shown),
                     where);
    };
    const bool isText = raw.typeId() == QMetaType::QString;
    switch (field.type) {
    case FieldType::Int: {
        if (toml_support::isIntegralType(raw.typeId()))
            return QVariant(raw.toLongLong());
        if (!isText)
            throw invalid();
        bool ok = false;
        const qlonglong number = raw.toString().trimmed().toLongLong(&ok, 10);
        if (!ok)
            throw invalid();
        return QVariant(number);
    }
    case FieldType::Bool: {
        if (raw.typeId() == QMetaType::Bool)
            return raw;
        if (!isText)
            throw invalid();
        // Like dlt's deserialization of env strings: only true/false, any case.
        const QString text = raw.toString().trimmed();
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return QVariant(true);
        if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return QVariant(false);
        throw invalid();
    }
    case FieldType::Table: {
        QVariantMap table;
        if (raw.typeId() == QMetaType::QVariantMap) {
            table = raw.toMap();
        } else if (isText) {
            const QJsonDocument doc = QJsonDocument::fromJson(raw.toString().toUtf8());
            if (!doc.isObject())
                throw invalid();
            table = doc.object().toVariantMap();
        } else {
            throw invalid();
        }
        QJsonObject out;
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            if (!isScalar(it.value()))
                throw invalid();
            out.insert(it.key(), it.value().toString());
        }
        return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
    }
    case FieldType::String:
    case FieldType::Path:
        break;
    }
    if (!isScalar(raw))
        throw invalid();
    // dlt strips passwords after resolution; surrounding blanks in a secret are never
    // intended (a trailing newline from `cat` into an env var is the usual culprit).
    const QString text = raw.toString();
    return QVariant(field.secret ? text.trimmed() : text);
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString ValueSource::describe() const
{
    const auto inToml = [this]() {
        const qsizetype dot = key.lastIndexOf(QLatin1Char('.'));
        if (dot < 0)
            return file + QLatin1Char(' ') + key;
        return QStringLiteral("%1 [%2] %3").arg(file, key.left(dot), key.mid(dot + 1));
    };
    const auto place = [&](Kind where) {
        switch (where) {
        case Kind::Explicit:
            return QStringLiteral("explicit ") + key;
        case Kind::Environment:
            return QStringLiteral("env ") + key;
        case Kind::SecretsToml:
        case Kind::ConfigToml:
            return inToml();
        case Kind::Keychain:
            return QStringLiteral("OS keychain ") + key;
        case Kind::ConnectionString:
        case Kind::Default:
            break;
        }
        return file.isEmpty() ? key : inToml();
    };
    switch (kind) {
    case Kind::ConnectionString:
        return QStringLiteral("connection string from ") + place(origin);
    case Kind::Default:
        return QStringLiteral("default");
    default:
        return place(kind);
    }
}

QVariant ResolvedConfig::credential(const QString &name, const QVariant &fallback) const
{
    const auto it = credentials.constFind(name);
    return it == credentials.cend() ? fallback : it->value;
}

int ResolvedConfig::intCredential(const QString &name, int fallback, int min, int max) const
{
    bool ok = true;
    const int value = credential(name, fallback).toInt(&ok);
    if (!ok || value < min || value > max)
        throw Error(ErrorKind::Config, QStringLiteral("%1 must be a number from %2 to %3").arg(name).arg(min).arg(max));
    return value;
}

QVariant ResolvedConfig::option(const QString &name, const QVariant &fallback) const
{
    const auto it = options.constFind(name);
    return it == options.cend() ? fallback : it->value;
}

QStringList ResolvedConfig::secretValues() const
{
    QStringList out;
    for (const auto *values : {&credentials, &options}) {
        for (const ResolvedValue &value : *values) {
            if (!value.secret)
                continue;
            QStringList texts{value.value.toString()};
            // A secret table (HTTP headers): each of its values is a secret of its own.
            if (texts.first().startsWith(QLatin1Char('{'))) {
                const QJsonObject table = QJsonDocument::fromJson(texts.first().toUtf8()).object();
                for (auto it = table.begin(); it != table.end(); ++it)
                    texts << it.value().toString();
            }
            for (const QString &text : std::as_const(texts)) {
                if (!text.isEmpty() && !out.contains(text))
                    out << text;
            }
        }
    }
    return out;
}

QString ResolvedConfig::maskSecrets(QString text) const
{
    QStringList needles;
    for (const QString &secret : secretValues()) {
        needles << secret;
        // Inside a URL (an error message quoting a DSN) the password appears encoded.
        const QString encoded = ConnectionString::encodeUserInfo(secret);
        if (encoded != secret)
            needles << encoded;
    }
    // Longest first, so a secret containing another one is masked whole.
    std::sort(needles.begin(), needles.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &needle : std::as_const(needles))
        text.replace(needle, kMask);
    return text;
}

ConnectionString ResolvedConfig::toConnectionString() const
{
    ConnectionString out;
    out.scheme = scheme;
    for (auto it = credentials.cbegin(); it != credentials.cend(); ++it) {
        const QVariant &value = it->value;
        if (!value.isValid() || value.isNull())
            continue;
        const QString &name = it.key();
        if (name == kUsernameField)
            out.username = value.toString();
        else if (name == kPasswordField)
            out.password = value.toString();
        else if (name == kHostField)
            out.host = value.toString();
        else if (name == kPortField)
            out.port = value.toInt();
        else if (name == kDatabaseField)
            out.database = value.toString();
        else if (isScalar(value))
            out.query.insert(name, value.toString());
    }
    for (auto it = extraQuery.cbegin(); it != extraQuery.cend(); ++it) {
        if (!out.query.contains(it.key()))
            out.query.insert(it.key(), it.value());
    }
    return out;
}

ConfigLocations ConfigLocations::defaults()
{
    ConfigLocations out;
    out.projectDir = QDir::currentPath();
    out.globalDir = QDir(QDir::homePath()).filePath(kDltFolder);
    out.environment = QProcessEnvironment::systemEnvironment();
    out.secretStore = SecretStore::defaultStore();
    return out;
}

// ---------------------------------------------------------------------------------------------

struct ConfigResolver::Private {
    ConfigLocations locations;
    QMap<QString, QVariant> explicitValues;
    QList<TomlFile> secrets; ///< project first, then global
    QList<TomlFile> config;  ///< project first, then global
    QStringList searchedPlaces;
    QString secretProject; ///< the project folder as the secret store keys it

    /// Spec 10.2: sections + key, then drop the rightmost section again and again, except
    /// the embedded config's section "credentials", which is kept.
    // A dotted key names a field of an embedded configuration (`csv_format.delimiter`): its
    // parts stay together while the sections before it are dropped one by one, as dlt looks
    // up embedded configs.
    static QList<KeyPath> paths(const QStringList &sections, const QString &key)
    {
        QList<KeyPath> out;
        QStringList current = sections;
        const QStringList keyParts = key.split(QLatin1Char('.'));
        while (true) {
            out << current + keyParts;
            qsizetype drop = current.size() - 1;
            while (drop >= 0 && current.at(drop) == kCredentialsSection)
                --drop;
            if (drop < 0)
                break;
            current.removeAt(drop);
        }
        return out;
    }

    /// The search passes: with the pipeline name as first section (never dropped), then
    /// without it (spec 10.2).
    QList<QList<KeyPath>> passes(const QList<KeyPath> &plain) const
    {
        QList<QList<KeyPath>> out;
        if (!locations.pipelineName.isEmpty()) {
            QList<KeyPath> scoped;
            for (const KeyPath &path : plain)
                scoped << QStringList{locations.pipelineName} + path;
            out << scoped;
        }
        out << plain;
        return out;
    }

    QList<QList<KeyPath>> passes(const QStringList &sections, const QString &key) const
    {
        return passes(paths(sections, key));
    }

    std::optional<Hit> findInToml(const QList<TomlFile> &files, ValueSource::Kind kind, const KeyPath &path,
                                  bool acceptTables) const
    {
        // project and global files act as one merged provider: per path, project wins.
        for (const TomlFile &file : files) {
            const toml::node *node = navigate(file.root, path);
            if (!node)
                continue;
            const bool isTable = node->is_table();
            if (isTable && !acceptTables)
                continue;
            return Hit{toVariant(*node), isTable, ValueSource{kind, file.path, dotted(path), {}}};
        }
        return std::nullopt;
    }

    /// Provider loop of spec 10.1/10.2: for each pass, for each provider, all paths. Explicit
    /// values come before everything, pipeline-scoped or not. A value found in config.toml for
    /// a secret field throws.
    std::optional<Hit> find(const QList<QList<KeyPath>> &allPasses, Providers which, bool acceptTables,
                            bool secret) const
    {
        if (which != Providers::AllButExplicit) {
            for (const QList<KeyPath> &pass : allPasses) {
                for (const KeyPath &path : pass) {
                    const QString key = dotted(path);
                    const auto it = explicitValues.constFind(key);
                    if (it == explicitValues.cend())
                        continue;
                    const bool isTable = it->typeId() == QMetaType::QVariantMap;
                    if (isTable && !acceptTables)
                        continue;
                    return Hit{*it, isTable, ValueSource{ValueSource::Kind::Explicit, {}, key, {}}};
                }
            }
        }
        if (which == Providers::ExplicitOnly)
            return std::nullopt;
        const QProcessEnvironment &env = locations.environment;
        for (const QList<KeyPath> &pass : allPasses) {
            for (const KeyPath &path : pass) {
                const QString name = envName(path);
                if (env.contains(name))
                    return Hit{env.value(name), false, ValueSource{ValueSource::Kind::Environment, {}, name, {}}};
            }
            if (const SecretStore *store = locations.secretStore.get()) {
                for (const KeyPath &path : pass) {
                    const QString key = dotted(path);
                    if (auto value = store->read(secretProject, key))
                        return Hit{*value, false, ValueSource{ValueSource::Kind::Keychain, {}, key, {}}};
                }
            }
            for (const KeyPath &path : pass) {
                if (auto hit = findInToml(secrets, ValueSource::Kind::SecretsToml, path, acceptTables))
                    return hit;
            }
            for (const KeyPath &path : pass) {
                if (auto hit = findInToml(config, ValueSource::Kind::ConfigToml, path, acceptTables)) {
                    if (secret)
                        throw notASecret(hit->source, QStringLiteral("'%1'").arg(path.last()));
                    return hit;
                }
            }
        }
        return std::nullopt;
    }

    QStringList describe(const QList<QList<KeyPath>> &allPasses) const
    {
        QStringList out;
        for (const QList<KeyPath> &pass : allPasses) {
            for (const KeyPath &path : pass)
                out << QStringLiteral("%1 (env %2)").arg(dotted(path), envName(path));
        }
        return out;
    }
};

ConfigResolver::ConfigResolver(ConfigLocations locations)
    : d(std::make_unique<Private>())
{
    d->locations = std::move(locations);
    const QString projectDlt =
        d->locations.projectDir.isEmpty() ? QString() : QDir(d->locations.projectDir).filePath(kDltFolder);
    QString globalDlt = d->locations.globalDir;
    // Running from the home folder makes ~/.dlt the project folder too; read it once.
    if (!projectDlt.isEmpty() && !globalDlt.isEmpty()) {
        const QString a = QFileInfo(projectDlt).canonicalFilePath();
        if (!a.isEmpty() && a == QFileInfo(globalDlt).canonicalFilePath())
            globalDlt.clear();
    }
    d->searchedPlaces << QStringLiteral("environment variables");
    if (d->locations.secretStore) {
        d->secretProject = SecretStore::normalizedProject(d->locations.projectDir);
        d->searchedPlaces << d->locations.secretStore->displayName();
    }
    for (const QString &name : {kSecretsFile, kConfigFile}) {
        QList<TomlFile> &target = name == kSecretsFile ? d->secrets : d->config;
        for (const QString &dir : {projectDlt, globalDlt}) {
            if (dir.isEmpty())
                continue;
            const QString path = QDir(dir).filePath(name);
            d->searchedPlaces << path;
            if (auto root = toml_support::loadFile(path))
                target << TomlFile{path, std::move(*root)};
        }
    }
}

ConfigResolver::~ConfigResolver() = default;

void ConfigResolver::setExplicit(const QString &dottedKey, const QVariant &value)
{
    d->explicitValues.insert(dottedKey, value);
}

std::optional<ResolvedValue> ConfigResolver::lookup(const QStringList &sections, const QString &key, bool secret) const
{
    const auto hit = d->find(d->passes(sections, key), Providers::All, false, secret);
    if (!hit)
        return std::nullopt;
    QVariant value = hit->value;
    if (secret && value.typeId() == QMetaType::QString)
        value = value.toString().trimmed();
    return ResolvedValue{value, hit->source, secret};
}

std::optional<ResolvedValue> ConfigResolver::lookupExact(const QStringList &path, bool secret) const
{
    const auto hit = d->find(d->passes({path}), Providers::All, false, secret);
    if (!hit)
        return std::nullopt;
    return ResolvedValue{hit->value, hit->source, secret};
}

QString ConfigResolver::destinationType(const QString &name) const
{
    // Only the exact key: a `destination_type` further up would name every destination's type.
    const KeyPath path{kDestinationSection, name, kDestinationTypeKey};
    const auto hit = d->find(d->passes({path}), Providers::All, false, false);
    if (hit) {
        const QString type = hit->value.toString().trimmed();
        if (!type.isEmpty())
            return type;
    }
    return name;
}

QStringList ConfigResolver::describeLookup(const QStringList &sections, const QString &key) const
{
    return d->describe(d->passes(sections, key));
}

ResolvedConfig ConfigResolver::resolveDestination(const QString &name, const ConfigSpec &spec, bool allowMissing) const
{
    ResolvedConfig out;
    out.destinationName = name;
    out.destinationType = destinationType(name);
    out.scheme = spec.scheme;

    const QStringList destinationSections{kDestinationSection, name};
    const QStringList credentialSections = destinationSections + QStringList{kCredentialsSection};

    // Native value (spec 10.2): the whole credentials object as one string under the same
    // paths. A TOML table there means "given field by field" and is not an error.
    QMap<QString, QVariant> nativeValues;
    ValueSource nativeSource;
    if (!spec.credentials.isEmpty()) {
        const auto hit = d->find(d->passes(destinationSections, kCredentialsSection), Providers::All, true, false);
        const bool isString = hit && hit->value.typeId() == QMetaType::QString;
        if (hit && !hit->isTable && !(isString && hit->value.toString().trimmed().isEmpty())) {
            const QString text = hit->value.toString().trimmed();
            if (!isString || !ConnectionString::looksLikeUrl(text)) {
                throw Error(
                    ErrorKind::Config,
                    QStringLiteral("%1 must be a connection string (%2://user:password@"
                                   "host:port/database) or a table of credential fields")
                        .arg(hit->source.describe(), spec.scheme.isEmpty() ? QStringLiteral("scheme") : spec.scheme));
            }
            ConnectionString native;
            try {
                native = ConnectionString::parse(text);
            } catch (const Error &error) {
                throw Error(ErrorKind::Config, QStringLiteral("%1: %2").arg(hit->source.describe(), error.message()));
            }
            const ConfigField *passwordField = spec.credentialField(kPasswordField);
            if (hit->source.kind == ValueSource::Kind::ConfigToml && native.password && passwordField &&
                passwordField->secret)
                throw notASecret(hit->source, QStringLiteral("a connection string with a password"));

            nativeSource = hit->source;
            nativeSource.origin = hit->source.kind;
            nativeSource.kind = ValueSource::Kind::ConnectionString;
            out.scheme = native.scheme;

            const auto take = [&](const QString &field, const QVariant &value) {
                if (spec.credentialField(field))
                    nativeValues.insert(field, value);
            };
            if (!native.username.isEmpty())
                take(kUsernameField, native.username);
            if (native.password)
                take(kPasswordField, *native.password);
            if (!native.host.isEmpty())
                take(kHostField, native.host);
            if (native.port)
                take(kPortField, qlonglong(*native.port));
            if (!native.database.isEmpty())
                take(kDatabaseField, native.database);
            // Query parameters naming a credential field (connect_timeout, client_encoding)
            // are lifted into it, as dlt does; the rest pass through to the driver.
            for (auto it = native.query.cbegin(); it != native.query.cend(); ++it) {
                if (spec.credentialField(it.key()) && !nativeValues.contains(it.key()))
                    nativeValues.insert(it.key(), it.value());
                else
                    out.extraQuery.insert(it.key(), it.value());
            }
        }
    }

    QStringList missing;
    const auto resolveField = [&](const ConfigField &field, const QStringList &sections,
                                  bool fromNative) -> std::optional<ResolvedValue> {
        const auto allPasses = d->passes(sections, field.name);
        const bool table = field.type == FieldType::Table;
        std::optional<Hit> hit = d->find(allPasses, Providers::ExplicitOnly, table, field.secret);
        if (!hit && fromNative && nativeValues.contains(field.name))
            hit = Hit{nativeValues.value(field.name), false, nativeSource};
        if (!hit)
            hit = d->find(allPasses, Providers::AllButExplicit, table, field.secret);
        if (!hit && field.defaultValue.isValid())
            hit = Hit{field.defaultValue, false, ValueSource{}};
        if (!hit) {
            if (field.required) {
                QString entry = QStringLiteral("'%1', tried: %2")
                                    .arg(field.name, d->describe(allPasses).join(QStringLiteral(", ")));
                missing << entry;
            }
            return std::nullopt;
        }
        return ResolvedValue{convertValue(hit->value, field, hit->source), hit->source, field.secret};
    };

    for (const ConfigField &field : spec.credentials) {
        if (auto value = resolveField(field, credentialSections, true))
            out.credentials.insert(field.name, *value);
    }
    const bool credentialsMissing = !missing.isEmpty();
    for (const ConfigField &field : spec.options) {
        if (auto value = resolveField(field, destinationSections, false))
            out.options.insert(field.name, *value);
    }

    if (!missing.isEmpty() && !allowMissing) {
        QString message = QStringLiteral("missing required configuration for destination '%1':").arg(name);
        for (const QString &entry : std::as_const(missing))
            message += QStringLiteral("\n  ") + entry;
        if (credentialsMissing) {
            message += QStringLiteral("\n  the credentials may also be given whole as a "
                                      "connection string at: ") +
                       describeLookup(destinationSections, kCredentialsSection).join(QStringLiteral(", "));
        }
        message += QStringLiteral("\n  looked in: ") + d->searchedPlaces.join(QStringLiteral(", "));
        throw Error(ErrorKind::Config, message);
    }

    // A `query` table given field by field ([destination.postgres.credentials.query] or
    // `query.options = ...`, spec 10.3); parameters from a connection string win.
    if (!spec.credentials.isEmpty() && !spec.credentialField(kQueryKey)) {
        const auto hit = d->find(d->passes(credentialSections, kQueryKey), Providers::All, true, false);
        if (hit && hit->value.typeId() == QMetaType::QVariantMap) {
            const QVariantMap table = hit->value.toMap();
            for (auto it = table.cbegin(); it != table.cend(); ++it) {
                if (isScalar(it.value()) && !out.extraQuery.contains(it.key()))
                    out.extraQuery.insert(it.key(), it.value().toString());
            }
        }
    }
    return out;
}

} // namespace wharf
