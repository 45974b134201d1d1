#include "DltExpected.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace wharf::test {

QJsonObject readJsonObject(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject dltPackageInfo(const QString &package)
{
    return readJsonObject(dataPath(QStringLiteral("dlt/packages/%1/package_info.json").arg(package)));
}

QJsonObject dltExpectedCounts(const QString &package, const QString &dataset)
{
    const QString dir = dataPath(QStringLiteral("dlt/expected/") + package);
    if (QFile::exists(dir + QStringLiteral("/counts.json")))
        return readJsonObject(dir + QStringLiteral("/counts.json"));
    const QJsonObject state = readJsonObject(dir + QStringLiteral("/sqlite_state.json"));
    QJsonObject counts;
    for (const char *file : {"dataset", "dataset_staging"}) {
        const QString name = file == QLatin1String("dataset") ? dataset : dataset + QStringLiteral("_staging");
        const QJsonObject tables = state.value(QLatin1String(file)).toObject().value("tables").toObject();
        for (auto it = tables.begin(); it != tables.end(); ++it)
            counts.insert(name + QLatin1Char('.') + it.key(), it.value().toObject().value("count"));
    }
    return counts;
}

QString loadIdFolder(const QString &packageRoot)
{
    const QDir root(packageRoot);
    for (const QString &sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFile::exists(root.filePath(sub + QStringLiteral("/schema.json"))))
            return root.filePath(sub);
    return {};
}

} // namespace wharf::test
