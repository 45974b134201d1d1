#pragma once

#include "config/ConfigResolver.h"

#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace wharf::ui {

class CapabilitiesModel;

/// The Capabilities view: every capability of one destination with its value, default,
/// source and meaning (CapabilitiesModel). Values of the tunable ones are edited in place
/// (CapabilityDelegate: a list for file format and strategy, a spin box for counts) and saved
/// as overrides in the project's `.dlt/config.toml`; "Reset to default" removes the override
/// of the current row. A rejected value shows in a line under the table. GUI thread only; it
/// reads and writes the small config files synchronously.
class CapabilitiesPanel : public QWidget {
    Q_OBJECT
public:
    explicit CapabilitiesPanel(QWidget *parent = nullptr);

    CapabilitiesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// "Reset to default" for the current row: enabled when the project's config.toml holds
    /// an override of it.
    QAction *resetAction() const { return m_resetAction; }

    /// Shows destination `name` as configured in `locations` (see
    /// CapabilitiesModel::setDestination).
    void setDestination(const QString &name, const ConfigLocations &locations);

public slots:
    /// Shows destination `name` as configured in ConfigLocations::defaults() (the current
    /// folder's `.dlt/`, ~/.dlt, the environment): for DestinationPicker::destinationChanged.
    void showDestination(const QString &name);
    /// Reads the configuration files again.
    void reload();
    /// Removes the override of the current row; false when there was none to remove.
    bool resetCurrent();

private:
    void setUpView();
    void updateActions();
    void updateTexts();
    void showError(const QString &message);
    void showContextMenu(const QPoint &pos);

    CapabilitiesModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
    QLabel *m_fileHint;
    QLabel *m_errorLabel;
    QAction *m_resetAction;
};

} // namespace wharf::ui
