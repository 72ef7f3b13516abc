#!/usr/bin/env bash
# Issue 16 item 2: CDS patient-view (prefetch of the sandbox patient PATIENT, JWT verification on with an ES256 test
# client key, a fresh jti per call so the replay store writes every call) next to /health/live of the same app, measured
# with the same loader (tests/load/LoadRunner) at CONNECTIONS in one run of the app; RUNS runs; prints throughput, p50,
# p99 and the ratio, and the medians. Targets: ratio >= 5 %, p99 <= 50 ms at 16 connections.
# Usage: tests/load/cds-load.sh [--no-build]
# Environment: see lib.sh (PORT, DB=sqlite|postgres, PG_CONNECTION); PATIENT (recurrence-lung-liver-esr1), BODY (a
# prepared request body instead), SYNTHETIC=1 (the benchmark's synthetic record, tests/MbcFhirEdu.Benchmarks/Synthetic:
# 1 Patient, 200 Conditions, 2,000 Observations, every one in the prefetch; also prints Firely's own time to read that
# prefetch, the floor), DURATION (20), WARMUP (10), CONNECTIONS (16), RUNS (3), APP_ENV (NAME=VALUE ... for the app only).
# PROFILE=1: instead of the runs, one CDS load of WARMUP + DURATION seconds with `perf record -F 499 -g` on the app for
# the DURATION part (the app runs with DOTNET_PerfMapEnabled=1 and W^X off, so managed frames have names); writes PROFILE_OUT
# (/tmp/cds-profile): perf.data, the app's perf map, report-children.txt (inclusive), report-self.txt, and the loader's
# line with the app CPU per call over the same seconds (to turn shares into microseconds per call).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patient="${PATIENT:-recurrence-lung-liver-esr1}"
duration="${DURATION:-20}"; warmup="${WARMUP:-10}"; connections="${CONNECTIONS:-16}"; runs="${RUNS:-3}"
build "${1:-}"
# APP_DLL: another build of the app (e.g. a copy of the build before a change, for a before/after in one session).
dll="${APP_DLL:-$dll}"
cds_client
if [ -n "${BODY:-}" ]; then cp "$BODY" "$work/cds.json"
elif [ "${SYNTHETIC:-0}" = 1 ]; then
  dotnet run -c Release --project "$root/tests/MbcFhirEdu.Benchmarks" -- --write-record "$work/record.json" >/dev/null
  loader cds-body "$work/record.json" - "$work/cds.json" all
else loader cds-body "$root/src/MbcFhirEdu.Sandbox/Data/Bundle-$patient.json" "$patient" "$work/cds.json"; fi
[ "${SYNTHETIC:-0}" = 1 ] && echo "$(loader firely "$work/cds.json") (load average $(load_average))"
profile="${PROFILE:-0}"
# APP_ENV: extra NAME=VALUE settings (space-separated) for the app only, e.g. runtime knobs to compare (not the loader's).
read -r -a app_env <<<"${APP_ENV:-}"; cds_env+=("${app_env[@]}")
# W^X off while profiling: with it on, JIT code runs from a memfd double mapping that perf does not match to the perf map.
[ "$profile" = 1 ] && cds_env+=("DOTNET_PerfMapEnabled=1" "DOTNET_EnableWriteXorExecute=0")
start_app "${cds_env[@]}"
# A first call must answer 200 (on a loaded machine the very first ones may pass the 500 ms deadline: up to 5 tries).
for _ in $(seq 1 5); do
  one="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(loader jwt "$work/client-key.pem" "$cds_issuer" "$cds_url")" \
    -H 'Content-Type: application/json' --data-binary @"$work/cds.json" "$cds_url")"
  [ "$one" = 200 ] && break
done
[ "$one" = 200 ] || { echo "the CDS call answered $one" >&2; tail -20 "$work/app.log" >&2; exit 1; }
if [ "$profile" = 1 ]; then
  out="${PROFILE_OUT:-/tmp/cds-profile}"; mkdir -p "$out"
  loader run cds "$cds_url" --body "$work/cds.json" --jwt "$work/client-key.pem" "$cds_issuer" "$cds_url" \
    --connections "$connections" --duration "$duration" --warmup "$warmup" --pid "$app_pid" >"$out/loader.txt" 2>&1 &
  load_pid=$!
  sleep "$warmup"
  perf record -F 499 -g -p "$app_pid" -o "$out/perf.data" -- sleep "$duration" 2>"$out/perf-record.log"
  wait "$load_pid"
  cp "/tmp/perf-$app_pid.map" "$out/" 2>/dev/null || true
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 0.3 >"$out/report-children.txt" 2>/dev/null
  perf report -i "$out/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.2 >"$out/report-self.txt" 2>/dev/null
  echo "profile of $db, $connections connections, ${duration}s after ${warmup}s of load (load average $(load_average)): $out"
  cat "$out/loader.txt"
  exit 0
fi
echo "CDS patient-view, $db, JWT on, $connections connections, ${duration}s after ${warmup}s warm-up per path, loopback, Release, Development (sandbox hosted)"
run_paths() { # prints "cds ..." and "live ..." lines (name rps p50 p99 errors)
  loader run cds "$cds_url" --body "$work/cds.json" --jwt "$work/client-key.pem" "$cds_issuer" "$cds_url" \
    --connections "$connections" --duration "$duration" --warmup "$warmup" --pid "$app_pid"
  loader run live "$origin/health/live" --connections "$connections" --duration "$duration" --warmup "$warmup"
}
source "$(dirname "${BASH_SOURCE[0]}")/report.sh"
