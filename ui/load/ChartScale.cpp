#include "load/ChartScale.h"

#include <cmath>

namespace wharf::ui {

QList<double> ChartScale::ticks() const
{
    QList<double> out;
    for (int k = 0; k * step <= top + step * 1e-9; ++k)
        out << k * step;
    return out;
}

ChartScale niceScale(double maximum, int maxTicks)
{
    maxTicks = std::max(1, maxTicks);
    maximum = std::max(maximum, 1.0);
    const double rough = maximum / maxTicks;
    double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    ChartScale scale;
    scale.step = 10.0 * magnitude;
    for (const double f : {1.0, 2.0, 5.0}) {
        if (f * magnitude >= rough) {
            scale.step = f * magnitude;
            break;
        }
    }
    scale.step = std::max(scale.step, 1.0);
    scale.top = std::ceil(maximum / scale.step - 1e-9) * scale.step;
    return scale;
}

} // namespace wharf::ui
