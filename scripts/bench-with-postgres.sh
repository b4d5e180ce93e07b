#!/usr/bin/env bash
# Runs `npm run bench` against PGlite and a throwaway local PostgreSQL server (installed from Debian
# if needed). Extra arguments go to the bench command, e.g. `bash scripts/bench-with-postgres.sh --scale 200000`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/temp-postgres.sh
trap stop_temp_pg EXIT
start_temp_pg "${LINKWORK_BENCH_PGPORT:-54339}"
DATABASE_URL="$TEMP_PG_URL" npm run bench -- "$@"
