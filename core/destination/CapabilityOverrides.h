#pragma once

#include "config/ConfigResolver.h"
#include "destination/Capabilities.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace wharf {

/// A capability people may tune in config.toml, and where its override is read. The
/// destination-scoped ones live in `[destination.<name>]`; workers and the parallelism
/// strategy are the loader's `[load]` settings (read by LoadOptions), shown with the
/// capabilities because they decide the same thing.
struct TunableCapability {
    enum class Kind {
        Count,      ///< a non-negative integer (0 = no limit where the capability says so)
        FileFormat, ///< one of supportedLoaderFileFormats
        Strategy    ///< parallel, table-sequential or sequential
    };
    QString capability;   ///< name as in Capabilities::describe(), or "workers"
    QStringList sections; ///< {"destination", <name>} or {"load"}
    QString key;          ///< key inside those sections
    Kind kind = Kind::Count;
    int minimum = 0; ///< for Count

    QStringList path() const { return sections + QStringList{key}; }
    /// "destination.pg.max_rows_per_insert", "load.workers".
    QString configKey() const { return path().join(QLatin1Char('.')); }
    bool isLoadSetting() const { return sections == QStringList{QStringLiteral("load")}; }
};

namespace capability_names {
inline constexpr const char *kPreferredFormat = "preferred_loader_file_format";
inline constexpr const char *kMaxQueryLength = "max_query_length";
inline constexpr const char *kMaxRowsPerInsert = "max_rows_per_insert";
inline constexpr const char *kParallelism = "loader_parallelism_strategy";
inline constexpr const char *kWorkers = "workers";
} // namespace capability_names

/// Every tunable capability of destination `destinationName`, in display order.
QList<TunableCapability> tunableCapabilities(const QString &destinationName);

/// The destination-scoped overrides set for `destinationName` (exact keys only, so that a
/// generic `max_query_length` elsewhere never applies), keyed by capability name.
QMap<QString, ResolvedValue> resolveCapabilityOverrides(const ConfigResolver &resolver, const QString &destinationName);

/// `caps` with `overrides` applied. Throws Error(Config) naming the source of a value that
/// is not a non-negative integer or not a supported file format.
Capabilities applyCapabilityOverrides(Capabilities caps, const QMap<QString, ResolvedValue> &overrides);

} // namespace wharf
