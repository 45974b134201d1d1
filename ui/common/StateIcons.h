#pragma once

#include "load/LoadEvents.h"

#include <QIcon>

namespace wharf::ui {

/// A small icon per job state in the state's colour (colors::forState): a hollow ring for
/// Ready, a play mark for Running, a tick for Completed, a circular arrow for Retry, a cross
/// for Failed. Drawn with QPainter (crisp at any scale, and no SVG plugin needed), once per
/// state. GUI thread only (needs a QGuiApplication).
QIcon stateIcon(JobState state);

/// The show/hide button of a secret field: an open eye (the value is shown) or a crossed-out
/// one (it is hidden), in `color` (the text colour of the palette in use).
QIcon eyeIcon(bool open, const QColor &color);

} // namespace wharf::ui
