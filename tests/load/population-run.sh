#!/usr/bin/env bash
# Issue 18 item 6 (and issue 16 item 5's population figure): a generated sandbox cohort of PATIENTS x about RESOURCES
# resources goes from Bulk Data $export to the worklist, end to end, and the run's process is measured.
# Two Release processes: the EHR (the web app in Development with its sandbox serving Group/mbc-cohort), and the runner
# (the web app's scheduled run, the same PopulationRunner as `mbcedu population run`, on DB=sqlite|postgres, its own
# sandbox off). The runner's CPU time (utime + stime from /proc/PID/stat) is read when the run opens and when it ends;
# its peak RSS is VmHWM from /proc/PID/status (the web host's own footprint included). Prints patients per minute per
# CPU-second-core, resources per second, peak RSS and the RSS the idle runner had before the run.
# Usage: tests/load/population-run.sh [patients=1000] [resourcesPerPatient=200] [--no-build]
# Environment: see lib.sh (PORT, DB, PG_CONNECTION); RUNNER=cli|web; PERF_OUT=FILE (cli: perf profile, below). Targets: >= 5,000 patients/min/core; peak RSS < 400 MB at 1,000 and
# at 5,000 patients, not growing with the cohort. Not a CI test: run it by hand (minutes at 5,000 patients).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patients="${1:-1000}"; per_patient="${2:-200}"
build "${3:-}"
runner="${RUNNER:-cli}"
cli_dll="$root/src/MbcFhirEdu.Cli/bin/Release/net10.0/mbcedu.dll"
if [ "$runner" = cli ] && [ "${3:-}" != "--no-build" ]; then dotnet build -c Release --nologo -v q "$root/src/MbcFhirEdu.Cli" >/dev/null; fi
ehr_port=$((port + 2)); ehr="http://127.0.0.1:$ehr_port"; ehr_fhir="$ehr/sandbox/fhir"
ehr_pid=""
stop_ehr() { [ -n "$ehr_pid" ] && kill "$ehr_pid" 2>/dev/null && wait "$ehr_pid" 2>/dev/null; cleanup; }
trap stop_ehr EXIT

# RUNNER=cli (default): `mbcedu population run` as its own process, measured whole (start-up included) by GNU time:
# its RSS is the run's own. Its Backend Services key is made here; the EHR's client "load" holds the public half.
openssl genrsa -out "$work/backend.pem" 2048 2>/dev/null
load_jwks="$(openssl rsa -in "$work/backend.pem" -noout -modulus 2>/dev/null | python3 -c '
import base64, sys
n = bytes.fromhex(sys.stdin.read().strip().split("=", 1)[1])
b = lambda v: base64.urlsafe_b64encode(v).rstrip(b"=").decode()
print("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"load-1\",\"use\":\"sig\",\"alg\":\"RS384\",\"n\":\"%s\",\"e\":\"AQAB\"}]}" % b(n))')"

# The EHR: the sandbox's generated cohort; its backend clients are the web runner's (its JWKS under the runner's origin)
# and the CLI runner's ("load").
(cd "$(dirname "$dll")" && exec env Sandbox__Clients__load__ClientId=mbcedu-load Sandbox__Clients__load__Type=ConfidentialAsymmetric \
  Sandbox__Clients__load__Jwks="$load_jwks" Sandbox__Clients__load__Scopes__0='system/*.rs' \
  ASPNETCORE_ENVIRONMENT=Development Population__Schedule__Enabled=false \
  Database__SqlitePath="$work/ehr.db" Sandbox__Cohort__Size="$patients" Sandbox__Cohort__ResourcesPerPatient="$per_patient" \
  Sandbox__Bulk__JobSeconds=0 Sandbox__Bulk__ResourcesPerFile=20000 Sandbox__Bulk__JobLifetimeMinutes=600 \
  Sandbox__Clients__backend__JwksUrl="$origin/.well-known/jwks.json" Sandbox__Clients__backend__Scopes__5=system/Group.rs \
  Logging__LogLevel__Default=Warning dotnet "$dll" --urls "$ehr" >"$work/ehr.log" 2>&1) &
