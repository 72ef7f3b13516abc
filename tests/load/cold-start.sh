#!/usr/bin/env bash
# Issue 16 item 4: the first CDS patient-view call after the process starts (JWT on, prefetch of the sandbox patient
# PATIENT), timed by curl as soon as /health/ready answers 200; then the second and third calls. RUNS starts (3).
# Usage: tests/load/cold-start.sh [--no-build]   Environment: see lib.sh; PATIENT (recurrence-lung-liver-esr1), RUNS.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patient="${PATIENT:-recurrence-lung-liver-esr1}"; runs="${RUNS:-3}"
build "${1:-}"
cds_client
loader cds-body "$root/src/MbcFhirEdu.Sandbox/Data/Bundle-$patient.json" "$patient" "$work/cds.json" >/dev/null
for _ in $(seq 1 3); do loader jwt "$work/client-key.pem" "$cds_issuer" "$cds_url" >>"$work/tokens"; done
echo "cold start, $db, load average $(load_average)"
for run in $(seq 1 "$runs"); do
  start_app "${cds_env[@]}"
  for call in 1 2 3; do
    token="$(sed -n "${call}p" "$work/tokens")"
    curl -sS -o "$work/answer" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      --data-binary @"$work/cds.json" "$cds_url" >"$work/call$call"
  done
  printf 'run %s: start to ready %5.0f ms; first call %s ms (HTTP %s); second %s ms; third %s ms; %s\n' "$run" \
    "$(( (ready_ns - started_ns) / 1000000 ))" "$(awk '{printf "%.1f", $2*1000}' "$work/call1")" "$(cut -d' ' -f1 "$work/call1")" \
    "$(awk '{printf "%.1f", $2*1000}' "$work/call2")" "$(awk '{printf "%.1f", $2*1000}' "$work/call3")" "$(grep -o 'Warm-up done in [0-9]* ms ([0-9]* CDS calls answered)' "$work/app.log" || echo 'no warm-up')"
  awk '{printf "%.1f\n", $2*1000}' "$work/call1" >>"$work/firsts"
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  rm -f "$work/app.db"*; for _ in 1 2 3; do loader jwt "$work/client-key.pem" "$cds_issuer" "$cds_url"; done >"$work/tokens"
done
echo "median first call: $(median <"$work/firsts") ms (load average $(load_average))"
