using System.Globalization;
using Hl7.Fhir.Model;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>
/// Seeded values for the generated cohort. Each (seed, patient, stream) has its own generator, so one patient's
/// Observations can be generated without generating anything else, and the same seed always gives the same values.
/// </summary>
internal sealed class CohortRandom(int seed)
{
    public Random Random { get; } = new(seed);

    /// <summary>A seed for one stream of one patient: SplitMix64 over the three inputs (not <see cref="HashCode"/>,
    /// which differs per process).</summary>
    public static int Mix(int seed, int index, int stream)
    {
        unchecked
        {
            var x = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)stream << 17);
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return (int)(x ^ (x >> 31));
        }
    }

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public DateTimeOffset Moment(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : from.AddSeconds(Random.NextInt64(0, (long)(to - from).TotalSeconds));

    public decimal Between(decimal low, decimal high, int decimals) =>
        Math.Round(low + (high - low) * (decimal)Random.NextDouble(), decimals);

    public static string Day(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static FhirDateTime DateTime(DateTimeOffset moment) => new(moment.ToUniversalTime());

    public static Meta Meta(DateTimeOffset lastUpdated) => new() { LastUpdatedElement = new Instant(lastUpdated.ToUniversalTime()) };

    public static CodeableConcept Concept(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)] };
}
