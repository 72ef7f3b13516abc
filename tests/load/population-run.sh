#!/usr/bin/env bash
# Issue 18 item 6 (and issue 16 item 5's population figure): a generated sandbox cohort of PATIENTS x about RESOURCES
# resources goes from Bulk Data $export to the worklist, end to end, and the run's process is measured.
# Two Release processes: the EHR (the web app in Development with its sandbox serving Group/mbc-cohort), and the runner
# (the web app's scheduled run, the same PopulationRunner as `mbcedu population run`, on DB=sqlite|postgres, its own
# sandbox off). The runner's CPU time (utime + stime from /proc/PID/stat) is read when the run opens and when it ends;
# its peak RSS is VmHWM from /proc/PID/status (the web host's own footprint included). Prints patients per minute per
# CPU-second-core, resources per second, peak RSS and the RSS the idle runner had before the run.
# Usage: tests/load/population-run.sh [patients=1000] [resourcesPerPatient=200] [--no-build]
# Environment: see lib.sh (PORT, DB, PG_CONNECTION). Targets: >= 5,000 patients/min/core; peak RSS < 400 MB at 1,000 and
# at 5,000 patients, not growing with the cohort. Not a CI test: run it by hand (minutes at 5,000 patients).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
patients="${1:-1000}"; per_patient="${2:-200}"
build "${3:-}"
ehr_port=$((port + 2)); ehr="http://127.0.0.1:$ehr_port"; ehr_fhir="$ehr/sandbox/fhir"
ehr_pid=""
stop_ehr() { [ -n "$ehr_pid" ] && kill "$ehr_pid" 2>/dev/null && wait "$ehr_pid" 2>/dev/null; cleanup; }
trap stop_ehr EXIT

# The EHR: the sandbox's generated cohort; its backend client is the runner's (its JWKS under the runner's origin).
(cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Development Population__Schedule__Enabled=false \
  Database__SqlitePath="$work/ehr.db" Sandbox__Cohort__Size="$patients" Sandbox__Cohort__ResourcesPerPatient="$per_patient" \
  Sandbox__Bulk__JobSeconds=0 Sandbox__Bulk__ResourcesPerFile=20000 Sandbox__Bulk__JobLifetimeMinutes=600 \
  Sandbox__Clients__backend__JwksUrl="$origin/.well-known/jwks.json" Sandbox__Clients__backend__Scopes__5=system/Group.rs \
  Logging__LogLevel__Default=Warning dotnet "$dll" --urls "$ehr" >"$work/ehr.log" 2>&1) &
ehr_pid=$!
for _ in $(seq 1 1200); do curl -fsS -o /dev/null "$ehr/health/ready" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$ehr/health/ready" || { echo "the EHR did not become ready:" >&2; tail -20 "$work/ehr.log" >&2; exit 1; }

# The runner: the scheduled run once, 90 s after start (its warm-up ends before it listens, and the EHR must reach its JWKS).
start_app Sandbox__Enabled=false Smart__AllowedIssuers__0="$ehr_fhir" Population__Schedule__Enabled=true \
  Population__Schedule__FhirBase="$ehr_fhir" Population__Schedule__GroupId=mbc-cohort Population__Schedule__InitialDelay=00:01:30 \
  Population__Schedule__Interval=7.00:00:00 BulkData__PollInterval=00:00:00.200 Population__PollInterval=00:00:00.200

ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
status_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$app_pid/status"; }
hz=$(getconf CLK_TCK)
for _ in $(seq 1 6000); do grep -q "opened in state" "$work/app.log" && break; sleep 0.1; done
grep -q "opened in state" "$work/app.log" || { echo "the run did not start:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
cpu0=$(ticks); rss0=$(status_kb VmRSS); t0=$(date +%s%N)
for _ in $(seq 1 72000); do grep -q "Scheduled population run .*: \(completed\|failed\|in-progress\)" "$work/app.log" && break; sleep 0.1; done
cpu1=$(ticks); hwm=$(status_kb VmHWM); t1=$(date +%s%N)
line="$(grep -o "Scheduled population run .*: \(completed\|failed\|in-progress\).*" "$work/app.log" | head -1)"
[ -n "$line" ] || { echo "the run did not finish:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
echo "$(date -u '+%Y-%m-%d %H:%M') UTC; load average $(load_average); $(nproc) cores; DB=$db; cohort $patients x ~$per_patient resources"
echo "runner: $line"
awk -v p="$patients" -v c0="$cpu0" -v c1="$cpu1" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v hwm="$hwm" -v rss0="$rss0" -v line="$line" 'BEGIN {
  cpu = (c1 - c0) / hz; wall = (t1 - t0) / 1e9
  printf "| %s patients | CPU %.1f s | wall %.1f s | **%.0f patients/min per core** | peak RSS (VmHWM) **%.0f MB** | RSS before the run %.0f MB |\n", p, cpu, wall, p / (cpu / 60), hwm * 1024 / 1e6, rss0 * 1024 / 1e6 }'
