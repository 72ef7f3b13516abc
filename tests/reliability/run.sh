#!/usr/bin/env bash
# Reliability run (issue 15 item 10; not part of CI): two replicas of the web app (Release build, Production settings)
# on one private PostgreSQL cluster, behind a loopback round-robin proxy, with the standalone sandbox EHR behind a
# fault-injecting proxy. One bounded run of mixed load with three faults: a replica killed with SIGKILL mid-send and
# restarted, PostgreSQL restarted, the EHR failing 30 % of requests for 2 minutes. Prints requests by status,
# deliveries requested vs Communications created (exactly once), RSS and open handles per replica at start and end,
# and the errors in the logs. Exits 1 when exactly-once fails. See docs/reliability.md.
#
#   tests/reliability/run.sh [--minutes 20] [--workers 6] [--no-build] [--set Key:Sub=value ...]
#
# --set passes a setting to both replicas (e.g. --set RateLimits:ApiPermitLimit=100000); repeat it as needed.
set -euo pipefail

minutes=20
workers=6
build=true
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --set) extra+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 2 ] || { echo "--minutes must be a whole number >= 2" >&2; exit 2; }

# Config-file watchers poll instead of taking inotify instances (a shared build machine runs out of them: 128 per user).
export DOTNET_USE_POLLING_FILE_WATCHER=true
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/tests/reliability"
out="${RELIABILITY_OUT:-/tmp/mbcedu-reliability-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
work="$(mktemp -d /tmp/mbcedu-reliab.XXXXXX)"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }

