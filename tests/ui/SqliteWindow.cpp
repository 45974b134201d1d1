#include "SqliteWindow.h"

#include "LoadQueue.h"
#include "TestSupport.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "shell/MainWindow.h"
#include "sqlite/SqliteConnection.h"
#include "sqlite/SqliteDestination.h"

#include <QAction>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>

namespace wharf::test {

QString sqliteDatasetFile(const QString &dataset)
{
    const ConfigResolver resolver(ConfigLocations::defaults());
    const auto destination = ResolvedDestination::resolve(resolver, QStringLiteral("sqlite"));
    return sqlite::SqliteConnection::datasetFile(sqlite::SqliteDestination::databasePath(destination.config), dataset);
}

QString copyTestPackages(const QString &home, const QString &folder, const QStringList &names)
{
    const QString target = QDir(home).filePath(folder);
    for (const QString &name : names)
        if (!copyTree(dataPath(QStringLiteral("packages/") + name), target + QLatin1Char('/') + name))
            return {};
    return target;
}

ui::StartupState sqliteStartup(const QString &packageFolder)
{
    ui::StartupState startup;
    startup.packageRoots = {packageFolder};
    startup.destinationType = QStringLiteral("sqlite");
    return startup;
}

int loadInto(ui::MainWindow &window, QAction *run, const QString &dataset, int timeoutMs)
{
    window.datasetEdit()->setText(dataset);
    QSignalSpy finished(window.queue(), &ui::LoadQueue::queueFinished);
    run->trigger();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return -1;
    return finished.first().first().value<ui::QueueSummary>().loaded;
}

} // namespace wharf::test
