#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace wharf::test {

QString dataDir()
{
    const QString fromEnv = qEnvironmentVariable("WHARF_TEST_DATA");
    return fromEnv.isEmpty() ? QStringLiteral(WHARF_TEST_DATA_DIR) : fromEnv;
}

QString dataPath(const QString &relative)
{
    return QDir(dataDir()).filePath(relative);
}

bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!src.exists())
        return false;
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = src.relativeFilePath(path);
        const QString target = QDir(to).filePath(rel);
        if (QFileInfo(path).isDir()) {
            if (!QDir().mkpath(target))
                return false;
        } else {
            QDir().mkpath(QFileInfo(target).absolutePath());
            if (!QFile::copy(path, target))
                return false;
        }
    }
    return true;
}

} // namespace wharf::test
