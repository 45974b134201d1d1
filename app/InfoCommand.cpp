#include "InfoCommand.h"

#include "Cli.h"
#include "Error.h"
#include "PackageCommand.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "load/LoadOptions.h"
#include "load/LoadPreview.h"
#include "load/LoadPreviewText.h"
#include "package/LoadPackage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>

namespace wharf::cli {

namespace {

// GNU-style binary sizes as dlt prints them ("1.2K").
QString humanSize(qint64 bytes)
{
    static const char *units[] = {"", "K", "M", "G", "T"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? QString::number(bytes) : QStringLiteral("%1%2").arg(v, 0, 'f', 1).arg(QLatin1String(units[u]));
}

struct TableInfo {
    int jobs = 0;
    qint64 size = 0;
    QStringList formats;
};

QString packageState(const LoadPackage &p, const QList<JobFile> &jobs)
{
    if (p.isCompleted())
        return p.completionState();
    bool done = false, pending = false;
    for (const auto &j : jobs) {
        if (j.folder == JobFolder::Completed || j.folder == JobFolder::Failed)
            done = true;
        else
            pending = true;
    }
    return done && pending ? QStringLiteral("partially loaded") : QStringLiteral("normalized");
}

QJsonObject describe(const LoadPackage &p)
{
    const QList<JobFile> jobs = p.allJobs();
    QJsonObject o;
    o[QStringLiteral("load_id")] = p.loadId();
    o[QStringLiteral("path")] = p.dir();
    o[QStringLiteral("state")] = packageState(p, jobs);
    QString schemaName;
    try {
        schemaName = p.loadSchema().name;
    } catch (const Error &e) {
        o[QStringLiteral("schema_error")] = e.fullText();
    }
    o[QStringLiteral("schema_name")] = schemaName;
    o[QStringLiteral("pipeline_name")] = p.pipelineName();
    o[QStringLiteral("default_dataset")] = p.defaultDatasetName();
    o[QStringLiteral("schema_update_tables")] = QJsonArray::fromStringList(p.schemaUpdateTables());
    QJsonObject byState;
    for (auto f : {JobFolder::New, JobFolder::Started, JobFolder::Completed, JobFolder::Failed})
        byState[jobFolderName(f)] = 0;
    QMap<QString, TableInfo> tables;
    QJsonArray jobList;
    qint64 total = 0;
    for (const auto &j : jobs) {
        const QString folder = jobFolderName(j.folder);
        byState[folder] = byState[folder].toInt() + 1;
        TableInfo &t = tables[j.name.table];
        ++t.jobs;
        t.size += j.size;
        if (!t.formats.contains(j.name.formatName))
            t.formats.append(j.name.formatName);
        total += j.size;
        QJsonObject jo;
        jo[QStringLiteral("job_id")] = j.name.jobId();
        jo[QStringLiteral("file")] = j.name.fileName();
        jo[QStringLiteral("table")] = j.name.table;
        jo[QStringLiteral("state")] = folder;
        jo[QStringLiteral("format")] = j.name.formatName;
        jo[QStringLiteral("size")] = j.size;
        jo[QStringLiteral("retry_count")] = j.name.retryCount;
        if (j.folder == JobFolder::Failed)
            jo[QStringLiteral("failed_message")] = p.failedMessage(j.name.fileName());
        jobList.append(jo);
    }
    QJsonArray tableList;
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
        QJsonObject t;
        t[QStringLiteral("table")] = it.key();
        t[QStringLiteral("jobs")] = it->jobs;
        t[QStringLiteral("size")] = it->size;
        t[QStringLiteral("formats")] = QJsonArray::fromStringList(it->formats);
        tableList.append(t);
    }
    o[QStringLiteral("jobs_by_state")] = byState;
    o[QStringLiteral("tables")] = tableList;
    o[QStringLiteral("jobs")] = jobList;
    o[QStringLiteral("total_size")] = total;
    return o;
}

void printText(QTextStream &out, const QJsonObject &o)
{
    const QString state = o[QStringLiteral("state")].toString();
    out << "Package " << o[QStringLiteral("load_id")].toString() << " found in " << o[QStringLiteral("path")].toString()
        << "\n";
    out << "The package with load id " << o[QStringLiteral("load_id")].toString() << " for schema "
        << o[QStringLiteral("schema_name")].toString() << " is in " << state.toUpper()
        << " state. It updates schema for " << o[QStringLiteral("schema_update_tables")].toArray().size() << " tables. "
        << (o[QStringLiteral("state")].toString() == QLatin1String("loaded")
                ? QStringLiteral("The package was LOADED.")
                : QStringLiteral("The package is NOT YET LOADED to the destination."))
        << "\n";
    if (o.contains(QStringLiteral("schema_error")))
        out << "Schema problem: " << o[QStringLiteral("schema_error")].toString() << "\n";
    out << "Default dataset: " << o[QStringLiteral("default_dataset")].toString() << "\n";
    const QJsonObject bs = o[QStringLiteral("jobs_by_state")].toObject();
    out << "Jobs: " << bs[QStringLiteral("new_jobs")].toInt() << " new, " << bs[QStringLiteral("started_jobs")].toInt()
        << " started, " << bs[QStringLiteral("completed_jobs")].toInt() << " completed, "
        << bs[QStringLiteral("failed_jobs")].toInt() << " failed; "
        << humanSize(o[QStringLiteral("total_size")].toInteger()) << " in all\n";
    out << "Tables:\n";
    for (const auto &tv : o[QStringLiteral("tables")].toArray()) {
        const QJsonObject t = tv.toObject();
        QStringList formats;
        for (const auto &f : t[QStringLiteral("formats")].toArray())
            formats.append(f.toString());
        out << "  " << t[QStringLiteral("table")].toString().leftJustified(32) << " "
            << QString::number(t[QStringLiteral("jobs")].toInt()).rightJustified(4) << " job(s)  "
            << formats.join(QStringLiteral(",")).leftJustified(14) << " "
            << humanSize(t[QStringLiteral("size")].toInteger()).rightJustified(7) << "\n";
    }
    out << "Jobs details:\n";
    for (const auto &jv : o[QStringLiteral("jobs")].toArray()) {
        const QJsonObject j = jv.toObject();
        out << "Job: " << j[QStringLiteral("job_id")].toString() << ", table: " << j[QStringLiteral("table")].toString()
            << " in " << j[QStringLiteral("state")].toString()
            << ". File type: " << j[QStringLiteral("format")].toString()
            << ", size: " << humanSize(j[QStringLiteral("size")].toInteger()) << ".\n";
        if (j.contains(QStringLiteral("failed_message")))
            out << "The job FAILED TERMINALLY and cannot be restarted.\n"
                << j[QStringLiteral("failed_message")].toString() << "\n";
    }
}

} // namespace

int runInfo(const QStringList &args)
{
    QTextStream out(stdout);
    PackageCommand command(QStringLiteral("info"),
                           QStringLiteral("Shows a package's jobs by state, tables and sizes."));
    QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("print JSON instead of text"));
    QCommandLineOption sqlOpt(QStringLiteral("sql"),
                              QStringLiteral("also show what loading would run: strategies, tables emptied or "
                                             "dropped, follow-up SQL (nothing is run or connected to)"));
    QCommandLineOption destOpt(QStringLiteral("destination"),
                               QStringLiteral("with --sql: destination type or configured name (default: sqlite)"),
                               QStringLiteral("NAME"), QStringLiteral("sqlite"));
    QCommandLineOption datasetOpt(QStringLiteral("dataset"),
                                  QStringLiteral("with --sql: dataset (default: the pipeline's dataset_name)"),
                                  QStringLiteral("NAME"));
    QCommandLineOption projectOpt(QStringLiteral("project-dir"),
                                  QStringLiteral("with --sql: folder whose .dlt/ holds the configuration"),
                                  QStringLiteral("DIR"));
    QCommandLineOption compareOpt(QStringLiteral("compare"),
                                  QStringLiteral("with --sql: connect to the destination (reading only) and say which "
                                                 "tables and columns the load would create or add, with their DDL"));
    command.parser().addOptions({jsonOpt, sqlOpt, destOpt, datasetOpt, projectOpt, compareOpt});
    if (const auto exit = command.parse(args))
        return *exit;
    const QCommandLineParser &parser = command.parser();
    const QStringList &packages = command.packages();
    QJsonArray all;
    try {
        std::optional<ResolvedDestination> target;
        LoadOptions options;
        if (parser.isSet(sqlOpt)) {
            ConfigLocations locations = ConfigLocations::defaults();
            if (parser.isSet(projectOpt))
                locations.projectDir = QDir(parser.value(projectOpt)).absolutePath();
            const ConfigResolver resolver(locations);
            target = ResolvedDestination::resolve(resolver, parser.value(destOpt), true);
            options = LoadOptions::fromConfig(resolver, parser.value(destOpt));
            if (parser.isSet(datasetOpt))
                options.datasetName = parser.value(datasetOpt);
        }
        for (const auto &p : packages) {
            const LoadPackage package = LoadPackage::open(p);
            QJsonObject o = describe(package);
            if (target) {
                LoadPreview preview = LoadPreview::of(package, *target->destination, target->config, options);
                if (parser.isSet(compareOpt))
                    preview.compareWithDestination(package, *target->destination, target->config);
                o[QStringLiteral("load_sql")] = loadPreviewJson(preview);
            }
            all.append(o);
        }
    } catch (const Error &e) {
        command.error(e.fullText());
        return ExitUsage;
    }
    if (parser.isSet(jsonOpt)) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("packages"), all}}).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (int k = 0; k < all.size(); ++k) {
        if (k)
            out << "\n";
        printText(out, all[k].toObject());
        if (all[k].toObject().contains(QStringLiteral("load_sql")))
            out << loadPreviewText(all[k].toObject().value(QStringLiteral("load_sql")).toObject(),
                                   parser.value(destOpt));
    }
    return ExitOk;
}

} // namespace wharf::cli
