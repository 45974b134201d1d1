#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf export --dataset D --table T [--destination N] [--filter COLUMN=FILTER]...
/// [--sort COLUMN[:desc]] [--format csv|tsv|jsonl] [-o FILE]`: every row of a loaded table
/// that the filters keep (the browser's filter language), page by page, to a file or stdout.
/// Returns 0, 1 when reading or writing failed, 2 for a usage or configuration error.
int runExport(const QStringList &args);

} // namespace wharf::cli
