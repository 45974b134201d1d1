#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace wharf::ui {

/// Picks the destination type (the registered ones) and shows where it writes: the masked
/// location of its resolved configuration, or why the configuration does not resolve. Reads the
/// configuration (.dlt/*.toml, environment) again on every change and on refresh().
class DestinationPicker : public QWidget {
    Q_OBJECT
public:
    /// Lists DestinationRegistry's types (aliases such as "sqlalchemy" left out); selects
    /// `preferred` if registered, else the first type.
    explicit DestinationPicker(const QString &preferred = QStringLiteral("sqlite"), QWidget *parent = nullptr);

    QString currentType() const;
    void setCurrentType(const QString &type);
    /// The masked location, empty when the configuration did not resolve.
    QString location() const { return m_location; }
    /// Why the configuration did not resolve, empty when it did.
    QString error() const { return m_error; }

public slots:
    void refresh();

signals:
    void destinationChanged(const QString &type);

private:
    QComboBox *m_combo;
    QLabel *m_locationLabel;
    QString m_location;
    QString m_error;
};

} // namespace wharf::ui
