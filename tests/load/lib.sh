# Shared by the load scripts (sourced): builds, starts and stops the Release app, and runs the loader.
# Environment: PORT (5099), DB (sqlite | postgres), PG_CONNECTION (PostgreSQL connection string; with DB=postgres and
# none given a private throw-away server is started with the Debian postgresql binaries, as the tests do).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${PORT:-5099}"
origin="http://127.0.0.1:$port"
db="${DB:-sqlite}"
work="$(mktemp -d)"
app_pid=""
pg_data=""
loader() { dotnet "$root/tests/load/LoadRunner/bin/Release/net10.0/LoadRunner.dll" "$@"; }

cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  if [ -n "$pg_data" ]; then su postgres -s /bin/sh -c "$(pg_bin)/pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build() {
  if [ "${1:-}" != "--no-build" ]; then
    dotnet build -c Release --nologo -v q "$root/src/MbcFhirEdu.Web" >/dev/null
    dotnet build -c Release --nologo -v q "$root/tests/load/LoadRunner" >/dev/null
  fi
  dll="$root/src/MbcFhirEdu.Web/bin/Release/net10.0/MbcFhirEdu.Web.dll"
}

pg_bin() { dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"; }

# Sets db_env (the app's database settings) for DB=sqlite (a fresh file) or DB=postgres.
database() {
  if [ "$db" = sqlite ]; then db_env=("Database__SqlitePath=$work/app.db"); return; fi
  if [ -z "${PG_CONNECTION:-}" ]; then
    local bin pg_port; bin="$(pg_bin)"; [ -x "$bin/initdb" ] || { echo "DB=postgres needs PG_CONNECTION or Debian postgresql" >&2; exit 1; }
    pg_data="$work/pg"; pg_port=$((port + 1000)); mkdir -p "$pg_data" "$work/pgsock"; chown -R postgres "$work" 2>/dev/null || true
    su postgres -s /bin/sh -c "$bin/initdb -D $pg_data -U postgres --auth=trust -E UTF8 --no-locale --no-sync" >/dev/null
    # The server settings PostgreSQL ships with (commits are synced), listening on loopback only.
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $pg_data -l $work/pg.log -w -o '-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1 -c max_connections=200' start" >/dev/null
    PG_CONNECTION="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  fi
  db_env=("Database__Provider=PostgreSQL" "ConnectionStrings__MbcEdu=$PG_CONNECTION" "Database__MigrateOnStartup=true")
}

# start_app [NAME=VALUE ...]: the app in Development (the sandbox EHR hosted in-process); log in $work/app.log.
# Sets started_ns (just before the process starts) and ready_ns (the first 200 from /health/ready).
start_app() {
  database
  started_ns=$(date +%s%N)
  # Population__Schedule__Enabled=false: the scheduled population run (on in Development) must not load the app mid-figure.
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Development Population__Schedule__Enabled=false "${db_env[@]}" "$@" \
    dotnet "$dll" --urls "$origin" >"$work/app.log" 2>&1) &
  app_pid=$!
  # Up to READY_TIMEOUT seconds (180): on a machine this busy, start-up with its warm-up has taken 60 s.
  local until=$(( $(date +%s) + ${READY_TIMEOUT:-180} ))
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -fsS -o /dev/null "$origin/health/ready" 2>/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.05
  done
  ready_ns=$(date +%s%N)
  curl -fsS -o /dev/null "$origin/health/ready" || { echo "the app did not become ready:" >&2; cat "$work/app.log" >&2; exit 1; }
}

# A CDS client key (ES256) and the settings that trust it: JWT verification on, the jti store active.
cds_client() {
  loader keygen "$work" >/dev/null
  cds_issuer="https://ehr.load.test"
  cds_url="$origin/cds-services/mbc-education"
  cds_env=("RateLimits__CdsPermitLimit=1000000" "CdsHooks__RequireAuthentication=true" "CdsHooks__Clients__0__Issuer=$cds_issuer" "CdsHooks__Clients__0__Jwks=$(cat "$work/client-jwks.json")")
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
