#include "BuiltinDestinations.h"
#include "Cli.h"
#include "GuiMain.h"

#include <QCoreApplication>

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
    return wharf::cli::run(QCoreApplication::arguments());
}
