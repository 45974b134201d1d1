#include "package/PackageFinder.h"

#include "package/LoadPackage.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace wharf::packagefinder {

namespace {

/// Packages directly inside `dir` (not recursive), sorted by name.
QStringList packagesIn(const QString &dir)
{
    QStringList out;
    const auto entries = QDir(dir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto &e : entries)
        if (LoadPackage::looksLikePackage(e.absoluteFilePath()))
            out.append(e.absoluteFilePath());
    return out;
}

bool isPipelineFolder(const QDir &dir)
{
    return dir.exists(QStringLiteral("load/normalized")) || dir.exists(QStringLiteral("load/loaded"));
}

QStringList pipelinePackages(const QDir &dir)
{
    return packagesIn(dir.filePath(QStringLiteral("load/normalized"))) +
           packagesIn(dir.filePath(QStringLiteral("load/loaded")));
}

/// `dir` as a package, a pipeline folder or a folder of packages; no deeper.
QStringList findShallow(const QString &dir)
{
    if (LoadPackage::looksLikePackage(dir))
        return {QDir(dir).absolutePath()};
    const QDir d(dir);
    if (isPipelineFolder(d))
        return pipelinePackages(d);
    return packagesIn(dir);
}

} // namespace

QStringList find(const QString &root)
{
    if (!QFileInfo(root).isDir())
        return {};
    QStringList found = findShallow(root);
    if (!found.isEmpty() || LoadPackage::looksLikePackage(root) || isPipelineFolder(QDir(root)))
        return found;
    const auto children = QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto &child : children)
        found += findShallow(child.absoluteFilePath());
    return found;
}

QString dltDataDir()
{
    if (qEnvironmentVariableIsSet("DLT_DATA_DIR"))
        return qEnvironmentVariable("DLT_DATA_DIR");
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        return QStringLiteral("/var/dlt");
#endif
    return QDir::home().filePath(QStringLiteral(".dlt"));
}

QString dltPipelinesDir()
{
    return QDir(dltDataDir()).filePath(QStringLiteral("pipelines"));
}

} // namespace wharf::packagefinder
