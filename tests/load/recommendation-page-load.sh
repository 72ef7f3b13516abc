#!/usr/bin/env bash
# Load figures for README: the recommendation page (/app, warm session, sandbox EHR hosted in the same process) next
# to the trivial /health/live of the same app, measured with wrk on loopback in one run of the app.
# Usage: tests/MbcFhirEdu.EndToEnd.Tests/load/recommendation-page-load.sh [--no-build]
# Environment: PORT (5099), PATIENT (de-novo-bone-pik3ca), DURATION (20s), WARMUP (10s), THREADS (2), CONNECTIONS (16),
# RUNS (1), RECORD_CACHE_SECONDS (the app's Web:RecordCacheSeconds, default 60; 0 = every page load reads the EHR).
# Needs wrk and curl (apt-get install wrk curl). Starts the Release build of MbcFhirEdu.Web and stops exactly it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
port="${PORT:-5099}"; patient="${PATIENT:-de-novo-bone-pik3ca}"
duration="${DURATION:-20s}"; threads="${THREADS:-2}"; connections="${CONNECTIONS:-16}"; runs="${RUNS:-1}"
origin="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

[ "${1:-}" = "--no-build" ] || dotnet build -c Release --nologo -v q "$root/src/MbcFhirEdu.Web" >/dev/null
dll="$root/src/MbcFhirEdu.Web/bin/Release/net10.0/MbcFhirEdu.Web.dll"
work="$(mktemp -d)"
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Development hosts the sandbox EHR; every absolute URL follows --urls. The app's log goes to a file.
(cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Development \
  Web__RecordCacheSeconds="${RECORD_CACHE_SECONDS:-60}" \
  exec dotnet "$dll" --urls "$origin" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 150); do curl -fsS "$origin/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$origin/health/live" >/dev/null || { echo "the app did not start:" >&2; cat "$work/app.log" >&2; exit 1; }

# One real portal launch, redirects followed by hand; cookies kept as plain name=value pairs (the session cookie is
# Secure/Partitioned, which curl's jar would not send over http).
declare -A jar
cookie_header() { local h="" k; for k in "${!jar[@]}"; do h+="$k=${jar[$k]}; "; done; printf '%s' "${h%; }"; }
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
case "$url" in "$origin/app"*) ;; *) echo "the launch did not reach /app (stopped at $url)" >&2; exit 1 ;; esac
cookie="$(cookie_header)"
status="$(curl -sS -o "$work/page" -D "$work/headers" -w '%{http_code}' -H "Cookie: $cookie" "$origin/app")"
[ "$status" = 200 ] || { echo "/app answered $status with the session cookie" >&2; exit 1; }
echo "patient $patient: /app $(grep -c 'data-material=' "$work/page") materials, $(wc -c <"$work/page") bytes"
grep -i '^server-timing:' "$work/headers" | tr -d '\r'

measure() { # name url [cookie]
  local out; out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency ${3:+-H "Cookie: $3"} "$2")"
  local rps p50 p99 non2xx
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"; p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  printf '%-12s %10s req/s   p50 %-9s p99 %-9s%s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:+   NON-2xx: $non2xx}"
  echo "$rps" >"$work/rps-${1//\//_}"
}
echo "wrk -t$threads -c$connections -d$duration --latency, loopback, Release build, Development (sandbox hosted)"
for run in $(seq 1 "$runs"); do
  echo "run $run:"
  # Warm-up at the same concurrency: the first seconds of a fresh process run tier-0 JIT code (a 3 s warm-up left the
  # first measured /app run at a third of the second one's throughput).
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-10s}" -H "Cookie: $cookie" "$origin/app" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-10s}" "$origin/health/live" >/dev/null
  measure /app "$origin/app" "$cookie"
  measure /health/live "$origin/health/live"
  app="$(cat "$work/rps-_app")"; live="$(cat "$work/rps-_health_live")"
  awk -v a="$app" -v l="$live" 'BEGIN { printf "ratio /app : /health/live = %.1f %%\n", 100 * a / l }'
  awk -v a="$app" -v l="$live" 'BEGIN { printf "%.2f\n", 100 * a / l }' >>"$work/ratios"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
if [ "$runs" -gt 1 ]; then echo "median ratio over $runs runs: $(median <"$work/ratios") %"; fi
echo "page loads logged: $(grep -c 'Patient page:' "$work/app.log" || true); last: $(grep 'Patient page:' "$work/app.log" | tail -1 | sed 's/^ *//')"
