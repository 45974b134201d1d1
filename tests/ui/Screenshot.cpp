#include "Screenshot.h"

#include <QDebug>
#include <QPixmap>
#include <QWidget>

namespace wharf::test {

void saveScreenshot(QWidget *widget, const QString &suffix)
{
    QString path = qEnvironmentVariable("WHARF_SCREENSHOT");
    if (path.isEmpty())
        return;
    if (!suffix.isEmpty())
        path.insert(path.endsWith(QLatin1String(".png")) ? path.size() - 4 : path.size(), suffix);
    if (!widget->grab().save(path, "PNG"))
        qWarning() << "could not save the screenshot" << path;
}

} // namespace wharf::test
