using System.Runtime.InteropServices;
using System.Text.Json;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// A second view of <see cref="ExtractionBenchmarks"/> for a busy shared machine: the same three operations on the same
/// bytes, interleaved (tokenize, read, read + extract, repeated), each timed by this thread's CPU clock
/// (CLOCK_THREAD_CPUTIME_ID), so time spent waiting for a core does not count. Prints medians and the ratio, and
/// the extractor alone on the PatientData the read step just built.
/// Linux only. Run: dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --cpu-time [rounds]
/// </summary>
internal static class CpuTimeRun
{
    public static void Run(int rounds)
    {
        var record = LargeRecord.Build();
        var tokenize = new List<double>(rounds);
        var read = new List<double>(rounds);
        var extract = new List<double>(rounds);
        var extractOnly = new List<double>(rounds);
        var warmup = Math.Max(50, rounds / 4);
        long allocated = 0;
        for (var i = 0; i < warmup + rounds; i++)
        {
            var t0 = Now();
            var reader = new Utf8JsonReader(record, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }
            var t1 = Now();
            PatientData data;
            using (var stream = new MemoryStream(record, writable: false)) data = FhirInput.Read(stream, "large.json").Patients[0];
            var t2 = Now();
            var before = GC.GetAllocatedBytesForCurrentThread();
            using (var stream = new MemoryStream(record, writable: false)) _ = ProfileExtractor.Extract(FhirInput.Read(stream, "large.json").Patients[0]);
            var t3 = Now();
            _ = ProfileExtractor.Extract(data);
            var t4 = Now();
            if (i < warmup) continue;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            tokenize.Add((t1 - t0) / 1e6);
            read.Add((t2 - t1) / 1e6);
            extract.Add((t3 - t2) / 1e6);
            extractOnly.Add((t4 - t3) / 1e6);
        }
        var mb = record.Length / 1e6;
        var (tk, rd, ex) = (Median(tokenize), Median(read), Median(extract));
        Console.WriteLine($"record: {record.Length:N0} bytes; {rounds} interleaved rounds after {warmup} warm-up rounds; thread CPU time, medians");
        Console.WriteLine($"tokenize only (Utf8JsonReader)   {tk,8:0.000} ms  {mb / (tk / 1000),6:0} MB/s");
        Console.WriteLine($"read FHIR only (to PatientData)  {rd,8:0.000} ms  {mb / (rd / 1000),6:0} MB/s");
        Console.WriteLine($"read FHIR + extract profile      {ex,8:0.000} ms  {mb / (ex / 1000),6:0} MB/s  {allocated / (double)rounds / mb / 1e6:0.00} MB allocated per MB");
        Console.WriteLine($"extract alone (from PatientData)  {Median(extractOnly),8:0.000} ms");
        Console.WriteLine($"ratio extract / tokenize (speed) {tk / ex,8:0.000}");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static long Now()
    {
        if (ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
