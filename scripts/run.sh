#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the Wharf window: installs the packages,
# builds, and launches the app (the embedded SQLite default and the bundled sample package are
# preselected, so the first click on Run loads something).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting Wharf under a virtual X server (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1400x900x24" build/app/wharf "$@"
fi
exec build/app/wharf "$@"
