#include "package/SampleInstaller.h"

#include "Error.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace wharf {

QString defaultPackagesDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("wharf/packages"));
}

QString installSamplePackages(const QString &bundledDir, const QString &targetDir)
{
    QDir src(bundledDir);
    const auto samples = src.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto &sample : samples) {
        const QString dest = QDir(targetDir).filePath(sample);
        if (QFileInfo::exists(dest))
            continue;
        const QString tmp = dest + QStringLiteral(".partial");
        QDir(tmp).removeRecursively();
        QDirIterator it(src.filePath(sample), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString target = QDir(tmp).filePath(QDir(src.filePath(sample)).relativeFilePath(path));
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile::remove(target);
            if (!QFile::copy(path, target))
                throw Error(ErrorKind::Internal, QStringLiteral("cannot copy the sample package to %1").arg(target));
            // Files from resources are read-only; the loader must be able to move them.
            QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                              QFileDevice::ReadOther);
        }
        if (!QDir().rename(tmp, dest))
            throw Error(ErrorKind::Internal, QStringLiteral("cannot install the sample package into %1").arg(dest));
    }
    return targetDir;
}

} // namespace wharf
