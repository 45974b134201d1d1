#include "shell/Startup.h"

#include "Error.h"
#include "package/PackageFinder.h"
#include "package/SampleInstaller.h"

#include <QDir>
#include <QSettings>

// Q_INIT_RESOURCE declares a function, so it must be used outside any namespace (an unnamed
// one included). wharf_ui is a static library: without this call the linker drops its resources.
static void initResources()
{
    Q_INIT_RESOURCE(wharf);
}

namespace {

constexpr const char *kFoldersKey = "packages/folders";
constexpr const char *kBundledSamples = ":/wharf/sample";

} // namespace

namespace wharf::ui {

StartupState prepareStartup()
{
    initResources();
    StartupState state;
    const QString packagesDir = defaultPackagesDir();
    try {
        QDir().mkpath(packagesDir);
        state.packageRoots.append(installSamplePackages(QLatin1String(kBundledSamples), packagesDir));
    } catch (const Error &e) {
        state.warning = e.fullText();
        state.packageRoots.append(packagesDir);
    }
    // Packages dlt itself left behind (pipelines run on this machine).
    const QString pipelines = packagefinder::dltPipelinesDir();
    if (QDir(pipelines).exists())
        state.packageRoots.append(pipelines);
    const QStringList remembered = QSettings().value(QLatin1String(kFoldersKey)).toStringList();
    for (const auto &dir : remembered)
        if (!state.packageRoots.contains(dir) && QDir(dir).exists())
            state.packageRoots.append(dir);
    return state;
}

void rememberPackagesFolder(const QString &dir)
{
    QSettings settings;
    QStringList folders = settings.value(QLatin1String(kFoldersKey)).toStringList();
    if (!folders.contains(dir)) {
        folders.append(dir);
        settings.setValue(QLatin1String(kFoldersKey), folders);
    }
}

} // namespace wharf::ui
