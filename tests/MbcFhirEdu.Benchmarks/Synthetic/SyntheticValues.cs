using System.Globalization;
using Hl7.Fhir.Model;

namespace MbcFhirEdu.Benchmarks.Synthetic;

/// <summary>
/// Seeded random values in the shapes real EHR exports use: opaque ids of varying length, instants with milliseconds and
/// time-zone offsets, dates at day or month precision, codings carrying a display. The same seed gives the same values.
/// </summary>
internal sealed class SyntheticValues(int seed)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string[] Offsets = ["Z", "-05:00", "-04:00", "-06:00", "-07:00", "+01:00", "+00:00"];

    public Random Random { get; } = new(seed);

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>An item chosen with the weights given (they need not sum to anything in particular).</summary>
    public T Pick<T>(IReadOnlyList<(int Weight, T Item)> items)
    {
        var roll = Random.Next(items.Sum(i => i.Weight));
        foreach (var (weight, item) in items)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return items[^1].Item;
    }

    /// <summary>
    /// An id as different servers mint them: Epic-like opaque strings, Cerner-like numbers, or UUIDs (all drawn
    /// from the seeded random, so two runs give the same ids).
    /// </summary>
    public string Id() => Random.Next(3) switch
    {
        0 => "e" + Chars(Random.Next(20, 44)),
        1 => Random.NextInt64(10_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture),
        _ => Uuid(),
    };

    public string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private string Chars(int length) => string.Create(length, Random, (span, random) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
    });

    /// <summary>A moment between <paramref name="from"/> and <paramref name="to"/>, to the second.</summary>
    public DateTimeOffset Moment(DateTimeOffset from, DateTimeOffset to) =>
        from.AddSeconds(Random.NextInt64(0, Math.Max(1, (long)(to - from).TotalSeconds)));

    /// <summary>An instant with milliseconds and an offset, as meta.lastUpdated and Observation.issued carry them.</summary>
    public string Instant(DateTimeOffset moment)
    {
        var offset = Pick(Offsets);
        var shifted = offset == "Z" ? moment.ToUniversalTime() : moment.ToOffset(TimeSpan.Parse(offset.TrimStart('+'), CultureInfo.InvariantCulture));
        var text = shifted.AddMilliseconds(Random.Next(1000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return text + offset;
    }

    /// <summary>A dateTime at the precision exports use: mostly full instants, some dates, a few months only.</summary>
    public FhirDateTime DateTime(DateTimeOffset moment) => Random.Next(10) switch
    {
        < 6 => new FhirDateTime(Instant(moment)),
        < 9 => new FhirDateTime(moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => new FhirDateTime(moment.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
    };

    public static string Day(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Meta Meta(DateTimeOffset after) => new()
    {
        VersionId = Random.Next(1, 12).ToString(CultureInfo.InvariantCulture),
        LastUpdatedElement = new Instant(DateTimeOffset.Parse(Instant(Moment(after, after.AddDays(400))), CultureInfo.InvariantCulture)),
    };

    public static CodeableConcept Concept(string system, string code, string display, string? text = null) =>
        new() { Coding = [new Coding(system, code, display)], Text = text };

    /// <summary>A decimal between <paramref name="low"/> and <paramref name="high"/> with <paramref name="decimals"/> places.</summary>
    public decimal Between(decimal low, decimal high, int decimals) =>
        Math.Round(low + (high - low) * (decimal)Random.NextDouble(), decimals);
}
