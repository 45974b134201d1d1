#include "GuiMain.h"

#include "destination/PluginLoader.h"

#include "KeychainBackend.h"
#include "KeychainSecrets.h"
#include "LogBus.h"
#include "MainWindow.h"
#include "Startup.h"

#include <QApplication>

namespace wharf::ui {

std::unique_ptr<MainWindow> createMainWindow()
{
    return std::make_unique<MainWindow>(prepareStartup());
}

int runMainWindow(int argc, char **argv)
{
    // QApplication keeps a reference to argc: it must outlive the application, and does here.
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("wharf"));
    QApplication::setOrganizationName(QStringLiteral("Wharf"));
    QApplication::setApplicationDisplayName(QStringLiteral("Wharf"));
    LogBus::installMessageHandler();
    // Destination plugins, once the application knows its folder (problems go to the log).
    plugins::loadAll(DestinationRegistry::instance());
    // Secrets kept in the OS keychain, read ahead into memory for the resolver.
    KeychainSecrets keychain(std::make_unique<QtKeychainBackend>());
    SecretStore::setDefaultStore(keychain.store());
    keychain.start();
    const auto window = createMainWindow();
    window->setKeychain(&keychain);
    window->show();
    const int code = QApplication::exec();
    SecretStore::setDefaultStore(nullptr);
    LogBus::uninstallMessageHandler();
    return code;
}

} // namespace wharf::ui
