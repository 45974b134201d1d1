#pragma once

#include <QString>
#include <QStringList>

namespace wharf::ui {

/// What the main window opens with.
struct StartupState {
    /// Folders to list packages from: the app's packages folder (holding the sample) first,
    /// then dlt's pipelines folder (~/.dlt/pipelines) if it exists, then the folders the user
    /// opened before.
    QStringList packageRoots;
    /// Registered destination type to select; "sqlite" needs no configuration at all.
    QString destinationType = QStringLiteral("sqlite");
    /// Set when the bundled sample could not be installed (the window still opens).
    QString warning;
};

/// First run included: installs the bundled sample package into defaultPackagesDir() unless
/// a copy is already there (core's installSamplePackages), and reads the remembered folders
/// from QSettings. Needs a QCoreApplication (for QSettings' names). Does not throw.
StartupState prepareStartup();

/// Remembers a packages folder the user opened (QSettings "packages/folders").
void rememberPackagesFolder(const QString &dir);

} // namespace wharf::ui
