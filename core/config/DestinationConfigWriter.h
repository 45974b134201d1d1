#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf {

/// One field of a destination's form, to write to the project's files.
struct DestinationSetting {
    QString field;
    bool credential = true; ///< a credentials field (else an option of the destination)
    bool secret = false;
    QVariant value; ///< invalid: remove the key from the project's files
};

/// Writes a destination's settings into the project's `.dlt/` folder the way dlt expects
/// them: credentials and secret values into secrets.toml (`[destination.<name>.credentials]`,
/// file mode 0600), other options into config.toml (`[destination.<name>]`). Edits go
/// through TomlDocumentEditor, so comments and every other section survive. Not
/// thread-safe; does small file I/O in the calls.
class DestinationConfigWriter {
public:
    explicit DestinationConfigWriter(QString projectDir);

    QString secretsPath() const;
    QString configPath() const;
    /// The file a setting goes to.
    QString fileFor(const DestinationSetting &setting) const;
    /// The table a setting goes to: {"destination", name, "credentials"} or {"destination", name}.
    static QStringList tableFor(const QString &name, const DestinationSetting &setting);

    /// Writes `settings` of destination `name`. A value removes nothing else; an invalid
    /// value removes the key from both project files. A connection string given whole in
    /// the project files (`credentials = "postgresql://..."`) is replaced by the fields when
    /// `settings` has any credential, so they should carry every field it held. Both files
    /// are edited in memory first: when an edit fails (Error(Config)), nothing is written.
    void write(const QString &name, const QList<DestinationSetting> &settings);

    /// Sets (or, for an invalid value, removes) one key of the project's config.toml, e.g.
    /// {"destination", "pg", "max_rows_per_insert"}: the capability overrides.
    void setConfigValue(const QStringList &path, const QVariant &value);

private:
    QString m_projectDir;
};

} // namespace wharf
