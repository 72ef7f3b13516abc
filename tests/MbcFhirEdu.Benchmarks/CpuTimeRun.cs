using System.Diagnostics;
using System.Globalization;
using MbcFhirEdu.Benchmarks.Synthetic;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// Issue 14's speed figures in one run, for a busy shared machine: every operation of <see cref="RecordOperations"/> on
/// the same bytes, interleaved round by round in a turning order, each timed by this thread's CPU clock (time spent
/// waiting for a core does not count; <see cref="CpuClock"/>). Prints markdown table rows for docs/performance.md: medians, MB/s, the ratio to
/// Firely's own deserialization in the service's mode measured in the same rounds, allocation; then NDJSON population
/// reading in resources per CPU-second with allocation and peak memory growth (the whole input at once, and population
/// mode's one patient at a time).
/// Linux only. Run: dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --cpu-time [rounds] [patients]
/// </summary>
internal static class CpuTimeRun
{
    private sealed record Operation(string Name, string Path, Func<object?> Run)
    {
        public List<double> Milliseconds { get; } = [];
        public long Allocated { get; set; }
    }

    public static void Run(int rounds, int patients)
    {
        var record = SyntheticRecord.Bundle();
        Operation[] operations =
        [
            new("Firely deserialize, BackwardsCompatible (**baseline**: the service's mode, Firely's default validator)", "Firely", () => RecordOperations.Firely(record, RecordOperations.BackwardsCompatible)),
            new("Firely deserialize, the service's settings (BackwardsCompatible, `KeptIssueValidator`)", "Firely", () => RecordOperations.Firely(record, RecordOperations.Service)),
            new("Firely deserialize, Strict (reference)", "Firely", () => RecordOperations.Firely(record, RecordOperations.Strict)),
            new("Firely deserialize, Ostrich (reference)", "Firely", () => RecordOperations.Firely(record, RecordOperations.Ostrich)),
            new("`FhirInput.Read` + `ProfileExtractor.Extract` (public API)", FhirInputPath, () => RecordOperations.ReadAndExtract(record)),
        ];
        var warmup = Math.Max(3, rounds / 4);
        Header(record, rounds, warmup);
        for (var i = 0; i < warmup + rounds; i++)
        {
            // The order turns by one each round, so no operation always runs in the same place (e.g. right after the baseline).
            foreach (var operation in operations.Skip(i % operations.Length).Concat(operations.Take(i % operations.Length)))
            {
                // Each operation starts on a clean heap, so no one pays for the garbage the one before it left.
                GC.Collect();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var t0 = CpuClock.ThreadNanoseconds();
                GC.KeepAlive(operation.Run());
                var t1 = CpuClock.ThreadNanoseconds();
                if (i < warmup) continue;
                operation.Milliseconds.Add((t1 - t0) / 1e6);
                operation.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        var mb = record.Length / 1e6;
        var baseline = operations[0].Milliseconds;
        Console.WriteLine();
        Console.WriteLine("| one patient's record | path measured | median (thread CPU) | MB/s | × baseline: median of the rounds' ratios (quartiles) | allocated (bytes per input byte) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var operation in operations)
        {
            var median = Median(operation.Milliseconds);
            // Ratio per round, then the median: a slow stretch of a busy machine slows the baseline and the operation alike.
            var ratios = operation.Milliseconds.Select((ms, round) => ms / baseline[round]).Order().ToList();
            Console.WriteLine(Invariant(
                $"| {operation.Name} | {operation.Path} | {median:0.0} ms | {mb / (median / 1000):0.0} | **{Median(ratios):0.00}** ({ratios[ratios.Count / 4]:0.00}–{ratios[ratios.Count * 3 / 4]:0.00}) | {operation.Allocated / (double)rounds / record.Length:0.0} |"));
        }
        Population(patients);
    }

    private static void Header(byte[] record, int rounds, int warmup)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine(Invariant($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {load}; {Environment.ProcessorCount} cores; .NET {Environment.Version}"));
        Console.WriteLine(Invariant($"record: {record.Length:N0} bytes (seed {SyntheticRecord.DefaultSeed}); {rounds} interleaved rounds after {warmup} warm-up rounds; thread CPU time, medians"));
        Console.WriteLine(Invariant($"issues Firely reports on it: BackwardsCompatible {RecordOperations.Issues(record, RecordOperations.BackwardsCompatible)}, Strict {RecordOperations.Issues(record, RecordOperations.Strict)}"));
    }

    // Resources per CPU-second at the full size; peak memory growth at a quarter and at the full size, so flat memory
    // (bounded by the largest resource, issue 14 item 4) shows as two equal figures and memory held per patient as growth.
    public static void Population(int patients)
    {
        var (small, smallCount) = Ndjson(Math.Max(1, patients / 4));
        var (full, resources) = Ndjson(patients);
        // Population mode (issue 18) reads one patient at a time from staging; the grouping is staging's work, not timed here.
        var grouped = new Dictionary<byte[], List<byte[]>>(ReferenceEqualityComparer.Instance)
        {
            [small] = RecordOperations.GroupByPatient(small), [full] = RecordOperations.GroupByPatient(full),
        };
        (string Name, string Path, Func<byte[], int> Run)[] operations =
        [
            ("Firely deserialize each line, BackwardsCompatible (**baseline**)", "Firely", b => RecordOperations.FirelyLines(b, RecordOperations.BackwardsCompatible)),
            ("Firely deserialize each line, the service's settings", "Firely", b => RecordOperations.FirelyLines(b, RecordOperations.Service)),
            ("`FhirInput.Read` (public API: read + group by patient)", FhirInputPath, RecordOperations.ReadPopulation),
            ("population mode: `FhirInput.Read` + `Extract` per patient (issue 18)", FhirInputPath, b => RecordOperations.ReadPerPatient(grouped[b])),
        ];
        Console.WriteLine();
        Console.WriteLine(Invariant($"population: {patients:N0} patients, {resources:N0} resources, {full.Length:N0} bytes of NDJSON (and a quarter: {smallCount:N0} resources, {small.Length:N0} bytes); 3 rounds after 1 warm-up, medians"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"| NDJSON population | path measured | resources/s per thread-CPU second | resources/s per process-CPU second | × baseline (time) | MB/s | allocated (bytes per input byte) | peak memory growth, {patients / 4:N0} → {patients:N0} patients |"));
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var (name, path, run) in operations)
        {
            var smallPeak = Measure(name, run, small, smallCount).Peak;
            var (thread, process, allocated, peak) = Measure(name, run, full, resources);
            baseline ??= thread;
            Console.WriteLine(Invariant(
                $"| {name} | {path} | {resources / thread:N0} | {resources / process:N0} | **{thread / baseline:0.00}** | {full.Length / 1e6 / thread:0.0} | {allocated / (double)full.Length:0.0} | {smallPeak / 1e6:N0} MB → {peak / 1e6:N0} MB |"));
        }
    }

    private static (byte[] Bytes, int Resources) Ndjson(int patients)
    {
        using var buffer = new MemoryStream();
        var resources = SyntheticRecord.Population(buffer, patients);
        return (buffer.ToArray(), resources);
    }

    // Median thread and process CPU seconds of 3 rounds after 1 warm-up, allocation per round, and the largest peak growth.
    private static (double Thread, double Process, long Allocated, long Peak) Measure(string name, Func<byte[], int> run, byte[] ndjson, int resources)
    {
        var thread = new List<double>();
        var process = new List<double>();
        long allocated = 0, peak = 0;
        for (var i = 0; i < 4; i++)
        {
            // Aggressive: the GC also gives its free memory back to the system, so the peak below is this round's own.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var rss = CpuClock.ResetPeak();
            var p0 = Process.GetCurrentProcess().TotalProcessorTime;
            var t0 = CpuClock.ThreadNanoseconds();
            var read = run(ndjson);
            var t1 = CpuClock.ThreadNanoseconds();
            var p1 = Process.GetCurrentProcess().TotalProcessorTime;
            if (read != resources) throw new InvalidOperationException($"{name}: {read} of {resources} resources read");
            if (i == 0) continue;
            thread.Add((t1 - t0) / 1e9);
            process.Add((p1 - p0).TotalSeconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            peak = Math.Max(peak, CpuClock.PeakBytes() - rss);
        }
        return (Median(thread), Median(process), allocated / 3, peak);
    }

    // FhirInput reads through Firely (the hand-written reader it once used is gone); the column keeps the tables comparable with older runs.
    private const string FhirInputPath = "**Firely path**";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
