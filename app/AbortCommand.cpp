#include "AbortCommand.h"

#include "Cli.h"
#include "Error.h"
#include "PackageCommand.h"
#include "package/LoadPackage.h"
#include "package/PackageActions.h"
#include "package/PackageLock.h"

#include <QTextStream>

namespace wharf::cli {

int runAbort(const QStringList &args)
{
    PackageCommand command(QStringLiteral("abort"),
                           QStringLiteral("Marks a load package aborted, as dlt does: it stays on disk with its job "
                                          "files but is not loaded again ('wharf retry' can take it back)."));
    if (const auto exit = command.parse(args))
        return *exit;
    if (command.packages().size() != 1) {
        command.error(QStringLiteral("the folder holds %1 packages; name one of them").arg(command.packages().size()));
        return ExitUsage;
    }
    const QString dir = command.packages().first();
    try {
        LoadPackage package = LoadPackage::open(dir);
        PackageLock lock = PackageLock::acquire(dir);
        const QString now = packageactions::abortPackage(package);
        lock.setPackageDir(now);
        QTextStream(stdout) << "Load package " << package.loadId() << " is ABORTED: it will not be loaded; now in "
                            << now << "\n";
        return ExitOk;
    } catch (const Error &e) {
        command.error(e.fullText());
        return ExitFailed;
    }
}

} // namespace wharf::cli
