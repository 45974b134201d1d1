#include "package/PackageLock.h"

#include "Error.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wharf {

namespace {

QString holderOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("another process");
    // pid, host and start time, one per line (written by the holder right after locking).
    const QStringList lines = QString::fromUtf8(f.read(4096)).split(QLatin1Char('\n'));
    if (lines.size() < 3 || lines[0].isEmpty())
        return QStringLiteral("another process");
    return QStringLiteral("pid %1 on host %2 since %3").arg(lines[0].left(20), lines[1].left(255), lines[2].left(40));
}

} // namespace

QString PackageLock::fileName()
{
    return QStringLiteral(".wharf.lock");
}

PackageLock::PackageLock(PackageLock &&other) noexcept
    : m_fd(other.m_fd)
    , m_dir(std::move(other.m_dir))
{
    other.m_fd = -1;
}

PackageLock &PackageLock::operator=(PackageLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = other.m_fd;
        m_dir = std::move(other.m_dir);
        other.m_fd = -1;
    }
    return *this;
}

PackageLock::~PackageLock()
{
    release();
}

PackageLock PackageLock::acquire(const QString &packageDir)
{
    const QString path = QDir(packageDir).filePath(fileName());
    const QByteArray native = QFile::encodeName(path);
    const SourceLocation where{packageDir, 0, 0, {}};
    // A holder that releases unlinks the file; whoever locked the unlinked inode must try again
    // on the new file, or two processes could each hold "the" lock.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            const int e = errno;
            throw Error(ErrorKind::Terminal,
                        e == EACCES || e == EPERM || e == EROFS
                            ? QStringLiteral("permission denied: cannot write in package folder %1").arg(packageDir)
                            : QStringLiteral("cannot create the lock file %1: %2")
                                  .arg(path, QString::fromLocal8Bit(std::strerror(e))),
                        where);
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int e = errno;
            ::close(fd);
            if (e == EWOULDBLOCK)
                throw Error(ErrorKind::Terminal,
                            QStringLiteral("package %1 is being loaded by %2; wait for that load to end (or stop "
                                           "it) and try again")
                                .arg(QFileInfo(packageDir).fileName(), holderOf(path)),
                            where);
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(e))),
                        where);
        }
        struct stat byFd {};
        struct stat byPath {};
        if (::fstat(fd, &byFd) != 0 || ::stat(native.constData(), &byPath) != 0 || byFd.st_ino != byPath.st_ino ||
            byFd.st_dev != byPath.st_dev) {
            ::close(fd);
            continue;
        }
        const QByteArray info =
            QByteArray::number(qint64(::getpid())) + '\n' + QSysInfo::machineHostName().toUtf8() + '\n' +
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")).toUtf8() + '\n';
        if (::ftruncate(fd, 0) == 0) {
            const ssize_t written = ::pwrite(fd, info.constData(), size_t(info.size()), 0);
            (void)written; // the content is only for messages
        }
        PackageLock lock;
        lock.m_fd = fd;
        lock.m_dir = packageDir;
        return lock;
    }
    throw Error(ErrorKind::Terminal,
                QStringLiteral("cannot lock package folder %1: its lock file keeps changing").arg(packageDir), where);
}

void PackageLock::release() noexcept
{
    if (m_fd < 0)
        return;
    // Unlink while still holding the lock, so that nobody locks this inode believing it current.
    ::unlink(QFile::encodeName(QDir(m_dir).filePath(fileName())).constData());
    ::close(m_fd);
    m_fd = -1;
}

} // namespace wharf
