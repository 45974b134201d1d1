#pragma once

#include <QString>

class QMainWindow;

namespace wharf::ui {

/// What the main window remembers between runs, in QSettings (never secrets): its geometry
/// and dock/toolbar layout, the selected destination and package, the open tab.
namespace windowsettings {

/// Restores geometry and dock layout saved by saveWindow(); false on the first run.
bool restoreWindow(QMainWindow *window);
void saveWindow(const QMainWindow *window);

QString destination(); ///< empty when none was remembered
void setDestination(const QString &name);

QString package(); ///< folder of the last selected package, or empty
void setPackage(const QString &dir);

int tab(); ///< index of the last open main tab, 0 by default
void setTab(int index);

} // namespace windowsettings
} // namespace wharf::ui
