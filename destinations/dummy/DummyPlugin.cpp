// The dummy destination as a plugin (cmake/WharfDestination.cmake builds it in as a static one):
// its types, SDK version and description are in dummy.json.
#include "DummyDestination.h"
#include "destination/DestinationPlugin.h"

#include <QObject>

class DummyPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "dummy.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        return std::make_shared<const wharf::dummy::DummyDestination>();
    }
};

#include "DummyPlugin.moc"
