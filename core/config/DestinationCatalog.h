#pragma once

#include "config/ConfigResolver.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace wharf {

/// One destination people can pick: a registered type used under its own name ("postgres"),
/// or a named destination configured as `[destination.<name>]` with `destination_type`.
struct DestinationEntry {
    QString name;
    QString type;          ///< destination_type, or the name itself
    QStringList files;     ///< TOML files with a [destination.<name>] table (project first)
    bool builtin = false;  ///< one of the offered types, listed even when not configured
    bool typeKnown = true; ///< `type` is one of the known types

    bool isConfigured() const { return !files.isEmpty(); }
};

/// The destinations a user has: the offered types plus every `[destination.<name>]` table of
/// the project's and the global secrets.toml and config.toml. Add, duplicate, rename and
/// remove edit those files with TomlDocumentEditor (comments and other sections survive;
/// secrets.toml stays 0600). New settings always go to the project's `.dlt/` folder;
/// rename and remove also change the global files that define the destination. Secrets in
/// a SecretStore (the OS keychain) are not touched here: the caller moves those.
/// Not thread-safe; file I/O happens in the calls (small files).
class DestinationCatalog {
public:
    /// `offeredTypes`: listed even when not configured (the GUI leaves out test-only ones);
    /// `knownTypes`: every type that can be created (for typeKnown and add()).
    DestinationCatalog(ConfigLocations locations, QStringList offeredTypes, QStringList knownTypes = {});

    /// Reads the files again. Throws Error(Config) for a file that is not valid TOML.
    void reload();
    const QList<DestinationEntry> &entries() const { return m_entries; }
    std::optional<DestinationEntry> entry(const QString &name) const;
    const ConfigLocations &locations() const { return m_locations; }

    QString projectSecretsPath() const;
    QString projectConfigPath() const;

    /// A name dlt accepts as a config section and as part of an env var name: a letter or
    /// '_', then letters, digits and '_'; not "credentials". `why` gets the reason.
    static bool isValidName(const QString &name, QString *why = nullptr);

    /// Adds destination `name` of `type`: `destination_type` in the project's config.toml.
    /// Throws Error(Config) for an invalid or taken name or an unknown type.
    void add(const QString &name, const QString &type);
    /// Copies every setting of `from` (project and global files; project values win) into
    /// the project's files under `to`, with `from`'s type.
    void duplicate(const QString &from, const QString &to);
    /// Renames `from` to `to` in every file that defines it, keeping its type.
    void rename(const QString &from, const QString &to);
    /// Removes `name`'s tables from every file that defines it. An offered type stays listed,
    /// unconfigured.
    void remove(const QString &name);

private:
    struct File {
        QString path;
        bool secrets = false;
        bool project = false;
    };
    QList<File> files() const;
    void checkNewName(const QString &name) const;
    DestinationEntry existing(const QString &name) const;

    ConfigLocations m_locations;
    QStringList m_offeredTypes;
    QStringList m_knownTypes;
    QList<DestinationEntry> m_entries;
};

} // namespace wharf
