#pragma once

#include "load/LoadEvents.h"

#include <QColor>

namespace wharf::ui {

/// The few colours the models use for states, picked to read on light and dark palettes.
namespace colors {
inline QColor neutral()
{
    return QColor(0x80, 0x80, 0x80);
}
inline QColor running()
{
    return QColor(0x1e, 0x6f, 0xd9);
}
inline QColor success()
{
    return QColor(0x2e, 0x8b, 0x3e);
}
inline QColor warning()
{
    return QColor(0xd9, 0x82, 0x1e);
}
inline QColor failure()
{
    return QColor(0xc9, 0x2a, 0x2a);
}
/// The colour of a job state (Ready neutral, Running blue, Completed green, Retry amber,
/// Failed red).
inline QColor forState(JobState s)
{
    switch (s) {
    case JobState::Ready:
        return neutral();
    case JobState::Running:
        return running();
    case JobState::Completed:
        return success();
    case JobState::Retry:
        return warning();
    case JobState::Failed:
        break;
    }
    return failure();
}
} // namespace colors

} // namespace wharf::ui
