#pragma once

// The conformance kit: the SQL-client and dataset-browser suites (SqlClientSuite.cpp,
// BrowserSuite.cpp), written once and bound by each destination's own test to its quirks - how to
// reach a server, a query that runs until cancelled - as ADBC's validation suite binds each
// driver. A destination's test is a main() that calls runConformance() with its fixtures
// (destinations/<name>/tests/tst_*Conformance.cpp, built and registered by
// wharf_add_destination); a plugin's destination runs the very same suites.
#include "destination/Destination.h"
#include "sql/SqlJobClient.h"

#include <QList>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace wharf::test {

/// One destination under the conformance suites: how to reach it and make clients for a fresh
/// dataset.
struct DestinationFixture {
    QString name;
    std::shared_ptr<const Destination> destination;
    ResolvedConfig config;
    /// Why the destination is not available (a server is missing). Under CI=true that is a
    /// failure, never a skip.
    QString unavailable;
    /// A statement that runs until it is cancelled (or for many seconds), in this dialect.
    QString slowQuery;
    /// The statement that refreshes a table's statistics (%1: the qualified table).
    QString analyzeSql = QStringLiteral("ANALYZE %1");
    /// A NUMERIC(p, s) column refuses values with more digits (SQLite stores them anyway).
    bool enforcesNumericPrecision = true;

    std::unique_ptr<SqlJobClient> client(const QString &dataset) const;
};

/// The destinations a conformance run covers; `scratch` holds their files (SQLite databases).
using FixtureProvider = std::function<QList<DestinationFixture>(const QTemporaryDir &scratch)>;

/// A destination's conformance test: runs every suite on the fixtures of `provider`; returns
/// non-zero when a case failed. Creates the QCoreApplication when there is none.
int runConformance(int argc, char **argv, FixtureProvider provider);

/// The fixtures of the current run (what the suites call in initTestCase).
QList<DestinationFixture> conformanceDestinations(const QTemporaryDir &scratch);

/// In initTestCase: fills `out` with the run's fixtures; fails (never skips) when there is none
/// or one is unavailable.
void requireDestinations(QList<DestinationFixture> &out, const QTemporaryDir &scratch);

/// In a `_data()` function: one row per destination of `all`, in an int column "destination".
void addDestinationRows(const QList<DestinationFixture> &all);
/// In a data-driven case: the destination of the current row (see addDestinationRows).
const DestinationFixture &currentDestination(const QList<DestinationFixture> &all);

/// Credentials from a libpq-style "key=value ..." string (WHARF_TEST_PG), mapped to the field
/// names of dlt's credentials (host, port, database, username, password).
void addConninfoCredentials(ResolvedConfig &config, const QString &conninfo);

} // namespace wharf::test
