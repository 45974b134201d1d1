#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <zlib.h>

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
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
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

QString freshDir(const QString &parent, const QString &name)
{
    const QString dir = QDir(parent).filePath(name);
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir;
}

QString copyPackage(const QString &work, const QString &package, const QString &as)
{
    const QString dest = QDir(work).filePath(as.isEmpty() ? package : as);
    return copyTree(dataPath(QStringLiteral("packages/") + package), dest) ? dest : QString();
}

QByteArray gunzipFile(const QString &path)
{
    QByteArray out;
    gzFile f = gzopen(path.toUtf8().constData(), "rb");
    if (!f)
        return out;
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        out.append(buf, n);
    gzclose(f);
    return out;
}

} // namespace wharf::test

#include <QProcess>

namespace wharf::test {

CliResult runWharf(const QStringList &args, const QString &cwd, const QMap<QString, QString> &extraEnv, int timeoutMs,
                   const std::function<void(qint64 pid)> &started)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &key : env.keys())
        if (key.startsWith(QLatin1String("DESTINATION__")) || key.startsWith(QLatin1String("LOAD__")))
            env.remove(key);
    const QString home = QDir(cwd).filePath(QStringLiteral(".home"));
    QDir().mkpath(home);
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral(".config")));
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(cwd);
    p.start(qEnvironmentVariable("WHARF_BIN"), args);
    if (started && p.waitForStarted())
        started(p.processId());
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("<timed out>");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace wharf::test
