#pragma once

#include "load/LoadPreview.h"

#include <QJsonObject>
#include <QString>

namespace wharf {

/// What loading a package would run (a LoadPreview), worked out without connecting: the
/// dataset, refusals, tables dropped or emptied first, and per table chain its disposition,
/// strategy, whether it goes through staging and the follow-up SQL. As JSON (`wharf info --sql
/// --json`, key "load_sql") ...
QJsonObject loadPreviewJson(const LoadPreview &preview);
/// ... and as the text `wharf info --sql` prints and the window's Plan tab shows.
QString loadPreviewText(const QJsonObject &previewJson, const QString &destination);

} // namespace wharf
