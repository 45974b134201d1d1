#pragma once

#include "destination/Capabilities.h"
#include "schema/Schema.h"

#include <QStringList>

namespace wharf {

/// dlt's verify_schema (spec 6.8) for the tables a load touches, before anything is created:
/// identifiers longer than the destination allows (IdentifierTooLongException: "table" or
/// "column" with "<table>.<column>"), and names that collide once the destination folds case
/// (SchemaIdentifierNormalizationCollision). Lengths are counted in UTF-8 bytes, the unit
/// PostgreSQL's 63-character NAMEDATALEN limit really uses, so a name is never silently cut.
/// Throws Error(Terminal) naming the identifier.
void verifySchema(const Schema &schema, const Capabilities &caps, const QStringList &tables);

} // namespace wharf
