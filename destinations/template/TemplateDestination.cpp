#include "TemplateDestination.h"

#include "Error.h"
#include "TemplateJobClient.h"

namespace wharf::templ {

Capabilities TemplateDestination::capabilities() const
{
    // TODO: the capabilities of your database, as dlt's destination declares them.
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("insert_values");
    c.supportedLoaderFileFormats = {QStringLiteral("insert_values"), QStringLiteral("csv"), QStringLiteral("jsonl"),
                                    QStringLiteral("typed-jsonl")};
    c.maxIdentifierLength = 63;
    c.maxColumnIdentifierLength = 63;
    c.supportsDdlTransactions = true;  // false if DDL commits by itself (MySQL)
    c.supportsTruncateCommand = false; // TRUNCATE is used only where it is transactional
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("scd2")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging")};
    return c;
}

ConfigSpec TemplateDestination::configSpec() const
{
    // TODO: the credential fields of dlt's configuration for your destination; a connection
    // string `template://user:password@host:port/database` fills the fields of the same names.
    ConfigSpec spec;
    spec.destinationType = type();
    spec.scheme = QStringLiteral("template");
    for (const char *name : {"host", "database", "username", "password"}) {
        ConfigField f;
        f.name = QLatin1String(name);
        f.type = FieldType::String;
        f.secret = f.name == QLatin1String("password");
        f.required = !f.secret;
        spec.credentials.append(f);
    }
    return spec;
}

std::unique_ptr<JobClient> TemplateDestination::createClient(const ResolvedConfig &config, const QString &dataset) const
{
    return std::make_unique<TemplateJobClient>(effectiveCapabilities(config), config, dataset);
}

QString TemplateDestination::displayLocation(const ResolvedConfig &config) const
{
    return config.toConnectionString().toDisplayString(); // the password masked
}

} // namespace wharf::templ