# Node >= 20: the system's, or the private Node 22 tests/run-tests.sh installs.
private_node="$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/mbcfhiredu/node-*/node_modules/node-linux-*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -n "$private_node" ] && export PATH="$private_node:$PATH"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { echo "Node 20 or newer is needed (tests/run-tests.sh installs one)" >&2; exit 1; }

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries are needed (Debian package postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pg_port=$(free_port); sandbox_port=$(free_port); ehr_port=$(free_port); lb_port=$(free_port); port_a=$(free_port); port_b=$(free_port)
lb="http://127.0.0.1:$lb_port"
ehr="http://127.0.0.1:$ehr_port"
issuer="$ehr/sandbox/fhir"

declare -A pids=()
cleanup() {
  set +e
  for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null; done
  [ -d "$work/pg/data" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w -t 20 stop >/dev/null 2>&1
  cp "$work"/*.log "$out/" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if $build; then
  log "building the web app and the sandbox (Release)"
  dotnet build "$repo/src/MbcFhirEdu.Web" -c Release -v q --nologo >"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
  dotnet build "$repo/src/MbcFhirEdu.Sandbox" -c Release -v q --nologo >>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
fi
web_dll="$repo/src/MbcFhirEdu.Web/bin/Release/net10.0/MbcFhirEdu.Web.dll"
sandbox_dll="$repo/src/MbcFhirEdu.Sandbox/bin/Release/net10.0/MbcFhirEdu.Sandbox.dll"

# --- PostgreSQL: a private cluster on a loopback port (as tests/Shared/PostgresCluster.cs starts one) ---
mkdir -p "$work/pg/sock"
pg_password="$(openssl rand -hex 16)"
echo "$pg_password" >"$work/pg/pwfile"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work/pg" && chmod 755 "$work"
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --pwfile "$work/pg/pwfile" --auth-host=scram-sha-256 --auth-local=scram-sha-256 \
  -E UTF8 --no-locale --no-sync >"$work/postgres-initdb.log" 2>&1
pg_options="-p $pg_port -k $work/pg/sock -c listen_addresses=127.0.0.1 -c max_connections=300"
pg_start() { as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 -o "$pg_options" start >/dev/null; }
pg_start
export PGPASSWORD="$pg_password"
psql_q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d mbcedu -At "$@"; }
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE mbcedu" >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Database=mbcedu;Username=postgres;Password=$pg_password"
log "PostgreSQL on 127.0.0.1:$pg_port"

# --- the EHR: the standalone sandbox behind the fault proxy; the app's Backend Services key registered by JWKS URL ---
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/backend.pem" 2>/dev/null
# The Data Protection key ring's certificate (required outside Development once issue 15 item 2 is in).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mbcedu-reliability" \
  -keyout "$work/keyring.key" -out "$work/keyring.crt" 2>/dev/null
wait_ready() { # url seconds
  for _ in $(seq 1 "$(( $2 * 2 ))"); do curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0; sleep 0.5; done
  return 1
}
(
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
  export Sandbox__EnableFaultInjection=true Sandbox__SigningKeyFile="$work/sandbox-signing.pem"
  export Sandbox__DefaultAppLaunchUrl="$lb/launch"
  # The API's Entra-shaped tenant: the API's registration and the load's API client (app roles by client_credentials).
  export Sandbox__Entra__TenantId=reliab-tenant Sandbox__Entra__SigningKeyFile="$work/entra-signing.pem"
  export Sandbox__Entra__Apps__api__ClientId=mbcfhiredu-api-reliab Sandbox__Entra__Apps__api__AppIdUri=api://mbcfhiredu-reliab
  export Sandbox__Entra__Apps__api__AppRoles__0=Education.Read Sandbox__Entra__Apps__api__AppRoles__1=Education.Send
  export Sandbox__Entra__Apps__load__ClientId=care-mgmt-reliab Sandbox__Entra__Apps__load__ClientSecret=reliab-only-secret-0123456789
  export Sandbox__Entra__Apps__load__AssignedRoles__0=Education.Send Sandbox__Entra__Apps__load__AssignedRoles__1=Education.Read
  # The app's public client, with the coordinator's launch URL and the load's own token redirect (127.0.0.1:9).
  export Sandbox__Clients__dev__ClientId=mbcedu-dev Sandbox__Clients__dev__Type=Public
  export Sandbox__Clients__dev__RedirectUris__0="$lb/callback" Sandbox__Clients__dev__RedirectUris__1='http://127.0.0.1:*/callback'
  export Sandbox__Clients__dev__LaunchUris__0="$lb/launch" Sandbox__Clients__dev__LaunchUris__1="$lb/launch/coordinator"
  export Sandbox__Clients__dev__Scopes__0='openid fhirUser profile launch launch/patient offline_access online_access patient/*.cruds user/*.cruds'
  export Sandbox__Clients__backend__ClientId=mbcedu-backend-reliab Sandbox__Clients__backend__Type=ConfidentialAsymmetric
  export Sandbox__Clients__backend__JwksUrl="$lb/.well-known/jwks.json"
  for i in 0 1 2 3 4; do
    scope=(system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Communication.c)
    export "Sandbox__Clients__backend__Scopes__$i=${scope[$i]}"
  done
  exec dotnet "$sandbox_dll" --urls "http://127.0.0.1:$sandbox_port" >"$work/sandbox.log" 2>&1
) &
pids[sandbox]=$!
node "$here/proxy.mjs" --listen "127.0.0.1:$ehr_port" --to "127.0.0.1:$sandbox_port" --name ehr >"$work/proxy-ehr.log" 2>&1 &
pids[ehr_proxy]=$!
wait_ready "$issuer/metadata" 120 || { echo "the sandbox did not start"; tail -50 "$work/sandbox.log"; exit 1; }
log "sandbox EHR on 127.0.0.1:$sandbox_port, behind the fault proxy at $ehr"

# --- the app: Production settings; anything passed with --set goes last and wins ---
app_env=(
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
  Web__PublicBaseUrl="$lb"
  Database__Provider=PostgreSQL ConnectionStrings__MbcEdu="$connection" Database__MigrateOnStartup=false
  Sandbox__Enabled=false
  Smart__ClientId=mbcedu-dev Smart__AllowedIssuers__0="$issuer" Smart__Scopes__0=online_access Smart__Scopes__1=user/Communication.c
  # The API on Microsoft.Identity.Web against the sandbox's Entra-shaped tenant over http on loopback: the metadata may be
  # read over http there, and the issuer is configured (Identity.Web's issuer validator reads metadata over https only).
  Entra__Api__Instance="$ehr/sandbox/entra/" Entra__Api__TenantId=reliab-tenant Entra__Api__ClientId=mbcfhiredu-api-reliab
  Entra__Api__RequireHttpsMetadata=false Entra__Api__TokenValidationParameters__ValidIssuer="$ehr/sandbox/entra/reliab-tenant/v2.0"
  Api__FhirBase="$issuer"
  # The load's API client acts for this practitioner (issue 15 item 6: any other sender is 403).
  Api__Clients__0__ClientId=care-mgmt-reliab Api__Clients__0__Senders__0=Practitioner/onc-halloway
  BackendServices__ClientId=mbcedu-backend-reliab BackendServices__KeyId=reliab-1 BackendServices__PrivateKey="$work/backend.pem"
  DataProtection__CertificatePath="$work/keyring.crt" DataProtection__KeyPath="$work/keyring.key"
  # The load's CDS client sends no JWT (the CDS client-key set-up is not what this run tests).
  CdsHooks__RequireAuthentication=false
  # Bounds the wait for the outbox to drain after the run (the default backoff grows to 30 minutes).
  Deliveries__RetryMaxDelay=00:00:30
)
for setting in "${extra[@]}"; do app_env+=("$(echo "${setting%%=*}" | sed 's/:/__/g')=${setting#*=}"); done

(cd "$work" && env "${app_env[@]}" dotnet "$web_dll" --migrate >"$work/migrate.log" 2>&1) || { echo "--migrate failed"; cat "$work/migrate.log"; exit 1; }
start_replica() { # name port
  (cd "$work" && exec env "${app_env[@]}" dotnet "$web_dll" --urls "http://127.0.0.1:$2" >>"$work/replica-$1.log" 2>&1) &
  pids[$1]=$!
  echo "${pids[$1]}" >"$work/pid-$1"
  wait_ready "http://127.0.0.1:$2/health/ready" 120 || { echo "replica $1 did not start"; tail -50 "$work/replica-$1.log"; exit 1; }
}
start_replica a "$port_a"
start_replica b "$port_b"
node "$here/proxy.mjs" --listen "127.0.0.1:$lb_port" --to "127.0.0.1:$port_a,127.0.0.1:$port_b" --name lb >"$work/proxy-lb.log" 2>&1 &
pids[lb]=$!
wait_ready "$lb/health/live" 30
log "replicas a (127.0.0.1:$port_a, pid ${pids[a]}) and b (127.0.0.1:$port_b, pid ${pids[b]}) behind $lb"

resources() { # name -> "rss_mb fds"
  local pid="${pids[$1]}"
  if [ -r "/proc/$pid/status" ]; then
    echo "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status") $(ls "/proc/$pid/fd" | wc -l)"
  else echo "- -"; fi
}
declare -A at_start=()
for r in a b; do at_start[$r]="$(resources $r) ${pids[$r]}"; done

# RSS (MB) and open fds of each replica every 30 s, to see whether they level off or keep growing.
(
  echo "time,a_rss_mb,a_fds,b_rss_mb,b_fds" >"$out/resources.csv"
  while sleep 30; do
    row="$(date -u +%H:%M:%S)"
    for r in a b; do
      pid="$(cat "$work/pid-$r" 2>/dev/null)"
      if [ -r "/proc/$pid/status" ]; then row+=",$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status"),$(ls "/proc/$pid/fd" | wc -l)"; else row+=",-,-"; fi
    done
    echo "$row" >>"$out/resources.csv"
  done
) &
pids[sampler]=$!

