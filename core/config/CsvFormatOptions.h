#pragma once

#include "config/ConfigResolver.h"
#include "config/ConfigSpec.h"
#include "formats/CsvFormat.h"

#include <QList>

namespace wharf {

/// The fields of `[destination.<name>.csv_format]` that loading reads (dlt's
/// CsvFormatConfiguration: delimiter, include_header, encoding), for a destination's ConfigSpec.
QList<ConfigField> csvFormatFields();

/// The csv format a resolved destination configuration asks for; dlt's defaults where it says
/// nothing. Throws Error(Config) naming the key for a delimiter that is not one ASCII character
/// (or is a quote or a line break) and for an encoding name that is not plain letters, digits,
/// '-' and '_'.
CsvFormat csvFormatFromConfig(const ResolvedConfig &config);

} // namespace wharf
