#include "destination/PluginLoader.h"

#include "destination/DestinationPlugin.h"
#include "load/LogCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStaticPlugin>

namespace wharf::plugins {

QStringList searchPath()
{
    QStringList out;
    for (const QString &dir : qEnvironmentVariable("WHARF_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        out.append(dir);
    out.append(QDir::homePath() + QStringLiteral("/.local/share/wharf/plugins"));
    if (QCoreApplication::instance()) {
        // <prefix>/bin/wharf -> <prefix>/lib/<multiarch>/wharf/plugins or <prefix>/lib/wharf/plugins
        const QDir prefix(QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
        for (const QString &lib : QDir(prefix.filePath(QStringLiteral("lib")))
                                      .entryList({QStringLiteral("*-linux-gnu*")}, QDir::Dirs | QDir::NoDotAndDotDot))
            out.append(prefix.filePath(QStringLiteral("lib/%1/wharf/plugins").arg(lib)));
        out.append(prefix.filePath(QStringLiteral("lib/wharf/plugins")));
    }
    out.removeDuplicates();
    return out;
}

namespace {

const QString kBuiltIn = QStringLiteral("built-in");

// Checks a plugin's metadata and registers its types, its root object taken from `instance`
// only once everything else is right. Returns an empty string on success, else why it was skipped.
QString registerPlugin(DestinationRegistry &registry, const QJsonObject &raw,
                       const std::function<QObject *()> &instance, const QString &origin)
{
    if (raw.isEmpty())
        return QStringLiteral("not a Qt plugin");
    if (raw.value(QStringLiteral("IID")).toString() != QLatin1String(WharfDestinationPlugin_iid))
        return QStringLiteral("not a Wharf destination plugin (interface %1)")
            .arg(raw.value(QStringLiteral("IID")).toString());
    const QJsonObject meta = raw.value(QStringLiteral("MetaData")).toObject();
    const int sdk = meta.value(QStringLiteral("sdk_version")).toInt(-1);
    if (sdk != WHARF_SDK_VERSION)
        return QStringLiteral("built for Wharf SDK version %1, this Wharf has version %2: rebuild the plugin")
            .arg(sdk < 0 ? QStringLiteral("(none)") : QString::number(sdk))
            .arg(WHARF_SDK_VERSION);
    static const QRegularExpression typeName(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    QStringList types;
    for (const QJsonValue &v : meta.value(QStringLiteral("types")).toArray()) {
        if (!typeName.match(v.toString()).hasMatch())
            return QStringLiteral("its JSON names an invalid destination type '%1'").arg(v.toString().left(64));
        types.append(v.toString());
    }
    if (types.isEmpty())
        return QStringLiteral("its JSON names no destination types (\"types\": [...])");
    for (const QString &t : std::as_const(types)) {
        const QString taken = registry.origin(t);
        // A built-in registered again (start-up run twice, as tests do) replaces itself.
        if (!taken.isEmpty() && !(taken == kBuiltIn && origin == kBuiltIn))
            return QStringLiteral("destination type '%1' is already provided by %2").arg(t, taken);
    }
    QObject *root = instance();
    if (!root)
        return QStringLiteral("cannot be loaded");
    auto *plugin = qobject_cast<DestinationPlugin *>(root);
    if (!plugin)
        return QStringLiteral("its root object does not implement the destination plugin interface");
    const bool forTesting = meta.value(QStringLiteral("for_testing")).toBool(false);
    for (const QString &t : std::as_const(types))
        registry.add(
            t,
            [plugin, t, origin] {
                auto destination = plugin->create(t);
                if (!destination)
                    throw Error(ErrorKind::Internal,
                                QStringLiteral("the plugin %1 made no destination of type %2").arg(origin, t));
                return destination;
            },
            origin, forTesting);
    return {};
}

// Loads one file: its JSON is read without loading the library, which is loaded only when the
// JSON is right.
QString loadOne(DestinationRegistry &registry, const QString &path)
{
    QPluginLoader loader(path);
    QString loadError;
    const QString problem = registerPlugin(
        registry, loader.metaData(),
        [&]() -> QObject * {
            QObject *root = loader.instance();
            if (!root)
                loadError = loader.errorString();
            return root;
        },
        path);
    if (!loadError.isEmpty())
        return QStringLiteral("cannot be loaded: %1").arg(loadError);
    return problem;
}

} // namespace

int loadAll(DestinationRegistry &registry, QStringList folders)
{
    if (folders.isEmpty())
        folders = searchPath();
    int loaded = 0;
    for (const QString &folder : std::as_const(folders)) {
        const QDir dir(folder);
        if (!dir.exists())
            continue;
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
            const QString path = dir.absoluteFilePath(name);
            if (!QLibrary::isLibrary(path))
                continue;
            const QString problem = loadOne(registry, path);
            if (problem.isEmpty()) {
                ++loaded;
                qCDebug(lcLoad).noquote() << "destination plugin loaded:" << path;
            } else {
                registry.addProblem(path, problem);
                qCWarning(lcLoad).noquote() << "destination plugin skipped:" << path << "-" << problem;
            }
        }
    }
    return loaded;
}

int loadStatic(DestinationRegistry &registry)
{
    int loaded = 0;
    QStringList typesThisPass; // two built-ins naming one type: the second is reported, not swapped in
    for (const QStaticPlugin &p : QPluginLoader::staticPlugins()) {
        const QJsonObject meta = p.metaData();
        if (meta.value(QStringLiteral("IID")).toString() != QLatin1String(WharfDestinationPlugin_iid))
            continue; // another kind of static plugin (Qt's own)
        QString clash;
        for (const QJsonValue &t :
             meta.value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("types")).toArray())
            if (typesThisPass.contains(t.toString()))
                clash = t.toString();
        if (!clash.isEmpty()) {
            registry.addProblem(kBuiltIn, QStringLiteral("two built-in destinations declare type '%1'").arg(clash));
            continue;
        }
        for (const QJsonValue &t :
             meta.value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("types")).toArray())
            typesThisPass.append(t.toString());
        const QString problem = registerPlugin(
            registry, meta, [&p] { return p.instance(); }, kBuiltIn);
        if (problem.isEmpty())
            ++loaded;
        else
            registry.addProblem(kBuiltIn, problem);
    }
    return loaded;
}

} // namespace wharf::plugins
