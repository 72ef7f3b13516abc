namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Evidence and warnings gathered while one profile is built. Both come out sorted and without repeats,
/// so the order of the input lists never shows in the profile.
/// </summary>
internal sealed class ExtractionLog
{
    // A list, not a set: sorting puts equal items side by side, so repeats are dropped then, without hashing every
    // item's strings on the way in (a large chart logs hundreds of items, most of them once).
    private readonly List<Evidence> evidence = [];
    private readonly HashSet<string> warnings = new(StringComparer.Ordinal);
    private List<(string Resource, string[] Facts)>? textFacts;

    public void Evidence(string fact, string resource, DateOnly? date, bool confirmed = true, string source = EvidenceSource.Code) =>
        evidence.Add(new Evidence(fact, resource, date, confirmed, source));

    /// <summary>
    /// Rule 19: facts of <paramref name="resource"/> were read from free text (a valueString, a CodeableConcept's text,
    /// a narrative, a display). Its evidence whose fact starts with one of <paramref name="facts"/> (every fact of the
    /// resource when none is given) is marked <see cref="EvidenceSource.Text"/> when the profile is built; the reader
    /// that read the text also warns.
    /// </summary>
    public void FromText(string resource, params string[] facts) => (textFacts ??= []).Add((resource, facts));

    // Spread facts a text about spread gives: the site (current or past), "metastatic", and the recurrence it dates.
    public static readonly string[] SpreadFacts = ["site:", "past-site:", "metastatic", "recurrence:"];

    /// <summary>Warnings name resources and codes only: never names, free text or other PHI.</summary>
    public void Warn(string resource, string message) => warnings.Add($"{resource}: {message}");

    public IReadOnlyList<Evidence> SortedEvidence()
    {
        var sorted = evidence.ToArray();
        if (textFacts is not null)
        {
            for (var i = 0; i < sorted.Length; i++)
            {
                if (IsFromText(sorted[i])) sorted[i] = sorted[i] with { Source = EvidenceSource.Text };
            }
        }
        Array.Sort(sorted, CompareEvidence);
        var distinct = new List<Evidence>(sorted.Length);
        foreach (var item in sorted)
        {
            if (distinct.Count == 0 || CompareEvidence(distinct[^1], item) != 0) distinct.Add(item);
        }
        return distinct;
    }

    private bool IsFromText(Evidence item)
    {
        foreach (var (resource, facts) in textFacts!)
        {
            if (resource != item.Resource) continue;
            if (facts.Length == 0) return true;
            foreach (var fact in facts)
            {
                if (item.Fact.StartsWith(fact, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }

    // Fact, resource, date (none first), then unconfirmed before confirmed: every field, so 0 means equal items.
    private static int CompareEvidence(Evidence a, Evidence b)
    {
        var order = string.CompareOrdinal(a.Fact, b.Fact);
        if (order == 0) order = string.CompareOrdinal(a.Resource, b.Resource);
        if (order == 0) order = (a.Date ?? DateOnly.MinValue).CompareTo(b.Date ?? DateOnly.MinValue);
        if (order == 0) order = a.Date.HasValue.CompareTo(b.Date.HasValue);
        if (order == 0) order = a.Confirmed.CompareTo(b.Confirmed);
        if (order == 0) order = string.CompareOrdinal(a.Source, b.Source);
        return order;
    }

    public IReadOnlyList<string> SortedWarnings()
    {
        var sorted = new List<string>(warnings);
        sorted.Sort(StringComparer.Ordinal);
        return sorted;
    }
}
