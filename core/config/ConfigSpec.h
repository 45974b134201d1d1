#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf {

/// Type of a configuration field; decides how strings from env/TOML are converted.
/// Table: string keys to text values (HTTP headers); a TOML table or a JSON object in text,
/// resolved to the object's compact JSON text.
enum class FieldType { String, Int, Bool, Path, Table };

/// One configurable field of a destination (credentials or option). The UI builds its form
/// from these; the resolver uses them to know what to look up and which values are secret.
struct ConfigField {
    QString name; ///< key, e.g. "password", "database", "create_indexes"
    FieldType type = FieldType::String;
    QVariant defaultValue; ///< invalid QVariant = no default
    bool required = false;
    bool secret = false; ///< never printed unmasked; may not come from config.toml
    QString description;
    /// The only values allowed, when non-empty (e.g. libpq's sslmode); the UI offers a combo.
    QStringList choices;
};

/// A field in one line, as configSpec() lists them.
ConfigField configField(const char *name, FieldType type, QVariant defaultValue, bool required, bool secret,
                        const char *description);

/// Everything a destination type needs configured. Credentials live under
/// `destination.<name>.credentials` and may also be given as one connection string there.
struct ConfigSpec {
    QString destinationType;        ///< "sqlite", "postgres", "dummy"
    QList<ConfigField> credentials; ///< fields of the embedded credentials object
    QList<ConfigField> options;     ///< other fields, directly under destination.<name>
    /// Scheme used when printing credentials as a URL ("postgresql", "sqlite").
    QString scheme;

    const ConfigField *credentialField(const QString &name) const;
    const ConfigField *optionField(const QString &name) const;
};

} // namespace wharf
