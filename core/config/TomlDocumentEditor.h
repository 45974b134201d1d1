#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>

namespace wharf {

/// Surgical edits of one TOML document (a .dlt/secrets.toml or config.toml) that keep its
/// comments, formatting and every other section byte for byte: values are replaced where
/// they stand (toml++ reports each value's source region), new keys go into their table's
/// existing `[header]` block (or next to its dotted keys), new tables get a header next to
/// their relatives. After every edit the text is parsed again and must read back as the old
/// document with exactly that change, otherwise the edit throws Error(Config) and the text
/// stays as it was. Keys inside inline tables (`credentials = { host = "h" }`) can have
/// their values replaced, but cannot be added, removed or renamed: that is refused clearly.
/// Not thread-safe; plain value semantics are not needed, so it is move-only.
class TomlDocumentEditor {
public:
    /// An empty document.
    TomlDocumentEditor();
    /// Parses `text`; `name` (usually the file path) names it in errors. Throws Error(Config)
    /// for invalid TOML.
    explicit TomlDocumentEditor(const QByteArray &text, const QString &name = {});
    ~TomlDocumentEditor();
    TomlDocumentEditor(TomlDocumentEditor &&) noexcept;
    TomlDocumentEditor &operator=(TomlDocumentEditor &&) noexcept;

    /// Reads `path`; a file that does not exist gives an empty document named `path`.
    /// Throws Error(Config) when it cannot be read or is not valid TOML.
    static TomlDocumentEditor load(const QString &path);

    const QByteArray &text() const;
    const QString &name() const;
    /// Some edit changed the text since construction.
    bool isModified() const;

    bool contains(const QStringList &path) const;
    /// The value at `path` (tables as QVariantMap); invalid when absent.
    QVariant value(const QStringList &path) const;
    /// Whether `path` is a table (a `[header]`, dotted-key or inline table).
    bool isTable(const QStringList &path) const;
    /// The keys of the table at `path`, in document order (empty when it is no table).
    QStringList keys(const QStringList &path) const;

    /// Sets `table`.`key` to `value` (string, integer, double, bool, list, map). Replaces an
    /// existing value in place; otherwise adds `key = value` to the table's block, creating
    /// a `[table]` header when there is none. Throws Error(Config) when `table`.`key` is a
    /// table, when a part of `table` is a value, an array of tables or an inline table.
    void setValue(const QStringList &table, const QString &key, const QVariant &value);
    /// Removes the value `table`.`key` (its whole line or lines). Returns false when absent.
    /// Throws Error(Config) for a key inside an inline table or for a `[table]`.
    bool removeKey(const QStringList &table, const QString &key);
    /// Renames the table (or value) at `path` to `newName`, keeping its parent: every
    /// `[header]` of it and its sub-tables (`[destination.old.credentials]`) and every dotted
    /// key naming it. Returns false when `path` is absent; throws Error(Config) when
    /// `newName` exists already or a part lives in an inline table.
    bool renameTable(const QStringList &path, const QString &newName);
    /// Removes the table at `path` with its sub-tables and dotted keys, whichever block they
    /// are in (or a value at `path`). Returns false when absent.
    bool removeTable(const QStringList &path);

    /// How save() sets the file's permission bits.
    enum class FileMode {
        Keep,     ///< a new file gets the usual 0644 (less the umask), an existing one keeps its bits
        OwnerOnly ///< 0600, set before any byte is written: for secrets.toml
    };
    /// Writes the text atomically (QSaveFile: a temporary file renamed over `path`), creating
    /// the folder if needed. Throws Error(Config) naming the file when it cannot.
    void save(const QString &path, FileMode mode = FileMode::Keep) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wharf
