#pragma once

#include "load/LoadEvents.h"

#include <QIcon>

namespace wharf::ui {

/// A small icon per job state in the state's colour (colors::forState): a hollow ring for
/// Ready, a play mark for Running, a tick for Completed, a circular arrow for Retry, a cross
/// for Failed. Drawn with QPainter (crisp at any scale, and no SVG plugin needed), once per
/// state. GUI thread only (needs a QGuiApplication).
QIcon stateIcon(JobState state);

} // namespace wharf::ui
