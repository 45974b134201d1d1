#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <functional>

namespace wharf {

/// The first rows of one job file, as the load's own readers parse them (for people to look
/// at before a load).
struct JobSample {
    QStringList columns;
    QList<QVariantList> rows; ///< NULL as an invalid QVariant; every other value as text or a number
    bool more = false;        ///< the file has rows after these
};

/// Reads up to `limit` rows of the job file `jobPath` (`<package>/<jobs folder>/<file>`): the
/// format from its name, the table's columns from the package's schema (jsonl needs them),
/// plain or gzip. Memory is bounded by `limit` and a reader batch. Throws Error (Terminal,
/// naming the file and line) for a file the load could not read either.
JobSample readJobSample(const QString &jobPath, int limit = 100);

/// How many rows the job file `jobPath` holds, read through the load's own reader to its end
/// (what the load will load; a gzip file is inflated to count). `keepGoing` is asked between
/// batches; false stops with Error(Cancelled). Throws Error as readJobSample().
qint64 countJobRows(const QString &jobPath, const std::function<bool()> &keepGoing = {});

} // namespace wharf
