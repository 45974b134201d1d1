#include "BuiltinDestinations.h"
#include "Cli.h"

#include <QCoreApplication>

#if __has_include("GuiMain.h")
#include "GuiMain.h"
#define WHARF_HAS_GUI 1
#endif

int main(int argc, char **argv)
{
    wharf::registerBuiltinDestinations();
    if (argc <= 1) {
#ifdef WHARF_HAS_GUI
        return wharf::ui::runMainWindow(argc, argv);
#endif
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wharf"));
    QCoreApplication::setOrganizationName(QStringLiteral("Wharf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WHARF_VERSION));
    return wharf::cli::run(QCoreApplication::arguments());
}
