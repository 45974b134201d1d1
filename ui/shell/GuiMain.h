#pragma once

#include <memory>

namespace wharf::ui {

class MainWindow;

/// The GUI entry point for `wharf` with no arguments: creates the QApplication (name "wharf",
/// organization "Wharf"), installs the log handler, shows the main window and runs the event
/// loop. Destinations must already be registered (app/main.cpp calls
/// wharf::registerBuiltinDestinations() first). Returns the exit code.
int runMainWindow(int argc, char **argv);

/// The main window exactly as runMainWindow builds it: installs the bundled sample on first
/// run and preselects it. Needs a QApplication with the names set; does not show the window.
std::unique_ptr<MainWindow> createMainWindow();

} // namespace wharf::ui
