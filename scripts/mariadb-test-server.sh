# shellcheck shell=bash
# Functions to run a throw-away MariaDB for the tests (source this file), as
# scripts/pg-test-server.sh does for PostgreSQL.
# wharf_mariadb_start [port]: install a data folder into a temp dir, start mariadbd on 127.0.0.1
#                             (LOAD DATA LOCAL allowed), create user "wharf" (password "wharf")
#                             with every privilege, export WHARF_TEST_MYSQL (a mysql:// URL).
# wharf_mariadb_restart: shut the running server down cleanly and start it again on the same
#                        folder and port (the crash harness's server-restart trial).
# wharf_mariadb_stop: stop the server and delete its folder.
wharf_mariadb_start() {
  local port="${1:-33069}" last user=() i
  last=$((port + 20))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    if [ "$port" -gt "$last" ]; then echo "no free port for the test MariaDB" >&2; return 1; fi
  done
  WHARF_MARIADB_DIR="$(mktemp -d /tmp/wharf-mariadb.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown mysql:mysql "$WHARF_MARIADB_DIR"; user=(--user=mysql); fi
  mariadb-install-db --no-defaults --datadir="$WHARF_MARIADB_DIR/data" --skip-test-db "${user[@]}" \
    --auth-root-authentication-method=socket >"$WHARF_MARIADB_DIR/install.log" 2>&1 \
    || { cat "$WHARF_MARIADB_DIR/install.log"; return 1; }
  echo "$port" >"$WHARF_MARIADB_DIR/port"
  _wharf_mariadb_launch || return 1
  mariadb --no-defaults --socket="$WHARF_MARIADB_DIR/sock" -uroot -e \
    "CREATE USER 'wharf'@'%' IDENTIFIED BY 'wharf'; GRANT ALL PRIVILEGES ON *.* TO 'wharf'@'%'; CREATE DATABASE wharf;" \
    || { cat "$WHARF_MARIADB_DIR/server.log"; return 1; }
  export WHARF_TEST_MYSQL="mysql://wharf:wharf@127.0.0.1:$port/wharf"
  export WHARF_MARIADB_DIR
}
# Starts mariadbd on $WHARF_MARIADB_DIR (its data folder and port file) and waits until it answers.
_wharf_mariadb_launch() {
  local user=() i
  if [ "$(id -u)" -eq 0 ]; then user=(--user=mysql); fi
  mariadbd --no-defaults --datadir="$WHARF_MARIADB_DIR/data" --socket="$WHARF_MARIADB_DIR/sock" \
    --pid-file="$WHARF_MARIADB_DIR/pid" --port="$(cat "$WHARF_MARIADB_DIR/port")" --bind-address=127.0.0.1 \
    "${user[@]}" --skip-log-bin --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --local-infile=1 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    >>"$WHARF_MARIADB_DIR/server.log" 2>&1 &
  for i in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$WHARF_MARIADB_DIR/sock" -uroot ping >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  cat "$WHARF_MARIADB_DIR/server.log"; return 1
}
wharf_mariadb_restart() {
  [ -n "${WHARF_MARIADB_DIR:-}" ] && [ -f "$WHARF_MARIADB_DIR/port" ] || { echo "no test MariaDB to restart" >&2; return 1; }
  # mariadb-admin shutdown returns once the server has stopped.
  mariadb-admin --no-defaults --socket="$WHARF_MARIADB_DIR/sock" -uroot shutdown || return 1
  _wharf_mariadb_launch
}
wharf_mariadb_stop() {
  [ -n "${WHARF_MARIADB_DIR:-}" ] && [ -d "$WHARF_MARIADB_DIR" ] || return 0
  mariadb-admin --no-defaults --socket="$WHARF_MARIADB_DIR/sock" -uroot shutdown >/dev/null 2>&1 \
    || kill "$(cat "$WHARF_MARIADB_DIR/pid" 2>/dev/null)" 2>/dev/null || true
  sleep 1
  rm -rf "$WHARF_MARIADB_DIR"; WHARF_MARIADB_DIR=
}
