#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace wharf {

/// How the loader may run jobs in parallel (spec 2.2).
enum class ParallelismStrategy { Parallel, TableSequential, Sequential };
QString parallelismStrategyName(ParallelismStrategy s);

/// A destination's capabilities, mirroring dlt's DestinationCapabilitiesContext (spec 4).
/// Plain data: copied freely between threads.
struct Capabilities {
    QString preferredLoaderFileFormat;
    QStringList supportedLoaderFileFormats;
    bool escapeIdentifierBackslashes = false; ///< Postgres-style escaping doubles `\`
    bool casefoldLower = false;               ///< identifiers are lower-cased before quoting
    bool hasCaseSensitiveIdentifiers = true;
    int decimalPrecision = 38;
    int decimalScale = 9;
    int weiPrecision = 78;
    int weiScale = 0;
    int maxIdentifierLength = 65536;
    int maxColumnIdentifierLength = 65536;
    qint64 maxQueryLength = 32 * 1024 * 1024;
    qint64 maxTextDataTypeLength = 1024LL * 1024 * 1024;
    bool supportsTransactions = true;
    bool supportsDdlTransactions = true;
    bool alterAddMultiColumn = true;
    bool supportsCreateTableIfNotExists = true;
    bool supportsTruncateCommand = true;
    bool supportsMultipleStatements = true;
    bool supportsNativeBoolean = true;
    int timestampPrecision = 6;
    int maxTimestampPrecision = 6;
    int maxRowsPerInsert = 0;    ///< 0 = no limit
    int maxParallelLoadJobs = 0; ///< 0 = no limit (spec Q21)
    ParallelismStrategy parallelismStrategy = ParallelismStrategy::Parallel;
    QStringList supportedMergeStrategies;
    QStringList supportedReplaceStrategies;
    QString sqlglotDialect;

    /// One row per capability: name as dlt calls it, value as text, and what it means.
    struct Entry {
        QString name;
        QString value;
        QString meaning;
    };
    QList<Entry> describe() const;
};

} // namespace wharf
