#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <optional>

namespace wharf::cli {

/// The parsing every package command shares: `--help`, `--log-level`, exactly one
/// `<package-dir>` that exists and holds at least one dlt load package. Commands add their own
/// options to parser() before calling parse().
class PackageCommand {
public:
    PackageCommand(const QString &name, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    /// Parses `args`; returns an exit code when the command must stop here (help shown, or a
    /// usage error printed), nullopt when packages() is ready.
    std::optional<int> parse(const QStringList &args);
    /// Package folders found, oldest first.
    const QStringList &packages() const { return m_packages; }
    /// Prints "wharf <name>: <message>" on stderr.
    void error(const QString &message) const;
    /// Help text naming the command as people type it ("wharf load"), not the binary path.
    QString helpText() const;

private:
    QString m_name;
    QCommandLineParser m_parser;
    QCommandLineOption m_logOption;
    QStringList m_packages;
};

} // namespace wharf::cli
