#!/usr/bin/env bash
# The recommendation page (/app, warm session, sandbox EHR hosted in the same process) next to /health/live of the same
# app, measured with the same loader (tests/load/LoadRunner) on loopback in one run of the app; RUNS runs; prints
# throughput, p50, p99, the ratio per run and the medians. RECORD_CACHE_SECONDS=0 measures the uncached page (every
# view reads the record from the EHR; issue 16 target: ratio >= 2 %, p99 <= 100 ms); the default 60 the cached one.
# Usage: tests/load/recommendation-page-load.sh [--no-build]
# Environment: see lib.sh (PORT, DB=sqlite|postgres, PG_CONNECTION); PATIENT (de-novo-bone-pik3ca), DURATION (20),
# WARMUP (10), CONNECTIONS (16), RUNS (3), RECORD_CACHE_SECONDS (the app's Web:RecordCacheSeconds, default 60).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patient="${PATIENT:-de-novo-bone-pik3ca}"
duration="${DURATION:-20}"; warmup="${WARMUP:-10}"; connections="${CONNECTIONS:-16}"; runs="${RUNS:-3}"
build "${1:-}"
start_app "Web__RecordCacheSeconds=${RECORD_CACHE_SECONDS:-60}"

# One real portal launch, redirects followed by hand; cookies kept as plain name=value pairs (the session cookie is
# Secure/Partitioned, which curl's jar would not send over http).
declare -A jar
cookie_header() { local h="" k; for k in "${!jar[@]}"; do h+="$k=${jar[$k]}; "; done; printf '%s' "${h%; }"; }
# Up to three tries: on a machine this loaded the very first token call after start can pass its per-try timeout.
for attempt in 1 2 3; do
  jar=()
  url="$origin/sandbox/launch-portal?patient=$patient&app=$origin/launch"
  for _ in $(seq 1 12); do
    curl -sS -o "$work/body" -D "$work/headers" -H "Cookie: $(cookie_header)" "$url"
    while IFS= read -r line; do
      line="${line%$'\r'}"; pair="${line#*: }"; pair="${pair%%;*}"
      jar["${pair%%=*}"]="${pair#*=}"
    done < <(grep -i '^set-cookie:' "$work/headers" || true)
    location="$(grep -i '^location:' "$work/headers" | head -1 | sed 's/^[Ll]ocation: *//; s/\r$//')" || true
    [ -z "$location" ] && break
    case "$location" in http*) url="$location" ;; /*) url="$origin$location" ;; *) url="${url%/*}/$location" ;; esac
  done
  case "$url" in "$origin/app"*) break ;; esac
  echo "launch $attempt did not reach /app (stopped at ${url%%\?*}: $(head -c 200 "$work/body" | tr -d '\n'))" >&2
  [ "$attempt" = 3 ] && exit 1
done
cookie="$(cookie_header)"
status="$(curl -sS -o "$work/page" -D "$work/headers" -w '%{http_code}' -H "Cookie: $cookie" "$origin/app")"
[ "$status" = 200 ] || { echo "/app answered $status with the session cookie" >&2; exit 1; }
echo "patient $patient: /app $(grep -c 'data-material=' "$work/page") materials, $(wc -c <"$work/page") bytes; Web:RecordCacheSeconds=${RECORD_CACHE_SECONDS:-60}, $db"
grep -i '^server-timing:' "$work/headers" | tr -d '\r'
echo "$connections connections, ${duration}s after ${warmup}s warm-up per path, loopback, Release, Development (sandbox hosted)"
# The app's CPU time per page (user + system from /proc/PID/stat, in clock ticks of 10 ms, over the app path's warm-up and
# run, divided by the pages the app logged in that time; uncached pages only: a cached view logs no line).
ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
pages_logged() { grep -c 'Patient page:' "$work/app.log" || true; }
run_paths() {
  local t0 p0; t0="$(ticks)"; p0="$(pages_logged)"
  loader run app "$origin/app" --cookie "$cookie" --connections "$connections" --duration "$duration" --warmup "$warmup"
  awk -v t="$(( $(ticks) - t0 ))" -v p="$(( $(pages_logged) - p0 ))" 'BEGIN { if (p > 0) printf "%.2f\n", t * 10 / p }' >>"$work/cpu-ms"
  loader run live "$origin/health/live" --connections "$connections" --duration "$duration" --warmup "$warmup"
}
source "$(dirname "${BASH_SOURCE[0]}")/report.sh"
echo "page loads logged: $(pages_logged)"
if [ -s "$work/cpu-ms" ]; then echo "app process CPU per uncached page (ms, the in-process sandbox included; per run): $(tr '\n' ' ' <"$work/cpu-ms")median $(median <"$work/cpu-ms")"; fi
