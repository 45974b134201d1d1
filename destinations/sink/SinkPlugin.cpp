// The sink destination as a plugin: its types, SDK version and description are in sink.json.
#include "SinkDestination.h"
#include "destination/DestinationPlugin.h"

#include <QObject>

class SinkPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "sink.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        return std::make_shared<const wharf::sink::SinkDestination>();
    }
};

#include "SinkPlugin.moc"
