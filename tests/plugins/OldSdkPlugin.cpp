// A plugin whose JSON says it was built for SDK version 0: Wharf must skip it without loading it.
#include "destination/DestinationPlugin.h"

#include <QObject>
#include <cstdlib>

class OldSdkPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "old_sdk.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        std::abort(); // never reached: a plugin of another SDK version is never called
    }
};

#include "OldSdkPlugin.moc"
