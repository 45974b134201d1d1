#include "TemplateConnection.h"

#include "Error.h"

namespace wharf::templ {

TemplateConnection::TemplateConnection(Capabilities caps, ResolvedConfig config, QString dataset)
    : SqlClient(std::move(caps), std::move(dataset))
    , m_config(std::move(config))
{}

void TemplateConnection::notWritten(const char *what) const
{
    throw Error(ErrorKind::Config, QStringLiteral("the template destination has no %1 yet: it is the starting point "
                                                  "of a new destination (docs/guides/new-destination.md)")
                                       .arg(QLatin1String(what)));
}

// TODO: connect with m_config.credential("host") etc.; classify failures (Config for refused
// credentials, Transient for an unreachable server).
void TemplateConnection::open()
{
    notWritten("connection");
}

void TemplateConnection::begin()
{
    notWritten("transactions");
}

void TemplateConnection::commit()
{
    notWritten("transactions");
}

// TODO: bind `params` through the client library (never into the SQL text); throw the Error of
// the database's error class (UndefinedRelation for a missing table or schema).
void TemplateConnection::execute(const QString &, const QVariantList &)
{
    notWritten("statements");
}

QList<QVariantList> TemplateConnection::query(const QString &, const QVariantList &)
{
    notWritten("queries");
}

bool TemplateConnection::hasDataset()
{
    notWritten("datasets");
}

void TemplateConnection::createDataset()
{
    notWritten("datasets");
}

void TemplateConnection::dropDataset()
{
    notWritten("datasets");
}

QMap<QString, QStringList> TemplateConnection::existingColumns(const QStringList &)
{
    notWritten("catalog queries");
}

} // namespace wharf::templ
