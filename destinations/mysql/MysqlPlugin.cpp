// The MySQL / MariaDB destination as a plugin, built only against Wharf's SDK (cmake/WharfSdk.cmake):
// its types, SDK version and description are in mysql.json.
#include "MysqlDestination.h"
#include "destination/DestinationPlugin.h"

#include <QObject>

class MysqlPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "mysql.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &type) const override
    {
        return std::make_shared<const wharf::mysql::MysqlDestination>(type);
    }
};

#include "MysqlPlugin.moc"
