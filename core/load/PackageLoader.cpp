#include "load/PackageLoader.h"

#include "load/LoadRun.h"

namespace wharf {

PackageLoader::PackageLoader(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
                             LoadObserver *observer)
    : m_destination(std::move(destination))
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_observer(observer)
{}

PackageResult PackageLoader::load(const QString &packageDir, CancelToken &cancel)
{
    LoadRun run(m_destination, m_config, m_options, m_observer, cancel);
    return run.run(packageDir);
}

} // namespace wharf
