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

bool PackageLoader::supportsDisposition(WriteDisposition d)
{
    // replace runs as truncate-and-insert (dlt's default strategy); merge as delete-insert from
    // the staging dataset. skip tables never have jobs.
    return d != WriteDisposition::Skip;
}

PackageResult PackageLoader::load(const QString &packageDir, CancelToken &cancel)
{
    LoadRun run(m_destination, m_config, m_options, m_observer, cancel);
    return run.run(packageDir);
}

} // namespace wharf
