#pragma once

#include "load/LoadEvents.h"

#include <QList>
#include <QString>

namespace wharf {

/// The words dlt users know from `print(load_info)` (spec 11.1), for the CLI and the log dock:
///   Pipeline <name> load step completed in 0.87 seconds
///   1 load package(s) were loaded to destination sqlite and into dataset <dataset>
///   The sqlite destination used <masked location> location to store data
///   Load package <id> is LOADED and contains no failed jobs
struct LoadInfo {
    QString pipelineName;
    QString destinationName;
    QString location; ///< already masked
    QList<PackageResult> packages;

    QString toText() const;
    /// dlt's humanized duration: "0.87 seconds", "2 minutes and 3.45 seconds".
    static QString humanDuration(qint64 ms);
};

} // namespace wharf
