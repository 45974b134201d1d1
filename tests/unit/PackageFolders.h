#pragma once

// Package folders on disk for the tests of core/package (tst_LoadPackage, tst_PackageDiscovery).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

namespace wharf::test::folders {

/// The smallest dlt schema: a package needs one to open.
inline const QByteArray kSchema = R"({"version":1,"version_hash":"h=","engine_version":11,"name":"chess","tables":{}})";
/// The load id of tests/data/packages/gh_issues_insert_values.
inline const QString kGhLoadId = QStringLiteral("1795476037.8625736");

/// Writes `content` to `path`, creating its folders.
inline bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// A package folder with schema.json (and nothing else unless asked).
inline bool makePackage(const QString &dir)
{
    return writeFile(QDir(dir).filePath("schema.json"), kSchema);
}

/// The file names of `paths`, in order.
inline QStringList fileNames(const QStringList &paths)
{
    QStringList out;
    for (const auto &p : paths)
        out << QFileInfo(p).fileName();
    return out;
}

} // namespace wharf::test::folders
