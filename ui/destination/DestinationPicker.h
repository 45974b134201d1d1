#pragma once

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
    /// Why the configuration did not resolve, empty when it did.
    QString error() const { return m_error; }

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
    bool m_reloading = false;
};

} // namespace wharf::ui
