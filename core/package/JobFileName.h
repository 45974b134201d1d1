#pragma once

#include "formats/RowReader.h"

#include <QString>
#include <optional>

namespace wharf {

/// A parsed job file name `<table>.<file_id>.<retry_count>.<format>[.gz]` (spec 1.5).
struct JobFileName {
    QString table;
    QString fileId;
    int retryCount = 0;
    QString formatName; ///< as written ("insert_values", "csv", ...)
    FileFormat format = FileFormat::Unknown;
    bool compressed = false; ///< the name ends in .gz (content is still sniffed when read)

    /// Throws wharf::Error(Terminal) for a name that is not a job file name.
    static JobFileName parse(const QString &fileName);
    static std::optional<JobFileName> tryParse(const QString &fileName);

    /// Stable across retries: `<table>.<file_id>.<format>[.gz]`.
    QString jobId() const;
    /// The full file name for the current retry count.
    QString fileName() const;
    /// Same job with retry_count + 1.
    JobFileName nextRetry() const;
};

} // namespace wharf
