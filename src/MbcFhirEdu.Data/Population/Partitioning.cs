using System.Text;

namespace MbcFhirEdu.Data.Population;

/// <summary>A patient's compare-phase partition: a stable hash (FNV-1a over the id's UTF-8) modulo the run's partition count.</summary>
internal static class Partitioning
{
    public static int Of(string patientId, int partitions)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(patientId))
            hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)Math.Max(1, partitions));
    }
}
