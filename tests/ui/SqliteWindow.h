#pragma once

#include <QString>
#include <QStringList>

class QAction;

namespace wharf::ui {
class MainWindow;
struct StartupState;
} // namespace wharf::ui

namespace wharf::test {

/// The file of `dataset` of the sqlite destination as the configuration resolves it now.
QString sqliteDatasetFile(const QString &dataset);
/// Copies the test packages `names` (under tests/data/packages) into `<home>/<folder>`, one
/// subfolder each; returns the folder, or an empty string when a copy failed.
QString copyTestPackages(const QString &home, const QString &folder, const QStringList &names);
/// A window on the sqlite destination listing `packageFolder`.
wharf::ui::StartupState sqliteStartup(const QString &packageFolder);
/// Types `dataset` into Into dataset, triggers `run` (Run or Run all pending) and waits for
/// the queue to end; returns how many packages it loaded, or -1 when it did not end in time.
int loadInto(wharf::ui::MainWindow &window, QAction *run, const QString &dataset, int timeoutMs = 60000);

} // namespace wharf::test
