// The postgres destination as a plugin (cmake/WharfDestination.cmake builds it in as a static one):
// its types, SDK version and description are in postgres.json.
#include "PostgresDestination.h"
#include "destination/DestinationPlugin.h"

#include <QObject>

class PostgresPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "postgres.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        return std::make_shared<const wharf::postgres::PostgresDestination>();
    }
};

#include "PostgresPlugin.moc"
