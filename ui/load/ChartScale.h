#pragma once

#include <QList>

namespace wharf::ui {

/// An axis with regular ticks: from 0 to `top` in steps of `step`, where step is 1, 2 or 5 times
/// a power of ten (never a fraction below 1: rows and seconds are counted whole).
struct ChartScale {
    double step = 1.0;
    double top = 1.0;
    QList<double> ticks() const;
};

/// The scale for values up to `maximum` with at most `maxTicks` steps.
ChartScale niceScale(double maximum, int maxTicks);

} // namespace wharf::ui
