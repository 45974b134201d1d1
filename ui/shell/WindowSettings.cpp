#include "shell/WindowSettings.h"

#include <QMainWindow>
#include <QSettings>

namespace wharf::ui::windowsettings {

namespace {

// Bump when the dock/toolbar layout changes so an old saved state is not applied to it.
constexpr int kStateVersion = 2;

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kDestination = QStringLiteral("window/destination");
const QString kPackage = QStringLiteral("window/package");
const QString kTab = QStringLiteral("window/tab");

} // namespace

bool restoreWindow(QMainWindow *window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(kGeometry).toByteArray();
    if (geometry.isEmpty())
        return false;
    window->restoreGeometry(geometry);
    window->restoreState(settings.value(kState).toByteArray(), kStateVersion);
    return true;
}

void saveWindow(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(kGeometry, window->saveGeometry());
    settings.setValue(kState, window->saveState(kStateVersion));
}

QString destination()
{
    return QSettings().value(kDestination).toString();
}

void setDestination(const QString &name)
{
    QSettings().setValue(kDestination, name);
}

QString package()
{
    return QSettings().value(kPackage).toString();
}

void setPackage(const QString &dir)
{
    QSettings().setValue(kPackage, dir);
}

int tab()
{
    return QSettings().value(kTab, 0).toInt();
}

void setTab(int index)
{
    QSettings().setValue(kTab, index);
}

} // namespace wharf::ui::windowsettings
