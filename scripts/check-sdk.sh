#!/usr/bin/env bash
# Checks that a destination plugin builds outside the Wharf tree from the installed SDK alone:
# installs the build (default ./build) into a temporary prefix, configures and builds
# destinations/template/ (the starting point of a new destination) against it with
# find_package(Wharf), and asks the installed wharf to list the plugin. Then builds
# destinations/mysql/ alone the same way, with its tests bound to the installed conformance kit,
# and runs them against the MariaDB of WHARF_TEST_MYSQL (required under CI=true).
# Usage: scripts/check-sdk.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
work="$(mktemp -d /tmp/wharf-sdk.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S destinations/template -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/consumer" >/dev/null
listed="$(HOME="$work" WHARF_PLUGIN_PATH="$work/consumer" "$work/prefix/bin/wharf" destinations --json)"
if ! grep -q '"type": "template"' <<<"$listed"; then
  echo "the plugin built against the installed SDK was not loaded:" >&2
  echo "$listed" >&2
  exit 1
fi
# The MySQL destination, a plugin of the tree, builds from its folder alone too; built first in
# WHARF_PLUGIN_PATH, it provides the type in place of the installed copy (reported as skipped).
cmake -S destinations/mysql -B "$work/mysql" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/mysql" >/dev/null
listed="$(HOME="$work" WHARF_PLUGIN_PATH="$work/mysql" "$work/prefix/bin/wharf" destinations --json)"
if ! grep -q "\"origin\": \"$work/mysql/libwharf_dest_mysql.so\"" <<<"$listed"; then
  echo "the mysql plugin built from its folder alone was not loaded:" >&2
  echo "$listed" >&2
  exit 1
fi
# Its own tests, built against the installed kit, on the plugin built here: the same suites the
# tree runs (conformance/mysql) and its comparison with dlt.
if [ -n "${WHARF_TEST_MYSQL:-}" ]; then
  ctest --test-dir "$work/mysql" --output-on-failure
  echo "SDK check passed: the template and the mysql destination build against the installed SDK alone, load," \
    "and the mysql plugin passes its tests built against the installed conformance kit"
elif [ "${CI:-}" = "true" ]; then
  echo "WHARF_TEST_MYSQL is not set: the out-of-tree conformance run needs a MariaDB under CI" >&2
  exit 1
else
  echo "SDK check passed: the template and the mysql destination build against the installed SDK alone and load" \
    "(set WHARF_TEST_MYSQL to run the mysql plugin's tests against the installed conformance kit)"
fi
