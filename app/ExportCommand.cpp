#include "ExportCommand.h"

#include "Cli.h"
#include "Error.h"
#include "browse/PackageExport.h"
#include "browse/TableExport.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace wharf::cli {

int runExport(const QStringList &args)
{
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes every row of a loaded table that the filters keep to a file (or stdout), as CSV with a header, "
        "TSV or JSON lines, page by page (memory stays flat) — or, with --package, as a dlt load package "
        "(insert_values or csv) to load elsewhere, with Wharf or dlt. Filters are the browser's: text "
        "(contains), >100, <=5, =open, <>x, 10..20, null, not null, like a%b, 'text."));
    parser.addHelpOption();
    const QCommandLineOption destinationOpt(QStringLiteral("destination"),
                                            QStringLiteral("destination type or configured name (default: sqlite)"),
                                            QStringLiteral("NAME"), QStringLiteral("sqlite"));
    const QCommandLineOption datasetOpt(QStringLiteral("dataset"), QStringLiteral("dataset of the table"),
                                        QStringLiteral("NAME"));
    const QCommandLineOption tableOpt(QStringLiteral("table"), QStringLiteral("table to export"),
                                      QStringLiteral("NAME"));
    const QCommandLineOption filterOpt(QStringLiteral("filter"), QStringLiteral("COLUMN=FILTER, repeatable"),
                                       QStringLiteral("COLUMN=FILTER"));
    const QCommandLineOption sortOpt(QStringLiteral("sort"), QStringLiteral("COLUMN or COLUMN:desc"),
                                     QStringLiteral("COLUMN"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("csv, tsv or jsonl (default: from the file's suffix, else csv)"),
                                       QStringLiteral("FORMAT"));
    const QCommandLineOption outputOpt({QStringLiteral("o"), QStringLiteral("output")},
                                       QStringLiteral("file to write (default: stdout)"), QStringLiteral("FILE"));
    const QCommandLineOption projectOpt(QStringLiteral("project-dir"),
                                        QStringLiteral("folder whose .dlt/ holds the configuration"),
                                        QStringLiteral("DIR"));
    const QCommandLineOption packageOpt(
        QStringLiteral("package"),
        QStringLiteral("write a dlt load package into DIR/<pipeline>/<load id>/ instead (--format insert_values "
                       "or csv; default insert_values)"),
        QStringLiteral("DIR"));
    const QCommandLineOption pipelineOpt(QStringLiteral("pipeline"),
                                         QStringLiteral("with --package: the pipeline and schema name (default: the "
                                                        "table's); its default dataset is --dataset's"),
                                         QStringLiteral("NAME"));
    parser.addOptions({destinationOpt, datasetOpt, tableOpt, filterOpt, sortOpt, formatOpt, outputOpt, projectOpt,
                       packageOpt, pipelineOpt});
    if (!parser.parse(args)) {
        err << "wharf export: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        const qsizetype end = help.indexOf(QLatin1String(" [options]"));
        if (help.startsWith(QLatin1String("Usage: ")) && end > 0)
            help.replace(7, end - 7, QStringLiteral("wharf export"));
        QTextStream(stdout) << help;
        return ExitOk;
    }
    if (!parser.isSet(datasetOpt) || !parser.isSet(tableOpt)) {
        err << "wharf export: --dataset and --table are needed\n";
        return ExitUsage;
    }
    const QString output = parser.value(outputOpt);
    QString formatName = parser.value(formatOpt);
    const bool asPackage = parser.isSet(packageOpt);
    if (asPackage && formatName.isEmpty())
        formatName = QStringLiteral("insert_values"); // what dlt's SQL destinations load
    if (asPackage && !formatName.isEmpty() && formatName != QLatin1String("insert_values") &&
        formatName != QLatin1String("csv")) {
        err << "wharf export: a package is insert_values or csv, not '" << formatName << "'\n";
        return ExitUsage;
    }
    if (formatName.isEmpty())
        formatName = output.isEmpty() ? QStringLiteral("csv") : QFileInfo(output).suffix();
    const auto format = exportFormatFromName(formatName);
    if (!asPackage && !format && parser.isSet(formatOpt)) {
        err << "wharf export: unknown format '" << formatName << "' (csv, tsv or jsonl)\n";
        return ExitUsage;
    }
    PageRequest request;
    request.dataset = parser.value(datasetOpt);
    request.table = parser.value(tableOpt);
    for (const QString &f : parser.values(filterOpt)) {
        const qsizetype eq = f.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            err << "wharf export: --filter wants COLUMN=FILTER, got '" << f << "'\n";
            return ExitUsage;
        }
        request.filters.insert(f.left(eq), f.mid(eq + 1));
    }
    if (parser.isSet(sortOpt)) {
        const QString sort = parser.value(sortOpt);
        request.sortColumn = sort.section(QLatin1Char(':'), 0, 0);
        request.descending = sort.section(QLatin1Char(':'), 1).compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0;
    }

    std::optional<ResolvedDestination> destination;
    try {
        ConfigLocations locations = ConfigLocations::defaults();
        if (parser.isSet(projectOpt))
            locations.projectDir = QDir(parser.value(projectOpt)).absolutePath();
        destination = ResolvedDestination::resolve(ConfigResolver(locations), parser.value(destinationOpt));
        std::unique_ptr<DatasetBrowser> browser = destination->destination->createBrowser(destination->config);
        if (!browser)
            throw Error(ErrorKind::Config,
                        QStringLiteral("destination %1 cannot be read back").arg(parser.value(destinationOpt)));
        browser->open();
        qint64 rows = 0;
        if (asPackage) {
            // The table's dlt types, where the dataset's stored schema has them.
            QList<BrowserColumn> columns;
            for (const BrowserTable &t : browser->listTables(request.dataset))
                if (t.name == request.table)
                    columns = t.columns;
            PackageExportOptions options;
            options.parentDir = parser.value(packageOpt);
            options.pipelineName = parser.value(pipelineOpt);
            options.datasetName = request.dataset;
            options.format = formatName == QLatin1String("csv") ? FileFormat::Csv : FileFormat::InsertValues;
            const QString dir = exportAsPackage(*browser, request, columns, options, [&rows](qint64 n) {
                rows = n;
                return true;
            });
            browser->close();
            err << "wharf export: " << rows << (rows == 1 ? " row" : " rows") << " of " << request.dataset << "."
                << request.table << " written as the load package " << dir << "\n";
            QTextStream(stdout) << dir << "\n";
            return ExitOk;
        }
        if (output.isEmpty()) {
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly))
                throw Error(ErrorKind::Internal, QStringLiteral("cannot write to stdout"));
            rows = exportRows(*browser, request, format.value_or(ExportFormat::Csv), out);
        } else {
            // Whole or not at all: a failed export leaves no half-written file.
            QSaveFile out(output);
            if (!out.open(QIODevice::WriteOnly))
                throw Error(ErrorKind::Config, QStringLiteral("cannot write %1: %2").arg(output, out.errorString()));
            rows = exportRows(*browser, request, format.value_or(ExportFormat::Csv), out);
            if (!out.commit())
                throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(output, out.errorString()));
        }
        browser->close();
        err << "wharf export: " << rows << (rows == 1 ? " row" : " rows") << " of " << request.dataset << "."
            << request.table << (output.isEmpty() ? QString() : QStringLiteral(" written to ") + output) << "\n";
        return ExitOk;
    } catch (const Error &e) {
        const QString text = destination ? destination->config.maskSecrets(e.fullText()) : e.fullText();
        err << "wharf export: " << text << "\n";
        return e.kind() == ErrorKind::Config ? ExitUsage : ExitFailed;
    }
}

} // namespace wharf::cli
