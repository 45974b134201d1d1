#include "Screenshot.h"

#include <QApplication>
#include <QDebug>
#include <QPalette>
#include <QPixmap>
#include <QTest>
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

void saveScreenshots(QWidget *widget, const QString &suffix)
{
    if (qEnvironmentVariableIsEmpty("WHARF_SCREENSHOT"))
        return;
    QTest::qWait(50);
    saveScreenshot(widget, suffix);
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
    dark.setColor(QPalette::Text, QColor(220, 220, 220));
    dark.setColor(QPalette::Button, QColor(55, 55, 58));
    dark.setColor(QPalette::ButtonText, QColor(220, 220, 220));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    dark.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    for (const auto role : {QPalette::ButtonText, QPalette::WindowText, QPalette::Text})
        dark.setColor(QPalette::Disabled, role, QColor(120, 120, 120));
    QApplication::setPalette(dark);
    QTest::qWait(50);
    saveScreenshot(widget, suffix + QStringLiteral("-dark"));
    QApplication::setPalette(light);
    QTest::qWait(20);
}

} // namespace wharf::test
