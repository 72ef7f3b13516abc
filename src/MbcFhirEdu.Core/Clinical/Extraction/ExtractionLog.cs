namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Evidence and warnings gathered while one profile is built. Both come out sorted and without repeats,
/// so the order of the input lists never shows in the profile.
/// </summary>
internal sealed class ExtractionLog
{
    private readonly HashSet<Evidence> evidence = [];
    private readonly HashSet<string> warnings = new(StringComparer.Ordinal);

    public void Evidence(string fact, string resource, DateOnly? date, bool confirmed = true) =>
        evidence.Add(new Evidence(fact, resource, date, confirmed));

    /// <summary>Warnings name resources and codes only: never names, free text or other PHI.</summary>
    public void Warn(string resource, string message) => warnings.Add($"{resource}: {message}");

    public IReadOnlyList<Evidence> SortedEvidence() =>
    [
        .. evidence.OrderBy(e => e.Fact, StringComparer.Ordinal)
            .ThenBy(e => e.Resource, StringComparer.Ordinal)
            .ThenBy(e => e.Date ?? DateOnly.MinValue)
            .ThenBy(e => e.Confirmed),
    ];

    public IReadOnlyList<string> SortedWarnings() => [.. warnings.Order(StringComparer.Ordinal)];
}
