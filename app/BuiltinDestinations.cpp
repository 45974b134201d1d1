#include "BuiltinDestinations.h"

#include "dummy/DummyDestination.h"
#include "sqlite/SqliteDestination.h"

namespace wharf {

void registerBuiltinDestinations()
{
    sqlite::registerSqliteDestination();
    dummy::registerDummyDestination();
}

} // namespace wharf
