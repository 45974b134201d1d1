# shellcheck shell=bash
# Functions to run a throw-away PostgreSQL 15 for the tests (source this file).
# wharf_pg_start [port]: initdb into a temp dir, start on 127.0.0.1, create role/db "wharf"
#                        (with PostGIS where it is installed; the role may CHECKPOINT, which
#                        the benchmarks run between loads);
#                        export WHARF_TEST_PG (a libpq connection string) and PG* variables.
#                        WHARF_PG_DURABLE=1 keeps PostgreSQL's default durability (fsync,
#                        synchronous_commit, full_page_writes on): what the benchmarks measure.
# wharf_pg_stop: stop the server and delete its folder.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
wharf_pg_start() {
  local port="${1:-54339}" last
  # Another server (a developer's, another CI job's) may hold the port: take the next free one.
  last=$((port + 20))
  while "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    if [ "$port" -gt "$last" ]; then echo "no free port for the test PostgreSQL" >&2; return 1; fi
  done
  WHARF_PG_DIR="$(mktemp -d /tmp/wharf-pg.XXXXXX)"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$WHARF_PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$WHARF_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$WHARF_PG_DIR/initdb.log" 2>&1 || { cat "$WHARF_PG_DIR/initdb.log"; return 1; }
  local fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${WHARF_PG_DURABLE:-0}" = 1 ]; then fast=""; fi
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$WHARF_PG_DIR/data" -l "$WHARF_PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $WHARF_PG_DIR -c listen_addresses=127.0.0.1 $fast" \
    start >/dev/null || { cat "$WHARF_PG_DIR/server.log"; return 1; }
  "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE wharf LOGIN PASSWORD 'wharf' CREATEDB" -c "CREATE DATABASE wharf OWNER wharf" \
    -c "GRANT pg_checkpoint TO wharf" >/dev/null || return 1
  # PostGIS for the geometry columns of dlt's postgres_adapter (tests/dlt: postgis_geometry).
  if [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
    "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$port" -U postgres -d wharf -v ON_ERROR_STOP=1 \
      -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null || return 1
  fi
  export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=wharf PGDATABASE=wharf PGPASSWORD=wharf
  export WHARF_TEST_PG="host=127.0.0.1 port=$port dbname=wharf user=wharf password=wharf"
  export WHARF_PG_DIR
}
wharf_pg_stop() {
  [ -n "${WHARF_PG_DIR:-}" ] && [ -d "$WHARF_PG_DIR/data" ] || return 0
  local run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$WHARF_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || kill -9 "$(head -1 "$WHARF_PG_DIR/data/postmaster.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$WHARF_PG_DIR"; WHARF_PG_DIR=
}
