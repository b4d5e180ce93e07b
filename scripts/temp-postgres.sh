# Sourced by .ci/run and scripts/bench-with-postgres.sh: a throwaway PostgreSQL cluster on 127.0.0.1.
#   start_temp_pg [port]   installs PostgreSQL from Debian if pg_ctl is absent, runs initdb in a temp dir,
#                          starts the server, and exports TEMP_PG_URL (trust auth, user postgres)
#   stop_temp_pg           stops it by its pid and removes the directory (safe to call twice)
# Runs initdb and pg_ctl as the postgres user; -k keeps the socket in the temp dir.

find_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_temp_pg() {
  local port=${1:-54329}
  PG_BIN=$(find_pg_bin)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "== apt-get install postgresql"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  fi
  TEMP_PG_DIR=$(mktemp -d)
  chown postgres "$TEMP_PG_DIR"
  su postgres -c "$PG_BIN/initdb -D $TEMP_PG_DIR/data -U postgres --auth=trust -E UTF8 --no-locale" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $TEMP_PG_DIR/data -l $TEMP_PG_DIR/data/server.log -o '-c listen_addresses=127.0.0.1 -p $port -k $TEMP_PG_DIR/data' -w start" >/dev/null
  TEMP_PG_PID=$(head -n 1 "$TEMP_PG_DIR/data/postmaster.pid")
  export TEMP_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (pid $TEMP_PG_PID)"
}

stop_temp_pg() {
  if [ -n "${TEMP_PG_DIR:-}" ] && [ -d "$TEMP_PG_DIR" ]; then
    if [ -f "$TEMP_PG_DIR/data/postmaster.pid" ]; then
      su postgres -c "$PG_BIN/pg_ctl -D $TEMP_PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || kill "${TEMP_PG_PID:-0}" 2>/dev/null || true
    fi
    rm -rf "$TEMP_PG_DIR"
  fi
}
