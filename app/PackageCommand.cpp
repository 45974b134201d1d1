#include "PackageCommand.h"

#include "Cli.h"
#include "package/LoadPackage.h"

#include <QFileInfo>
#include <QTextStream>

namespace wharf::cli {

PackageCommand::PackageCommand(const QString &name, const QString &description)
    : m_name(name)
    , m_logOption(QStringLiteral("log-level"), QStringLiteral("debug, info, warning or error"), QStringLiteral("LEVEL"),
                  QStringLiteral("warning"))
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.addPositionalArgument(QStringLiteral("package-dir"),
                                   QStringLiteral("a package folder (<load_id>/), a folder of packages, or a "
                                                  "dlt pipeline folder"));
    m_parser.addOption(m_logOption);
}

void PackageCommand::error(const QString &message) const
{
    QTextStream(stderr) << "wharf " << m_name << ": " << message << "\n";
}

QString PackageCommand::helpText() const
{
    QString text = m_parser.helpText();
    const qsizetype end = text.indexOf(QLatin1String(" [options]"));
    if (text.startsWith(QLatin1String("Usage: ")) && end > 0)
        text.replace(7, end - 7, QStringLiteral("wharf ") + m_name);
    return text;
}

std::optional<int> PackageCommand::parse(const QStringList &args)
{
    if (!m_parser.parse(args)) {
        error(m_parser.errorText());
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << helpText();
        return ExitOk;
    }
    if (!applyLogLevel(m_parser.value(m_logOption))) {
        error(QStringLiteral("unknown log level '%1'").arg(m_parser.value(m_logOption)));
        return ExitUsage;
    }
    if (m_parser.positionalArguments().size() != 1) {
        error(QStringLiteral("expected one package folder\n\n") + helpText());
        return ExitUsage;
    }
    const QString dir = m_parser.positionalArguments().first();
    if (!QFileInfo(dir).isDir()) {
        error(QStringLiteral("%1: no such folder").arg(dir));
        return ExitUsage;
    }
    const QFileInfo info(dir);
    if (!info.isReadable() || !info.isExecutable()) {
        error(QStringLiteral("permission denied: cannot read the folder %1").arg(dir));
        return ExitFailed;
    }
    m_packages = LoadPackage::findPackages(dir);
    if (m_packages.isEmpty()) {
        error(QStringLiteral("no dlt load package found in %1").arg(dir));
        return ExitUsage;
    }
    return std::nullopt;
}

} // namespace wharf::cli
