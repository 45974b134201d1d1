#include "shell/GuiMain.h"

#include "destination/PluginLoader.h"

#include "KeychainBackend.h"
#include "KeychainSecrets.h"
#include "LogBus.h"
#include "shell/MainWindow.h"
#include "shell/Startup.h"

#include <QApplication>
#include <QTimer>

namespace wharf::ui {

std::unique_ptr<MainWindow> createMainWindow()
{
    auto window = std::make_unique<MainWindow>(prepareStartup());
    // Plugins found but skipped (plugins::loadAll ran before the log dock existed): said in the
    // log, where people look, once the window's event loop runs.
    const auto problems = DestinationRegistry::instance().problems();
    QTimer::singleShot(0, window.get(), [problems] {
        for (const auto &p : problems)
            qCWarning(lcUi).noquote() << "destination plugin skipped:" << p.file << "-" << p.message;
    });
    return window;
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
