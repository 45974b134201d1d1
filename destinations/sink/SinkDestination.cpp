#include "SinkDestination.h"

#include "CommandReceiver.h"
#include "Error.h"
#include "HttpReceiver.h"
#include "SinkJobClient.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    spec.credentials = {
        configField("token", FieldType::String, {}, false, true, "sent to the url as 'Authorization: Bearer <token>'"),
        configField("headers", FieldType::Table, {}, false, true,
                    "more HTTP headers for the url, e.g. {\"X-Api-Key\": \"...\"}"),
    };
    spec.options = {
        configField("url", FieldType::String, {}, false, false,
                    "http(s) endpoint that receives each batch as one POST of JSON lines; a 2xx answer accepts "
                    "it, 408, 429 and 5xx ask for it again"),
        configField("command", FieldType::String, {}, false, false,
                    "shell command that receives each batch as JSON lines on stdin; exit 0 accepts it, 75 asks "
                    "for it again"),
        configField("batch_size", FieldType::Int, 1000, false, false, "rows per batch"),
        configField("timeout", FieldType::Int, 30, false, false,
                    "seconds the url may stay silent before the batch is sent again"),
        configField("skip_dlt_columns_and_tables", FieldType::Bool, true, false, false,
                    "leave out dlt's own tables and _dlt_ columns, as dlt's @dlt.destination does"),
    };
    return spec;
}

namespace {

std::unique_ptr<SinkReceiver> httpReceiver(const ResolvedConfig &config, const QString &url)
{
    HttpSettings http;
    http.url = QUrl(url, QUrl::StrictMode);
    const QString scheme = http.url.scheme().toLower();
    if (!http.url.isValid() || http.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        throw Error(ErrorKind::Config, QStringLiteral("the sink's url must be an http:// or https:// address, got '%1'")
                                           .arg(http.url.toDisplayString(QUrl::RemoveUserInfo)));
    if (!http.url.password().isEmpty())
        throw Error(ErrorKind::Config, QStringLiteral("the sink's url holds a password: give it as "
                                                      "[destination.sink.credentials] token (or a header) in "
                                                      "secrets.toml instead"));
    bool ok = true;
    const int seconds = config.option(QStringLiteral("timeout"), 30).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 86400)
        throw Error(ErrorKind::Config, QStringLiteral("timeout must be a number of seconds from 1 to 86400"));
    http.timeoutMs = seconds * 1000;
    http.token = config.credential(QStringLiteral("token")).toString().toUtf8();
    const QJsonObject headers =
        QJsonDocument::fromJson(config.credential(QStringLiteral("headers")).toString().toUtf8()).object();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QByteArray name = it.key().toLatin1();
        const QByteArray value = it.value().toString().toUtf8();
        if (name.isEmpty() || name.contains(':') || name.contains('\n') || name.contains(' ') || value.contains('\n') ||
            value.contains('\r'))
            throw Error(ErrorKind::Config,
                        QStringLiteral("the sink's header '%1' is not a valid HTTP header").arg(it.key()));
        http.headers.append({name, value});
    }
    return std::make_unique<HttpReceiver>(http);
}

} // namespace

std::unique_ptr<JobClient> SinkDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    const QString url = config.option(QStringLiteral("url")).toString().trimmed();
    const QString command = config.option(QStringLiteral("command")).toString().trimmed();
    if (url.isEmpty() == command.isEmpty())
        throw Error(ErrorKind::Config,
                    url.isEmpty() ? QStringLiteral("the sink needs a url or a command: [destination.sink] url = "
                                                   "\"https://...\" or command = \"...\" (or "
                                                   "DESTINATION__SINK__URL / DESTINATION__SINK__COMMAND)")
                                  : QStringLiteral("the sink takes a url or a command, not both"));
    SinkSettings s;
    bool ok = true;
    s.batchSize = config.option(QStringLiteral("batch_size"), 1000).toInt(&ok);
    if (!ok || s.batchSize < 1)
        throw Error(ErrorKind::Config, QStringLiteral("batch_size must be a positive number"));
    s.dataset = dataset;
    s.skipDlt = config.option(QStringLiteral("skip_dlt_columns_and_tables"), true).toBool();
    return std::make_unique<SinkJobClient>(s, url.isEmpty() ? std::make_unique<CommandReceiver>(command)
                                                            : httpReceiver(config, url));
}

QString SinkDestination::displayLocation(const ResolvedConfig &config) const
{
    const QString url = config.option(QStringLiteral("url")).toString().trimmed();
    if (!url.isEmpty())
        return QUrl(url).toDisplayString(QUrl::RemoveUserInfo);
    return QStringLiteral("command: ") + config.option(QStringLiteral("command")).toString();
}

} // namespace wharf::sink
