#!/usr/bin/env bash
# One command that runs every test: installs the packages, builds, starts a throw-away
# PostgreSQL unless WHARF_TEST_PG is already set and a throw-away MariaDB unless WHARF_TEST_MYSQL
# is, runs the whole CTest suite, stops the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# shellcheck source=scripts/pg-test-server.sh
source scripts/pg-test-server.sh
# shellcheck source=scripts/mariadb-test-server.sh
source scripts/mariadb-test-server.sh
# Only the servers started here are stopped here (CI starts its PostgreSQL itself).
started=()
stop_servers() { for s in "${started[@]}"; do "$s"; done; }
trap stop_servers EXIT
if [ -z "${WHARF_TEST_PG:-}" ]; then
  wharf_pg_start "${WHARF_TEST_PG_PORT:-54339}"
  started+=(wharf_pg_stop)
fi
if [ -z "${WHARF_TEST_MYSQL:-}" ]; then
  wharf_mariadb_start "${WHARF_TEST_MYSQL_PORT:-33069}"
  started+=(wharf_mariadb_stop)
fi
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/wharf-runtime-$(id -u)}"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
cd build
ctest --output-on-failure --parallel "$(nproc)" "$@"
