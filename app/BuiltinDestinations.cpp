#include "BuiltinDestinations.h"

#include "dummy/DummyDestination.h"
#include "postgres/PostgresDestination.h"
#include "sqlite/SqliteDestination.h"

namespace wharf {

void registerBuiltinDestinations()
{
    sqlite::registerSqliteDestination();
    postgres::registerPostgresDestination();
    dummy::registerDummyDestination();
}

} // namespace wharf
