#include "SinkDestination.h"

#include "Error.h"
#include "SinkJobClient.h"

namespace wharf::sink {

Capabilities SinkDestination::capabilities() const
{
    // dlt's custom destination: typed-jsonl, no transactions, no staging, no merge SQL.
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("typed-jsonl");
    c.supportedLoaderFileFormats = {QStringLiteral("typed-jsonl"), QStringLiteral("jsonl"),
                                    QStringLiteral("insert_values"), QStringLiteral("csv")};
    c.supportsTransactions = false;
    c.supportsDdlTransactions = false;
    c.supportedMergeStrategies = {}; // merge rows are handed over as they are (dlt: no strategy)
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert")}; // nothing to truncate
    return c;
}

ConfigSpec SinkDestination::configSpec() const
{
    ConfigSpec spec;
    spec.destinationType = type();
    spec.options = {
        configField("command", FieldType::String, {}, true, false,
                    "shell command that receives each batch as JSON lines on stdin; exit 0 accepts it, 75 asks "
                    "for a retry"),
        configField("batch_size", FieldType::Int, 1000, false, false, "rows per batch"),
        configField("skip_dlt_columns_and_tables", FieldType::Bool, true, false, false,
                    "leave out dlt's own tables and _dlt_ columns, as dlt's @dlt.destination does"),
    };
    return spec;
}

std::unique_ptr<JobClient> SinkDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    SinkSettings s;
    s.command = config.option(QStringLiteral("command")).toString().trimmed();
    if (s.command.isEmpty())
        throw Error(ErrorKind::Config, QStringLiteral("the sink needs a command: [destination.sink] command = \"...\" "
                                                      "or DESTINATION__SINK__COMMAND"));
    bool ok = true;
    s.batchSize = config.option(QStringLiteral("batch_size"), 1000).toInt(&ok);
    if (!ok || s.batchSize < 1)
        throw Error(ErrorKind::Config, QStringLiteral("batch_size must be a positive number"));
    s.dataset = dataset;
    s.skipDlt = config.option(QStringLiteral("skip_dlt_columns_and_tables"), true).toBool();
    return std::make_unique<SinkJobClient>(s);
}

QString SinkDestination::displayLocation(const ResolvedConfig &config) const
{
    return QStringLiteral("command: ") + config.option(QStringLiteral("command")).toString();
}

} // namespace wharf::sink
