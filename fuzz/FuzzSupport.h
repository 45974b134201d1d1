#pragma once

// Shared by the libFuzzer targets (fuzz/README.md): inputs as files, since Wharf's readers read
// job files the way the loader meets them.
#include "formats/RowReader.h"

#include <QString>
#include <cstddef>
#include <cstdint>

namespace wharf::fuzz {

/// Writes the input to this process's scratch file (one per target and process) and returns
/// its path.
QString writeInput(const std::uint8_t *data, std::size_t size, const char *suffix);

/// Reads every row of `path` in `format` (with `columns` as the table's columns) and coerces
/// each value into every dlt data type, as load jobs do. wharf::Error is the expected outcome
/// of a bad file and is swallowed; anything else (a crash, a sanitizer report, another
/// exception) is a finding.
void readAndCoerce(const QString &path, FileFormat format, const QStringList &columns);

} // namespace wharf::fuzz
