#pragma once

#include <QString>
#include <QStringList>

namespace wharf {

/// Finds dlt load packages on disk for the packages list (GUI) without opening them.
namespace packagefinder {

/// Every package folder under `root`, as absolute paths, in this order of layouts:
/// - `root` is a package itself;
/// - `root` is a dlt pipeline folder: its `load/normalized/` packages, then `load/loaded/`
///   (archived: loaded or aborted) ones;
/// - `root` holds packages, pipeline folders, or folders of packages (the
///   `<root>/<pipeline>/<load_id>` layout of the bundled sample), one level deep.
/// Within one folder, packages are sorted by load id (dlt sorts them as strings).
QStringList find(const QString &root);

/// dlt's data folder: `$DLT_DATA_DIR` when set, else `/var/dlt` for root, else `~/.dlt`.
QString dltDataDir();
/// Where dlt keeps its pipelines' working folders: `<dltDataDir()>/pipelines`. The folder may
/// not exist.
QString dltPipelinesDir();

} // namespace packagefinder
} // namespace wharf
