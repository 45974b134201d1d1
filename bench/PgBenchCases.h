#pragma once

// The cases of wharf_bench_postgres; each prints its table and returns its failed loads.
#include "PgBenchSupport.h"

namespace wharf::bench::pg {

/// bench_rows in every format into a new dataset, beside `\copy` (PgBenchFormats.cpp).
int runFormatsCase(const Settings &s, qint64 rows, bool insertMethod);

/// The real-shape wide table (WideTable.h) in 1 and 100 insert_values.gz jobs into a new and
/// into an existing table, beside `\copy` into the identical DDL and, when `dltCommand` is
/// set, dlt's own load step; then peak memory at 1, 4 and 20 jobs at once (PgBenchWide.cpp).
int runWideCase(const Settings &s, qint64 rows, const QString &dltCommand);

} // namespace wharf::bench::pg