# --- the faults, on a timeline inside the run ---
seconds=$(( minutes * 60 ))
worker_owner() { grep -oE 'Outbox worker [^ {]+ started' "$work/replica-$1.log" | tail -1 | awk '{print $3}'; }
kill_mid_send() {
  local owner; owner="$(worker_owner a)"
  # Hold every Communication write at the EHR so a send of replica a is in flight, then kill a while it holds the lease.
  curl -fsS -X POST -H 'content-type: application/json' -d '{"latencyMs":20000,"target":"communication"}' \
    "http://127.0.0.1:$sandbox_port/sandbox/_sandbox/faults" >/dev/null
  local in_flight=0 until=$(( $(date +%s) + 60 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    in_flight="$(psql_q -c "SELECT count(*) FROM deliveries WHERE status = 1 AND lease_owner = '$owner'" 2>/dev/null || echo 0)"
    [ "${in_flight:-0}" -gt 0 ] && break
    sleep 0.5
  done
  local old="${pids[a]}"
  kill -KILL "$old"
  log "FAULT: replica a (pid $old) killed with SIGKILL; deliveries it was sending: $in_flight"
  sleep 3
  curl -fsS -X DELETE "http://127.0.0.1:$sandbox_port/sandbox/_sandbox/faults" >/dev/null
  sleep 5
  start_replica a "$port_a"
  log "replica a restarted (pid ${pids[a]})"
}
restart_postgres() {
  log "FAULT: PostgreSQL stopped"
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w -t 60 stop >/dev/null
  sleep 5
  pg_start
  log "PostgreSQL started again"
}
ehr_faults() { # seconds
  curl -fsS -X POST "$ehr/_reliab/faults?rate=0.3" >/dev/null
  log "FAULT: the EHR fails 30 % of requests for $1 s"
  sleep "$1"
  curl -fsS -X POST "$ehr/_reliab/faults?rate=0" >/dev/null
  log "the EHR answers normally again"
}
fault_window=$(( seconds / 5 < 120 ? seconds / 5 : 120 ))

log "load: $workers workers for $minutes minutes"
node "$here/load.mjs" load --lb "$lb" --ehr "$ehr" --minutes "$minutes" --workers "$workers" --out "$out/results.json" >"$out/load.txt" 2>&1 &
load_pid=$!
started=$(date +%s)
at() { local wait=$(( started + $1 - $(date +%s) )); [ "$wait" -gt 0 ] && sleep "$wait"; return 0; }
at $(( seconds * 20 / 100 )); kill_mid_send
at $(( seconds * 45 / 100 )); restart_postgres
at $(( seconds * 60 / 100 )); ehr_faults "$fault_window"
wait "$load_pid" || { log "the load generator failed"; cat "$out/load.txt"; }
log "load finished"

declare -A at_end=()
for r in a b; do at_end[$r]="$(resources $r) ${pids[$r]}"; done
crashed=""
for r in a b; do kill -0 "${pids[$r]}" 2>/dev/null || crashed+=" $r"; done

# --- the outbox drains, then every delivery must have exactly one Communication ---
for _ in $(seq 1 360); do
  open="$(psql_q -c "SELECT count(*) FROM deliveries WHERE status IN (0, 1)" 2>/dev/null || echo '?')"
  [ "$open" = 0 ] && break
  sleep 1
done
log "outbox drained (deliveries still open: $open)"
psql_q -F $'\t' -c "SELECT id, status, idempotency_key FROM deliveries" >"$out/deliveries.tsv"

echo
echo "=== Requests by status (kind: status count) ==="
node -e '
  const r = require(process.argv[1]);
  for (const [kind, byStatus] of Object.entries(r.requests).sort())
    console.log(`${kind.padEnd(20)} ` + Object.entries(byStatus).sort().map(([s, n]) => `${s}: ${n}`).join(", "));
' "$out/results.json"
echo "ehr proxy: $(curl -fsS "$ehr/_reliab/stats")"
echo "lb proxy:  $(curl -fsS "$lb/_reliab/stats")"
echo
echo "=== Exactly once ==="
set +e
node "$here/load.mjs" verify --ehr "$ehr" --results "$out/results.json" --db "$out/deliveries.tsv"
verdict=$?
set -e
echo
echo "=== Replicas (RSS MB, open fds, pid): at start -> at end ==="
for r in a b; do echo "replica $r: ${at_start[$r]} -> ${at_end[$r]}"; done
[ -n "$crashed" ] && echo "NOT RUNNING at the end:$crashed"
echo "(replica a was killed and restarted: its end figures are the new process's)"
echo
echo "=== Errors in the logs ==="
# The replicas log JSON (one object per line); the sandbox logs text ("fail:" / "crit:" lines).
for r in a b; do
  f="$work/replica-$r.log"
  echo "replica-$r.log: $(grep -cE '"LogLevel":"(Error|Critical)"' "$f" || true) error lines, $(grep -cE '"LogLevel":"Warning"' "$f" || true) warnings; errors by category and message:"
  jq -rR 'fromjson? | select(.LogLevel == "Error" or .LogLevel == "Critical") | "\(.Category): \(.Message | .[0:110] | gsub("[0-9]+"; "N"))"' "$f" \
    | sort | uniq -c | sort -rn | head -10
done
echo "sandbox.log: $(grep -cE '^(fail|crit):' "$work/sandbox.log" || true) error lines"
echo
echo "timeline: $out/timeline.txt; logs: $out"
exit "$verdict"
