using System.Globalization;
using System.Runtime.InteropServices;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// Linux clocks and memory counters for <see cref="CpuTimeRun"/>: this thread's CPU time (CLOCK_THREAD_CPUTIME_ID, so
/// waiting for a core on a shared machine does not count) and the process's resident set and its peak (VmRSS, VmHWM;
/// writing "5" to /proc/self/clear_refs resets the peak, so a peak can be taken around one operation).
/// </summary>
internal static class CpuClock
{
    public static long ThreadNanoseconds()
    {
        if (ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    /// <summary>Resets the peak resident set to the current one and returns it, in bytes.</summary>
    public static long ResetPeak()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS:");
    }

    /// <summary>The peak resident set since the last <see cref="ResetPeak"/>, in bytes.</summary>
    public static long PeakBytes() => Status("VmHWM:");

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
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
