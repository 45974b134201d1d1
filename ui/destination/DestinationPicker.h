#pragma once

#include <QMap>
#include <QVariant>
#include <QWidget>

class QComboBox;
class QLabel;

namespace wharf::ui {

/// Picks the destination — a registered type, or a named destination of the .dlt/*.toml files
/// ("warehouse (postgres)") — and shows where it writes: the masked location of its resolved
/// configuration, or why the configuration does not resolve. Reads the configuration
/// (.dlt/*.toml, environment) again on every change and on refresh().
class DestinationPicker : public QWidget {
    Q_OBJECT
public:
    /// Lists DestinationRegistry's types (aliases such as "sqlalchemy" left out); selects
    /// `preferred` if registered, else the first type.
    explicit DestinationPicker(const QString &preferred = QStringLiteral("sqlite"), QWidget *parent = nullptr);

    /// The selected destination's name (a type such as "sqlite", or a named destination).
    QString currentType() const;
    void setCurrentType(const QString &type);
    /// Every name listed, in order.
    QStringList names() const;
    /// The registered types people can pick (aliases left out).
    static QStringList offeredTypes();
    /// The masked location, empty when the configuration did not resolve.
    QString location() const { return m_location; }
    /// Why the saved configuration did not resolve, empty when it did (the full text).
    QString error() const { return m_error; }
    /// What the line under the picker says: the location, or in words what is missing and
    /// where to fill it in; with typed values (setPendingValues), what they would give.
    QString shownText() const;
    /// Values typed in Destination settings and not saved yet (empty: none): the line says what
    /// they would resolve to, marked as not saved. Loads still use the saved configuration.
    void setPendingValues(const QMap<QString, QVariant> &values);

public slots:
    /// Resolves the selected destination again (its location or error).
    void refresh();
    /// Lists the destinations again (after add, rename, remove), keeping the selection when
    /// it still exists (else `destinationChanged` follows).
    void reloadList();

signals:
    void destinationChanged(const QString &type);

private:
    QComboBox *m_combo;
    QLabel *m_locationLabel;
    QString m_location;
    QString m_error;
    QMap<QString, QVariant> m_pending;
    bool m_reloading = false;
};

} // namespace wharf::ui
