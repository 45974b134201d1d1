#pragma once

#include <QString>
#include <QTemporaryDir>
#include <functional>

namespace wharf::test {

/// tests/data in the source tree (from the WHARF_TEST_DATA environment variable set by CTest).
QString dataDir();
/// Path of a file or folder under tests/data.
QString dataPath(const QString &relative);
/// Copies a folder recursively (used to give each test its own copy of a package, since
/// loading moves job files).
bool copyTree(const QString &from, const QString &to);
/// `<parent>/<name>`, emptied and created afresh.
QString freshDir(const QString &parent, const QString &name);
/// Copies tests/data/packages/<package> to `<work>/<as or package>`; empty string on failure.
QString copyPackage(const QString &work, const QString &package, const QString &as = {});
/// The decompressed content of a gzip file (empty when it cannot be read).
QByteArray gunzipFile(const QString &path);

} // namespace wharf::test

#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>

namespace wharf::test {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

/// Runs the built `wharf` binary (WHARF_BIN) with `args` in `cwd`, with HOME and the XDG
/// folders pointed into `cwd` so that no user configuration leaks in, plus `extraEnv`.
/// `started`, when set, is called with the process id as soon as wharf runs.
CliResult runWharf(const QStringList &args, const QString &cwd, const QMap<QString, QString> &extraEnv = {},
                   int timeoutMs = 120000, const std::function<void(qint64 pid)> &started = {});

} // namespace wharf::test
