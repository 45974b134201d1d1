#pragma once

#include "destination/Destination.h"

namespace wharf::templ {

/// Steps 3-4 of the guide: what the destination can do (capabilities) and what it needs to
/// connect (configuration and credentials). See destinations/mysql/MysqlDestination.cpp.
class TemplateDestination : public Destination {
public:
    QString type() const override { return QStringLiteral("template"); }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &config) const override;
};

} // namespace wharf::templ
