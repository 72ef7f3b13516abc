# Sourced after run_paths is defined: RUNS runs of it, each line printed with the load average, the ratio per run,
# and the medians over the runs. A run in which any request failed (e.g. 429 from a rate limiter, 412 past the CDS
# deadline) gives no ratio: it prints the error count and what the failures got, counts in no median, and the script
# exits 1 at the end, so a figure that measured refusals can not be mistaken for one that measured the path.
printf '%-5s %-6s %10s %9s %9s %7s   %-14s %s\n' run path "req/s" "p50 ms" "p99 ms" errors "load average" "failures seen"
failed_runs=0
for run in $(seq 1 "$runs"); do
  run_paths >"$work/run"
  load="$(load_average)"
  run_errors=0; run_seen=""
  while read -r name rps p50 p99 errors seen; do
    printf '%-5s %-6s %10s %9s %9s %7s   %-14s %s\n' "$run" "$name" "$rps" "$p50" "$p99" "$errors" "$load" "${seen:--}"
    if [ "${errors:-0}" != 0 ]; then run_errors=$((run_errors + errors)); run_seen="$run_seen $name ${seen:-?}"; fi
  done <"$work/run"
  if [ "$run_errors" != 0 ]; then
    echo "run $run ratio: none: $run_errors failed requests (status or error:count per path:$run_seen); this run counts in no median"
    failed_runs=$((failed_runs + 1))
    continue
  fi
  while read -r name rps p50 p99 _; do
    echo "$rps" >>"$work/rps-$name"; echo "$p50" >>"$work/p50-$name"; echo "$p99" >>"$work/p99-$name"
  done <"$work/run"
  target="$(head -1 "$work/run" | cut -d' ' -f2)"; live="$(tail -1 "$work/run" | cut -d' ' -f2)"
  awk -v a="$target" -v l="$live" 'BEGIN { printf "%.2f\n", 100 * a / l }' | tee -a "$work/ratios" | sed "s/^/run $run ratio (%): /"
done
if [ -s "$work/ratios" ]; then
  for name in $(cut -d' ' -f1 "$work/run"); do
    echo "median $name: $(median <"$work/rps-$name") req/s, p50 $(median <"$work/p50-$name") ms, p99 $(median <"$work/p99-$name") ms"
  done
  echo "median ratio over $((runs - failed_runs)) error-free runs of $runs: $(median <"$work/ratios") %"
fi
if [ "$failed_runs" != 0 ]; then
  echo "NO FIGURE from $failed_runs of $runs runs: requests failed (see above); a ratio with errors is not a figure" >&2
  exit 1
fi
