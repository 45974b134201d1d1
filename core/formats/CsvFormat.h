#pragma once

#include <QString>

namespace wharf {

/// How a csv job file is written (dlt's CsvFormatConfiguration, `[destination.<name>.csv_format]`):
/// the field delimiter, whether the first line names the columns, and the text encoding.
struct CsvFormat {
    char delimiter = ',';
    bool includeHeader = true;
    QString encoding = QStringLiteral("utf-8");
};

} // namespace wharf
