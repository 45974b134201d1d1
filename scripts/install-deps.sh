#!/usr/bin/env bash
# Installs the Debian 12 packages Wharf needs to build, test and run. Safe to re-run.
set -euo pipefail
PACKAGES=(
  cmake ninja-build g++ pkg-config dpkg-dev file ccache lintian
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libgl-dev
  qtkeychain-qt6-dev libqt6svg6
  libpq-dev libtomlplusplus-dev libsimdjson-dev zlib1g-dev libisal-dev libsqlite3-dev sqlite3
  postgresql-15 postgresql-client-15 postgresql-15-postgis-3
  libmariadb-dev mariadb-server mariadb-client
  xvfb xauth fonts-dejavu-core
  clang libclang-rt-14-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
# --no-upgrade: do not upgrade an already installed PostgreSQL/libpq as a side effect.
$SUDO apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}"
