#!/usr/bin/env bash
# Writes the README's screenshots into docs/screenshots/ by driving the real main window
# offscreen through the first-run UI test (first run, a load in progress, a failed job).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
mkdir -p docs/screenshots
WHARF_SCREENSHOT="$PWD/docs/screenshots/main-window.png" QT_QPA_PLATFORM=offscreen \
  WHARF_TEST_DATA="$PWD/tests/data" build/tests/tst_FirstRun >/dev/null
ls -1 docs/screenshots/
