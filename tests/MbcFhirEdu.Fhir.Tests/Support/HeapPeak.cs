namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>The most managed memory above the baseline while an action runs: the heap sampled every 10 ms, garbage not yet collected included.</summary>
public static class HeapPeak
{
    public static long Above(Action action)
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