ehr_pid=$!
for _ in $(seq 1 1200); do curl -fsS -o /dev/null "$ehr/health/ready" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$ehr/health/ready" || { echo "the EHR did not become ready:" >&2; tail -20 "$work/ehr.log" >&2; exit 1; }

# cli_run LABEL DBFILE [ARGS...]: one `mbcedu population run` against the EHR, measured whole; prints its row.
cli_run() {
  local label="$1" dbfile="$2"; shift 2
  local cli_db=("--sqlite" "$dbfile")
  [ "$db" = postgres ] && cli_db=("--database" "$PG_CONNECTION" "--migrate")
  # PERF_OUT=FILE: `perf record -F 499 -g` of the runner over its whole run, with DOTNET_PerfMapEnabled=1 (perf maps in
  # /tmp/perf-PID.map) and W^X off (else JIT-compiled code runs from a double mapping the map does not name); read it
  # with `perf report -i FILE --no-children --sort symbol`. CLI_ENV="K=V ...": more environment for the runner.
  local extra_env=(); [ -n "${PERF_OUT:-}" ] && extra_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
  local run_env="CLI_ENV_${run_index:-1}"; read -r -a more <<<"${!run_env:-${CLI_ENV:-}}"; extra_env+=("${more[@]}")
  /usr/bin/time -f "%U %S %e %M" -o "$work/time.txt" env "${extra_env[@]}" BackendServices__ClientId=mbcedu-load BackendServices__KeyId=load-1 \
    BackendServices__PrivateKey="$(cat "$work/backend.pem")" BulkData__PollInterval=00:00:00.200 Population__PollInterval=00:00:00.200 \
    Logging__LogLevel__Default=Warning dotnet "$cli_dll" population run --fhir "$ehr_fhir" --group mbc-cohort "${cli_db[@]}" "$@" >"$work/cli.out" 2>&1 &
  local time_pid=$! perf_pid="" trace_pid="" cli_pid=""
  if [ -n "${PERF_OUT:-}" ]; then
    for _ in $(seq 1 100); do cli_pid="$(pgrep -P "$time_pid" | head -1)"; [ -n "$cli_pid" ] && break; sleep 0.05; done
    perf record -F 499 -g -o "$PERF_OUT" -p "$cli_pid" >"$work/perf.log" 2>&1 &
    perf_pid=$!
  fi
  # TRACE_OUT=FILE: a CPU-sampling profile (perf_events; root) of the runner's TRACE_SECONDS (120) from 10 s after its start.
  if [ -n "${TRACE_OUT:-}" ]; then
    sleep 10
    (cd "$root" && exec dotnet dotnet-trace collect-linux -p "$(pgrep -P "$time_pid" | head -1)" --profile cpu-sampling \
      --duration "$(date -u -d "@${TRACE_SECONDS:-120}" +00:%H:%M:%S)" -o "$TRACE_OUT" >"$work/trace.log" 2>&1) &
    trace_pid=$!
  fi
  wait "$time_pid" || { echo "the run failed:" >&2; tail -30 "$work/cli.out" >&2; exit 1; }
  if [ -n "$trace_pid" ]; then wait "$trace_pid" || true; tail -2 "$work/trace.log" >&2; fi
  if [ -n "$perf_pid" ]; then wait "$perf_pid" || true; tail -2 "$work/perf.log" >&2; fi
  grep -v "^info:\|^warn:\|^      " "$work/cli.out" | head -14
  local user sys wall maxkb
  read -r user sys wall maxkb <"$work/time.txt"
  awk -v l="$label" -v p="$patients" -v u="$user" -v s="$sys" -v wall="$wall" -v kb="$maxkb" -v la="$(load_average)" 'BEGIN { cpu = u + s
    printf "| %s | %s patients | CPU %.1f s | wall %.1f s | **%.0f patients/min per core** | peak RSS (max RSS) **%.0f MB** | load %s |\n", l, p, cpu, wall, p / (cpu / 60), kb * 1024 / 1e6, la }'
}

