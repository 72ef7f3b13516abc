# Sourced after run_paths is defined: RUNS runs of it, each line printed with the load average, the ratio per run,
# and the medians over the runs.
printf '%-5s %-6s %10s %9s %9s %7s   %s\n' run path "req/s" "p50 ms" "p99 ms" errors "load average"
for run in $(seq 1 "$runs"); do
  run_paths >"$work/run"
  load="$(load_average)"
  while read -r name rps p50 p99 errors; do
    printf '%-5s %-6s %10s %9s %9s %7s   %s\n' "$run" "$name" "$rps" "$p50" "$p99" "$errors" "$load"
    echo "$rps" >>"$work/rps-$name"; echo "$p50" >>"$work/p50-$name"; echo "$p99" >>"$work/p99-$name"
  done <"$work/run"
  target="$(head -1 "$work/run" | cut -d' ' -f2)"; live="$(tail -1 "$work/run" | cut -d' ' -f2)"
  awk -v a="$target" -v l="$live" 'BEGIN { printf "%.2f\n", 100 * a / l }' | tee -a "$work/ratios" | sed "s/^/run $run ratio (%): /"
done
for name in $(cut -d' ' -f1 "$work/run"); do
  echo "median $name: $(median <"$work/rps-$name") req/s, p50 $(median <"$work/p50-$name") ms, p99 $(median <"$work/p99-$name") ms"
done
echo "median ratio over $runs runs: $(median <"$work/ratios") %"
