#pragma once

#include <QString>

class QMainWindow;
class QWidget;

namespace wharf::ui {

/// What the main window remembers between runs, in QSettings (never secrets): its geometry
/// and dock/toolbar layout, the positions of its named splitters, the selected destination and
/// package, the open tab.
namespace windowsettings {

/// Restores geometry, dock layout and splitters saved by saveWindow(); false on the first run.
/// The window always ends up on a screen and no larger than it (a screen may have gone since).
bool restoreWindow(QMainWindow *window);
void saveWindow(const QMainWindow *window);
/// Moves and shrinks `window` so that it lies inside the available area of the screen it is
/// on (or the primary screen when it is on none).
void fitOnScreen(QWidget *window);

QString destination(); ///< empty when none was remembered
void setDestination(const QString &name);

QString package(); ///< folder of the last selected package, or empty
void setPackage(const QString &dir);

int tab(); ///< index of the last open main tab, 0 by default
void setTab(int index);

} // namespace windowsettings
} // namespace wharf::ui
