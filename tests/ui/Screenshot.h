#pragma once

#include <QString>

class QWidget;

namespace wharf::test {

/// WHARF_SCREENSHOT=/path/x.png saves `widget` as it is drawn now, with `suffix` before ".png"
/// (scripts/screenshots.sh sets it); without the variable nothing happens.
void saveScreenshot(QWidget *widget, const QString &suffix = {});
/// saveScreenshot() once with the application's palette and once (suffix + "-dark") with a
/// dark one, put back afterwards.
void saveScreenshots(QWidget *widget, const QString &suffix);

} // namespace wharf::test
