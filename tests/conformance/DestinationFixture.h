#pragma once

#include "destination/Destination.h"
#include "sql/SqlJobClient.h"

#include <QList>
#include <QTemporaryDir>
#include <memory>

namespace wharf::test {

/// One destination under the conformance suite: how to reach it and make clients for a fresh
/// dataset. Every destination of this build adds itself in DestinationFixture.cpp; the suite
/// runs every case on each (ADBC's validation suite and dlt's tests/load do the same).
struct DestinationFixture {
    QString name;
    std::shared_ptr<const Destination> destination;
    ResolvedConfig config;
    /// Why the destination is not available (a server is missing). Under CI=true that is a
    /// failure, never a skip.
    QString unavailable;
    /// A statement that runs until it is cancelled (or for many seconds), in this dialect.
    QString slowQuery;

    std::unique_ptr<SqlJobClient> client(const QString &dataset) const;
};

/// Every destination this build can test. `scratch` holds files (SQLite databases).
QList<DestinationFixture> conformanceDestinations(const QTemporaryDir &scratch);

/// In a `_data()` function: one row per destination of `all`, in an int column "destination".
void addDestinationRows(const QList<DestinationFixture> &all);
/// In a data-driven case: the destination of the current row (see addDestinationRows).
const DestinationFixture &currentDestination(const QList<DestinationFixture> &all);

} // namespace wharf::test
