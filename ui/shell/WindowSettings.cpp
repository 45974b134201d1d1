#include "shell/WindowSettings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace wharf::ui::windowsettings {

namespace {

// Bump when the dock/toolbar layout changes so an old saved state is not applied to it.
constexpr int kStateVersion = 2;

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kDestination = QStringLiteral("window/destination");
const QString kPackage = QStringLiteral("window/package");
const QString kTab = QStringLiteral("window/tab");
const QString kSplitters = QStringLiteral("window/splitters/");

} // namespace

void fitOnScreen(QWidget *window)
{
    QScreen *screen = QGuiApplication::screenAt(window->frameGeometry().center());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect area = screen->availableGeometry();
    // The frame (title bar, borders) lies outside geometry(); it is known once the window is
    // shown, so the window calls this again then.
    const QRect frame = window->frameGeometry();
    const QMargins margins(window->geometry().left() - frame.left(), window->geometry().top() - frame.top(),
                           frame.right() - window->geometry().right(), frame.bottom() - window->geometry().bottom());
    QRect f = frame;
    f.setSize(f.size().boundedTo(area.size()));
    if (f.right() > area.right())
        f.moveRight(area.right());
    if (f.bottom() > area.bottom())
        f.moveBottom(area.bottom());
    if (f.left() < area.left())
        f.moveLeft(area.left());
    if (f.top() < area.top())
        f.moveTop(area.top());
    const QRect inner = f.marginsRemoved(margins);
    if (inner != window->geometry())
        window->setGeometry(inner);
}

bool restoreWindow(QMainWindow *window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(kGeometry).toByteArray();
    if (geometry.isEmpty())
        return false;
    window->restoreGeometry(geometry);
    window->restoreState(settings.value(kState).toByteArray(), kStateVersion);
    for (QSplitter *splitter : window->findChildren<QSplitter *>()) {
        const QByteArray state = settings.value(kSplitters + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
    fitOnScreen(window);
    return true;
}

void saveWindow(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(kGeometry, window->saveGeometry());
    settings.setValue(kState, window->saveState(kStateVersion));
    for (const QSplitter *splitter : window->findChildren<QSplitter *>())
        if (!splitter->objectName().isEmpty())
            settings.setValue(kSplitters + splitter->objectName(), splitter->saveState());
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
