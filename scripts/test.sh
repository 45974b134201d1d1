#!/usr/bin/env bash
# One command that runs every test: installs the packages, builds, starts a throw-away
# PostgreSQL unless WHARF_TEST_PG is already set, runs the whole CTest suite, stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# shellcheck source=scripts/pg-test-server.sh
source scripts/pg-test-server.sh
if [ -z "${WHARF_TEST_PG:-}" ]; then
  trap wharf_pg_stop EXIT
  wharf_pg_start "${WHARF_TEST_PG_PORT:-54339}"
fi
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/wharf-runtime-$(id -u)}"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
cd build
ctest --output-on-failure --parallel "$(nproc)" "$@"
