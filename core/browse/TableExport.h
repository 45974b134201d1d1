#pragma once

#include "browse/DatasetBrowser.h"

#include <QIODevice>
#include <functional>

namespace wharf {

enum class ExportFormat { Csv, Tsv, JsonLines };

/// "csv", "tsv", "jsonl" (file suffixes too); nullopt for anything else.
std::optional<ExportFormat> exportFormatFromName(const QString &name);

/// Writes every row of `request`'s table that its filters keep, in its sort order, to `out`:
/// CSV with a header line (RFC 4180), TSV without one, or JSON lines (one object per row, json
/// columns embedded). Reads page by page through `browser` (pages of `pageRows`), so memory
/// stays flat in the row count. `progress` is called after each page with the rows written so
/// far; returning false stops the export (Error(Cancelled)). Returns the rows written. Throws
/// the browser's errors and Error(Internal) when `out` cannot be written.
qint64 exportRows(DatasetBrowser &browser, PageRequest request, ExportFormat format, QIODevice &out,
                  const std::function<bool(qint64 rows)> &progress = {}, int pageRows = 10000);

} // namespace wharf
