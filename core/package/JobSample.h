#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

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

} // namespace wharf
