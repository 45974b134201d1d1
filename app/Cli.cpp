#include "Cli.h"

#include "AbortCommand.h"
#include "DestinationsCommand.h"
#include "ExportCommand.h"
#include "InfoCommand.h"
#include "LoadCommand.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

namespace wharf::cli {

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: wharf [command] [options]\n"
           "\n"
           "Loads dlt load packages into databases. Without a command, opens the Wharf window.\n"
           "\n"
           "Commands:\n"
           "  load <package-dir>   load one package, or every package in a folder, into a destination\n"
           "  retry <package-dir>  move a package's failed jobs back to new_jobs/ and load it to the end\n"
           "                       (an aborted package is taken back first)\n"
           "  abort <package-dir>  mark a package aborted, as dlt does: it is not loaded again\n"
           "  info <package-dir>   show a package's jobs by state, tables and sizes (--sql: what loading would run;\n"
           "                       --compare: and what it would create or add in the destination as it is)\n"
           "  destinations         list the destination types, built in or from plugins\n"
           "  export               write a loaded table's rows (filtered, sorted) to CSV, TSV or JSON lines,\n"
           "                       or as a dlt load package to load elsewhere (--package)\n"
           "\n"
           "Run 'wharf <command> --help' for the options of a command.\n"
           "Options:\n"
           "  -h, --help           show this help\n"
           "  -v, --version        show the version\n";
}

void messageHandler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = "error";
        break;
    case QtInfoMsg:
        break;
    }
    std::fprintf(stderr, "wharf: %s: [%s] %s\n", level, ctx.category ? ctx.category : "default",
                 msg.toLocal8Bit().constData());
}

} // namespace

bool applyLogLevel(const QString &level)
{
    QString rules;
    if (level == QLatin1String("debug"))
        rules = QStringLiteral("wharf.*.debug=true\nwharf.*.info=true");
    else if (level == QLatin1String("info"))
        rules = QStringLiteral("wharf.*.debug=false\nwharf.*.info=true");
    else if (level == QLatin1String("warning"))
        rules = QStringLiteral("wharf.*.debug=false\nwharf.*.info=false");
    else if (level == QLatin1String("error"))
        rules = QStringLiteral("wharf.*.debug=false\nwharf.*.info=false\nwharf.*.warning=false");
    else
        return false;
    QLoggingCategory::setFilterRules(rules);
    return true;
}

int run(const QStringList &args)
{
    qInstallMessageHandler(messageHandler);
    applyLogLevel(QStringLiteral("warning"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2 || args[1] == QLatin1String("-h") || args[1] == QLatin1String("--help") ||
        args[1] == QLatin1String("help")) {
        printUsage(out);
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    if (args[1] == QLatin1String("-v") || args[1] == QLatin1String("--version")) {
        out << "wharf " << QCoreApplication::applicationVersion() << "\n";
        return ExitOk;
    }
    const QString command = args[1];
    QStringList rest = args;
    rest.removeAt(1);
    rest[0] = QStringLiteral("wharf ") + command;
    if (command == QLatin1String("load"))
        return runLoad(rest);
    if (command == QLatin1String("retry"))
        return runRetry(rest);
    if (command == QLatin1String("abort"))
        return runAbort(rest);
    if (command == QLatin1String("info"))
        return runInfo(rest);
    if (command == QLatin1String("destinations"))
        return runDestinations(rest);
    if (command == QLatin1String("export"))
        return runExport(rest);
    err << "wharf: unknown command '" << command << "'\n\n";
    err.flush();
    printUsage(out);
    return ExitUsage;
}

} // namespace wharf::cli
