#pragma once

#include "BuiltinDestinations.h"
#include "UiTestHome.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

namespace wharf::test {

/// main() of a GUI test: a fresh home (isolateHome), a QApplication named as the app's (so
/// QSettings land in that home), the built-in destinations, developer mode (the dummy is
/// offered), then the test object run. A test
/// class with a QString `m_home` member gets the home's root in it.
template <typename TestObject> int runGuiTest(int argc, char **argv)
{
    QTemporaryDir home;
    const QString root = home.isValid() ? isolateHome(home.path()) : QString();
    if (root.isEmpty())
        return 1;
    // The loader tests of the window run on the dummy destination, which the window offers
    // only in developer mode; a test of what users see unsets it.
    qputenv("WHARF_DEVELOPER", "1");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("wharf"));
    QApplication::setOrganizationName(QStringLiteral("Wharf"));
    registerBuiltinDestinations();
    TestObject test;
    if constexpr (requires { test.m_home; })
        test.m_home = root;
    return QTest::qExec(&test, argc, argv);
}

} // namespace wharf::test
