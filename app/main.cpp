#include "BuiltinDestinations.h"
#include "Cli.h"
#include "KeychainBackend.h"
#include "KeychainSecrets.h"
#include "destination/PluginLoader.h"
#include "shell/GuiMain.h"

#include <QCoreApplication>
#include <cstdio>
#include <memory>

// `wharf` alone opens the window; `wharf <command> ...` runs headless (see Cli.h).
int main(int argc, char **argv)
{
    wharf::registerBuiltinDestinations();
    if (argc <= 1)
        return wharf::ui::runMainWindow(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wharf"));
    QCoreApplication::setOrganizationName(QStringLiteral("Wharf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WHARF_VERSION));
    wharf::plugins::loadAll(wharf::DestinationRegistry::instance());
    // Passwords the desktop app saved in the OS keychain count here too, as in the window.
    // Asked only when Wharf ever stored one, so that headless machines pay nothing.
    std::unique_ptr<wharf::ui::KeychainSecrets> keychain;
    if (wharf::ui::KeychainSecrets::hasEntries()) {
        keychain = std::make_unique<wharf::ui::KeychainSecrets>(std::make_unique<wharf::ui::QtKeychainBackend>());
        keychain->start();
        if (keychain->waitUntilReady(10000))
            wharf::SecretStore::setDefaultStore(keychain->store());
        else
            std::fprintf(stderr, "wharf: the OS keychain did not answer; using the .dlt files and environment only\n");
    }
    const int code = wharf::cli::run(QCoreApplication::arguments());
    wharf::SecretStore::setDefaultStore(nullptr);
    return code;
}
