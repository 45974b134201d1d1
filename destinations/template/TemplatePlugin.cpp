// Step 9 of the guide, "expose the destination": the plugin class Wharf finds at start-up. Its
// types, SDK version and description are in template.json.
#include "TemplateDestination.h"
#include "destination/DestinationPlugin.h"

#include <QObject>

class TemplatePlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "template.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        return std::make_shared<const wharf::templ::TemplateDestination>();
    }
};

#include "TemplatePlugin.moc"