# RUNS=N (1): N first runs against the same EHR, each on a new SQLite file (PostgreSQL: one database, so runs after the
# first are re-runs). RERUN=1: then the same export again on the last run's database (`--full`: every file re-exported).
if [ "$runner" = cli ]; then
  database
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC; load average $(load_average); $(nproc) cores; DB=$db; cohort $patients x ~$per_patient resources; runner: mbcedu population run (CLI)"
  # CLI_ENV_i="K=V ..." (instead of CLI_ENV) for run i alone: e.g. runtime settings compared on one EHR and cohort.
  for run_index in $(seq 1 "${RUNS:-1}"); do label="CLI_ENV_$run_index"; cli_run "first run $run_index ${!label:-${CLI_ENV:-}}" "$work/app-$run_index.db"; done
  if [ "${RERUN:-0}" = 1 ]; then cli_run "re-run (--full)" "$work/app-${RUNS:-1}.db" --full; fi
  exit 0
fi

# RUNNER=web: the scheduled run once, INITIAL_DELAY (30 s) after start (its warm-up ends before it listens, and the EHR must reach its JWKS).
start_app Sandbox__Enabled=false Smart__AllowedIssuers__0="$ehr_fhir" Population__Schedule__Enabled=true \
  Population__Schedule__FhirBase="$ehr_fhir" Population__Schedule__GroupId=mbc-cohort Population__Schedule__InitialDelay=${INITIAL_DELAY:-00:00:30} \
  Population__Schedule__Interval=7.00:00:00 BulkData__PollInterval=00:00:00.200 Population__PollInterval=00:00:00.200

ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
status_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$app_pid/status"; }
hz=$(getconf CLK_TCK)
for _ in $(seq 1 6000); do grep -q "opened in state" "$work/app.log" && break; sleep 0.1; done
grep -q "opened in state" "$work/app.log" || { echo "the run did not start:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
cpu0=$(ticks); rss0=$(status_kb VmRSS); t0=$(date +%s%N)
# TRACE_OUT=FILE: a CPU-sampling profile of the runner's first TRACE_SECONDS (120) after the manifest (perf_events; root;
# started then because the profiler's own start-up, beside the kick-off's first token request, can time that out).
trace_pid=""
if [ -n "${TRACE_OUT:-}" ]; then
  for _ in $(seq 1 6000); do grep -q "manifest with" "$work/app.log" && break; sleep 0.1; done
  (cd "$root" && exec dotnet dotnet-trace collect-linux -p "$app_pid" --profile cpu-sampling --duration "$(date -u -d "@${TRACE_SECONDS:-120}" +00:%H:%M:%S)" -o "$TRACE_OUT" >"$work/trace.log" 2>&1) &
  trace_pid=$!
fi
for _ in $(seq 1 72000); do grep -q "Scheduled population run .*: \(completed\|failed\|in-progress\)" "$work/app.log" && break; sleep 0.1; done
cpu1=$(ticks); hwm=$(status_kb VmHWM); t1=$(date +%s%N)
if [ -n "$trace_pid" ]; then wait "$trace_pid" 2>/dev/null || true; tail -3 "$work/trace.log" >&2; fi
line="$(grep -o "Scheduled population run .*: \(completed\|failed\|in-progress\).*" "$work/app.log" | head -1)"
[ -n "$line" ] || { echo "the run did not finish:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
case "$line" in *": completed"*) ;; *) grep -i "fail\|error\|warn" "$work/app.log" | tail -10 >&2 ;; esac
echo "$(date -u '+%Y-%m-%d %H:%M') UTC; load average $(load_average); $(nproc) cores; DB=$db; cohort $patients x ~$per_patient resources"
echo "runner: $line"
awk -v p="$patients" -v c0="$cpu0" -v c1="$cpu1" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v hwm="$hwm" -v rss0="$rss0" -v line="$line" 'BEGIN {
  cpu = (c1 - c0) / hz; wall = (t1 - t0) / 1e9
  printf "| %s patients | CPU %.1f s | wall %.1f s | **%.0f patients/min per core** | peak RSS (VmHWM) **%.0f MB** | RSS before the run %.0f MB |\n", p, cpu, wall, p / (cpu / 60), hwm * 1024 / 1e6, rss0 * 1024 / 1e6 }'
