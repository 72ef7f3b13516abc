#!/usr/bin/env bash
# Issue 16 item 3: launch to first page with a slow EHR. A browser-free launch (tests/load/LaunchTimer follows the
# redirects: the app's /launch?iss=...&launch=... -> the sandbox's /auth/authorize (an EHR launch: no picker) ->
# /callback (the token call) -> /app/l/{ctx}, rendered), timed from the request to /launch to the page's last byte,
# each launch a new browser. LAUNCHES launches without a fault, then LAUNCHES with the sandbox's latency fault of
# LATENCY_MS on every FHIR call (target FAULT_TARGET: fhir = reads and searches; all = the token call too).
#
# The floor of one launch, from that launch's own figures:
#   floor = authorize hop (the browser's request to the sandbox's /auth/authorize, as the client timed it)
#         + token call (the app's own time for the code exchange, Server-Timing "token" on /callback)
#         + LATENCY_MS (one parallel wave of FHIR reads: none of them can answer sooner)
#         (with FAULT_TARGET=all the token call's own delay is in the measured token call)
# Everything else is what the app adds: its /launch hop, the rest of /callback (state, id_token, session save), the
# redirect to the page, the page's own work (session, reading the record, matching, rendering) and the in-process
# sandbox's serving of the reads. Target: median over the launches of (time / floor) <= 1.15.
# Usage: tests/load/launch-to-first-page.sh [--no-build]
# Environment: see lib.sh (PORT, DB=sqlite|postgres, PG_CONNECTION); PATIENT (de-novo-bone-pik3ca), KIND (portal: the
# patient; ehr: a clinician), LAUNCHES (20), WARMUP_LAUNCHES (10), LATENCY_MS (150), FAULT_TARGET (fhir).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patient="${PATIENT:-de-novo-bone-pik3ca}"; kind="${KIND:-portal}"
launches="${LAUNCHES:-20}"; warmups="${WARMUP_LAUNCHES:-10}"; latency="${LATENCY_MS:-150}"; target="${FAULT_TARGET:-fhir}"
build "${1:-}"
[ "${1:-}" = "--no-build" ] || dotnet build -c Release --nologo -v q "$root/tests/load/LaunchTimer" >/dev/null
timer() { dotnet "$root/tests/load/LaunchTimer/bin/Release/net10.0/LaunchTimer.dll" "$origin" "$patient" "$1" "$kind"; }
faults() { curl -fsS -o /dev/null -X "$1" -H 'Content-Type: application/json' ${2:+-d "$2"} "$origin/sandbox/_sandbox/faults"; }
start_app "Sandbox__EnableFaultInjection=true"

timer "$warmups" >/dev/null || true # discovery (cached per issuer from then on), JIT
timer "$launches" >"$work/plain.all" || true
faults POST "{\"latencyMs\":$latency,\"target\":\"$target\"}"
timer "$launches" >"$work/slow.all" || true
faults DELETE
for case in plain slow; do grep '^launch ' "$work/$case.all" >"$work/$case" || true; done
if grep -h '^failed ' "$work/plain.all" "$work/slow.all"; then
  echo "(launches that failed are left out of the figures; the app's last warnings:)"; grep -A1 -E '^(warn|fail)' "$work/app.log" | tail -12
fi

echo "launch to first page: patient $patient ($kind launch), $db, $launches launches per case after $warmups warm-up launches, loopback, Release, Development (sandbox hosted)"
col() { awk -v c="$2" '{ print $c }' "$1" | median; }
printf '%-22s %9s %8s %10s %9s %8s %8s %8s %8s %9s\n' case "total ms" "/launch" "authorize" "/callback" "page" "token" "FHIR" "floor" "× floor"
for case in plain slow; do
  fault=0; [ "$case" = slow ] && fault="$latency"
  # Per launch: floor = authorize + token + one wave (the fault's latency; 0 without it), and time / floor.
  awk -v f="$fault" '{ floor = $5 + $8 + f; print floor, (floor > 0 ? $3 / floor : 0) }' "$work/$case" >"$work/$case.floor"
  label="no fault"; [ "$case" = slow ] && label="${latency} ms per FHIR call"
  printf '%-22s %9s %8s %10s %9s %8s %8s %8s %8s %9s\n' "$label" "$(col "$work/$case" 3)" "$(col "$work/$case" 4)" "$(col "$work/$case" 5)" \
    "$(col "$work/$case" 6)" "$(col "$work/$case" 7)" "$(col "$work/$case" 8)" "$(col "$work/$case" 9)" "$(col "$work/$case.floor" 1)" \
    "$(awk '{ printf "%.2f\n", $2 }' "$work/$case.floor" | median)"
done
echo "launches measured: $(wc -l <"$work/plain") without the fault, $(wc -l <"$work/slow") with it (of $launches each)"
echo "FHIR requests on the first page: $(awk '{ print $10 }' "$work/slow" | sort | uniq -c | tr -s ' ' | sed 's/^ //'); materials: $(awk '{ print $11 }' "$work/slow" | sort -u | tr '\n' ' ')"
echo "load average $(load_average)"
