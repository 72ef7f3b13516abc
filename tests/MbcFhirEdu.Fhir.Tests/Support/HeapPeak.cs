using System.Diagnostics;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// Reads a large generated file through <see cref="FhirInput.Read(string, FhirReadLimits?)"/> and asserts that the most
/// managed memory above the baseline while it ran (the heap sampled every 10 ms, garbage not yet collected included: an
/// upper bound of what the read holds) stays under a fixed ceiling.
/// </summary>
public static class HeapPeak
{
    private const long MiB = 1024 * 1024;

    /// <param name="write">Writes the file at the path given; returns how many Observations it holds.</param>
    /// <param name="check">Checks the result against that count.</param>
    public static void AssertReadUnder(long ceiling, long fileBytes, string extension, Func<string, int> write, Action<FhirReadResult, int> check)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mbcedu-stream-{Guid.NewGuid():N}{extension}");
        try
        {
            var observations = write(path);
            Assert.True(new FileInfo(path).Length >= fileBytes);
            var clock = Stopwatch.StartNew();
            var above = Above(() => check(FhirInput.Read(path), observations));
            Assert.True(above < ceiling,
                $"peak managed memory {above / MiB} MiB above the baseline while reading a {fileBytes / MiB} MiB file (ceiling {ceiling / MiB} MiB)");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the read took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long Above(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using (new Timer(_ => InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 10))
        {
            action();
        }
        InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
        return peak - baseline;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
