#!/usr/bin/env bash
# Writes the README's screenshots into docs/screenshots/ by driving the real main window
# offscreen through the UI tests: the first run, a load in progress, a failed job and its
# error, the load queue, the load history, the plan against the destination, a job's first rows, the schema view, the SQL console, the export dialog, About, the dataset browser, the destination settings and the capabilities.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
mkdir -p docs/screenshots
export QT_QPA_PLATFORM=offscreen WHARF_TEST_DATA="$PWD/tests/data" WHARF_TEST_PLUGINS="$PWD/build/tests/plugins" \
  WHARF_BIN="$PWD/build/app/wharf"
shots="$PWD/docs/screenshots"
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_FirstRun >/dev/null
WHARF_SCREENSHOT="$shots/destination-settings.png" build/tests/tst_DestinationEditor addDuplicateRenameRemoveInTheWindow >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_LoadQueue >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_LoadHistory >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_LoadPreview >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_SchemaView >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_SqlConsole >/dev/null
WHARF_SCREENSHOT="$shots/main-window.png" build/tests/tst_WindowShell iconAndAbout >/dev/null
WHARF_SCREENSHOT="$shots/capabilities.png" build/tests/tst_CapabilitiesModel >/dev/null
ls -1 docs/screenshots/
