// A destination plugin as a third party builds one (DestinationPlugin.h): the SQLite
// destination under the type "plugged_sqlite", so that tests load real packages through a
// plugin's clients.
#include "destination/DestinationPlugin.h"
#include "sqlite/SqliteDestination.h"

#include <QObject>

namespace {

class PluggedSqlite : public wharf::sqlite::SqliteDestination {
public:
    QString type() const override { return QStringLiteral("plugged_sqlite"); }
};

} // namespace

class PluggedSqlitePlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "plugged_sqlite.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &type) const override
    {
        return type == QLatin1String("plugged_sqlite") ? std::make_shared<PluggedSqlite>() : nullptr;
    }
};

#include "PluggedSqlitePlugin.moc"
