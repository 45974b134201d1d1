// The smallest destination plugin: capabilities and configuration from SDK headers only. It is a
// fixture of scripts/check-sdk.sh (does the installed SDK build and load a plugin?), not a
// destination anyone loads into: its clients refuse, saying so.
#include <destination/DestinationPlugin.h>

#include <QObject>

namespace {

class EchoDestination : public wharf::Destination {
public:
    QString type() const override { return QStringLiteral("sdk_echo"); }
    wharf::Capabilities capabilities() const override
    {
        wharf::Capabilities c;
        c.preferredLoaderFileFormat = QStringLiteral("jsonl");
        c.supportedLoaderFileFormats = {QStringLiteral("jsonl")};
        return c;
    }
    wharf::ConfigSpec configSpec() const override
    {
        wharf::ConfigSpec spec;
        spec.destinationType = type();
        return spec;
    }
    std::unique_ptr<wharf::JobClient> createClient(const wharf::ResolvedConfig &, const QString &) const override
    {
        throw wharf::Error(wharf::ErrorKind::Config, QStringLiteral("sdk_echo only checks that the SDK builds"));
    }
    QString displayLocation(const wharf::ResolvedConfig &) const override { return QStringLiteral("nowhere"); }
};

} // namespace

class EchoPlugin : public QObject, public wharf::DestinationPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "echo.json")
    Q_INTERFACES(wharf::DestinationPlugin)

public:
    std::shared_ptr<const wharf::Destination> create(const QString &) const override
    {
        return std::make_shared<EchoDestination>();
    }
};

#include "EchoPlugin.moc"
