#include "DestinationsCommand.h"

#include "Cli.h"
#include "Error.h"
#include "destination/DestinationPlugin.h"
#include "destination/PluginLoader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace wharf::cli {

int runDestinations(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the destination types this Wharf knows, built in or from plugins (searched in "
                       "WHARF_PLUGIN_PATH, ~/.local/share/wharf/plugins, then the install's plugin folder)."));
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("print JSON instead of text"));
    parser.addOption(jsonOpt);
    if (!parser.parse(args)) {
        err << "wharf destinations: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        const qsizetype end = help.indexOf(QLatin1String(" [options]"));
        if (help.startsWith(QLatin1String("Usage: ")) && end > 0)
            help.replace(7, end - 7, QStringLiteral("wharf destinations")); // not the binary's path
        out << help;
        return ExitOk;
    }
    const DestinationRegistry &registry = DestinationRegistry::instance();
    QJsonArray list;
    // Destinations for testing Wharf (the dummy keeps no data) only in developer mode.
    for (const QString &type : registry.userTypes()) {
        QJsonObject o;
        o[QStringLiteral("type")] = type;
        o[QStringLiteral("origin")] = registry.origin(type);
        if (registry.isForTesting(type))
            o[QStringLiteral("for_testing")] = true;
        o[QStringLiteral("sdk_version")] = WHARF_SDK_VERSION;
        try {
            const auto destination = registry.create(type);
            const Capabilities caps = destination->capabilities();
            o[QStringLiteral("formats")] = QJsonArray::fromStringList(caps.supportedLoaderFileFormats);
            o[QStringLiteral("preferred_format")] = caps.preferredLoaderFileFormat;
            o[QStringLiteral("merge_strategies")] = QJsonArray::fromStringList(caps.supportedMergeStrategies);
            o[QStringLiteral("replace_strategies")] = QJsonArray::fromStringList(caps.supportedReplaceStrategies);
        } catch (const Error &e) {
            o[QStringLiteral("problem")] = e.fullText();
        }
        list.append(o);
    }
    for (const auto &p : registry.problems()) {
        QJsonObject o;
        o[QStringLiteral("type")] = QJsonValue();
        o[QStringLiteral("origin")] = p.file;
        o[QStringLiteral("problem")] = p.message;
        list.append(o);
    }
    if (parser.isSet(jsonOpt)) {
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const QJsonValue &v : std::as_const(list)) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("type")).isNull())
            continue;
        QStringList formats;
        for (const QJsonValue &f : o.value(QStringLiteral("formats")).toArray())
            formats << f.toString();
        out << o.value(QStringLiteral("type")).toString().leftJustified(12) << " "
            << formats.join(QStringLiteral(", ")).leftJustified(44) << " "
            << o.value(QStringLiteral("origin")).toString() << "\n";
    }
    for (const auto &p : registry.problems())
        out << "skipped plugin " << p.file << ": " << p.message << "\n";
    return ExitOk;
}

} // namespace wharf::cli
