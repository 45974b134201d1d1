#pragma once

#include "config/ConfigResolver.h"
#include "destination/CapabilityOverrides.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace wharf::ui {

/// Every capability of one destination (Capabilities::describe(), plus the loader's
/// `[load] workers`), with its default, where its value comes from, and what it means. The
/// tunable ones (tunableCapabilities()) are editable in ValueColumn: an edit is checked, then
/// written to the project's `.dlt/config.toml` through DestinationConfigWriter (comments and
/// other sections survive) and the configuration is read again. GUI thread only; the calls
/// read and write the small TOML files synchronously, as DestinationCatalog does. Never talks
/// to a database.
class CapabilitiesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, DefaultColumn, SourceColumn, MeaningColumn, ColumnCount };

    /// How ValueColumn is edited (EditorKindRole).
    enum class EditorKind {
        None,    ///< not tunable, or set somewhere an edit here cannot win over
        Integer, ///< a whole number from MinimumRole to MaximumRole
        Choice   ///< one of ChoicesRole
    };

    enum Role {
        EditorKindRole = Qt::UserRole, ///< int(EditorKind), on ValueColumn
        ChoicesRole,                   ///< QStringList for EditorKind::Choice
        MinimumRole,                   ///< int for EditorKind::Integer
        MaximumRole,                   ///< int for EditorKind::Integer (clamped to int)
        SpecialValueTextRole,          ///< what the minimum means when it means more ("no limit"), else empty
        TunableRole,                   ///< bool: the capability can be overridden in config.toml
        OverriddenRole,                ///< bool: the value does not come from the defaults
        ResettableRole,                ///< bool: the project's config.toml holds an override to remove
        ConfigKeyRole,                 ///< "destination.sqlite.max_rows_per_insert", "load.workers", or empty
        ProblemRole,                   ///< why the configured value is invalid (loads would fail), or empty
        DltNameRole                    ///< the capability's name in dlt ("max_rows_per_insert"), on every column
    };
    /// The capability in words for the Capability column ("Rows per INSERT"); dlt's name is in
    /// its tooltip and DltNameRole.
    static QString caption(const QString &dltName);

    explicit CapabilitiesModel(QObject *parent = nullptr);

    /// Shows destination `name` (a type, or a named destination with `destination_type`) as
    /// configured in `locations`; overrides are written to `locations.projectDir`'s
    /// `.dlt/config.toml`. Resets the model. Never throws: an unknown destination gives no
    /// rows and an unreadable configuration the defaults, both with lastError() set.
    void setDestination(const QString &name, const ConfigLocations &locations = ConfigLocations::defaults());
    QString destinationName() const { return m_name; }
    /// The file overrides are written to: `<project>/.dlt/config.toml`.
    QString configPath() const;

    /// Reads the configuration again (after an edit elsewhere). Keeps the rows when their
    /// number does not change (dataChanged), so views keep their selection.
    void reload();

    /// Removes the override of `row` from the project's config.toml. Returns false (with
    /// lastError() set) when there is none or the file cannot be written.
    bool resetToDefault(int row);
    bool isResettable(int row) const;

    /// Pending edits, as in the Connection tab: with it on, a changed value or a reset is kept
    /// (shown in italics, "typed here (not saved)") until save(), or dropped by revert().
    /// Off (the default), every edit is written to config.toml at once.
    void setPendingEdits(bool pending) { m_pendingMode = pending; }
    bool isEdited() const { return !m_pending.isEmpty(); }
    /// Writes every pending edit to config.toml; false (lastError() set) when one failed.
    bool save();
    void revert();
    /// Row of capability `name` ("max_rows_per_insert", "workers"), or -1.
    int rowOf(const QString &name) const;

    /// The last rejected edit or failed read/write, for people; empty after a successful
    /// change or setDestination() of a readable configuration.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// ValueColumn of a tunable row, Qt::EditRole: checks `value` (a whole number at least the
    /// minimum, a supported file format, a known strategy), writes it to config.toml and reads
    /// the configuration again. Returns false and sets lastError() (emitting
    /// lastErrorChanged) for a value it rejects or a file it cannot write; the file is then
    /// unchanged.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    /// A pending edit was made, saved or dropped.
    void editedChanged();
    /// lastError() changed: set by a rejected edit or a failed read/write, cleared (empty)
    /// by the next success.
    void lastErrorChanged(const QString &message);

private:
    struct Row {
        QString name;
        QString value; ///< effective value as text (the configured text when it is invalid)
        QString defaultValue;
        QString meaning;
        std::optional<TunableCapability> tunable;
        QVariant editValue;                      ///< effective value for the editor
        QStringList choices;                     ///< for a FileFormat or Strategy capability
        std::optional<ResolvedValue> configured; ///< where the value comes from when not the default
        bool inProjectFile = false;              ///< the project's config.toml sets the key
        QString problem;                         ///< the configured value is invalid
    };

    QList<Row> readRows(QString *error);
    bool isEditable(const Row &row) const;
    QString sourceText(const Row &row) const;
    std::optional<QVariant> validate(const Row &row, const QVariant &value, QString *error) const;
    bool writeConfig(const QStringList &path, const QVariant &value);
    void setLastError(const QString &message);

    QString m_name;
    ConfigLocations m_locations;
    Capabilities m_defaults; ///< the destination's own capabilities, to check overrides against
    bool m_readable = false; ///< the configuration was read: edits can be checked and written
    QList<Row> m_rows;
    QString m_lastError;
    bool m_pendingMode = false;
    /// capability -> value to write, or nullopt to remove its override (a pending reset)
    QMap<QString, std::optional<QVariant>> m_pending;
};

} // namespace wharf::ui
