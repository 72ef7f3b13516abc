namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>Which cancer a fact of spread or stage is linked to.</summary>
internal enum Origin
{
    /// <summary>No link at all.</summary>
    Unlinked,
    /// <summary>Linked to a breast primary (a Condition in the record, or an unresolved link whose display names one).</summary>
    Breast,
    /// <summary>Linked to a primary cancer other than breast.</summary>
    Other,
    /// <summary>Linked to something that is not in the record and whose display says nothing useful.</summary>
    Unknown,
}

/// <summary>
/// CODES.md rules 12 and 15: whether spread (a metastasis, M1, stage IV) and stage facts belong to the breast cancer.
/// A fact is linked through a Condition's related-primary references, an Observation's focus, or a breast primary's
/// Condition.stage.assessment. Linked to another primary cancer: not breast cancer spread (warned, naming both).
/// Not linked while an active primary cancer other than breast is recorded: of unclear origin (warned, not counted).
/// A link that does not resolve is read by its display: breast cancer words link it to the breast, another
/// cancer's words to that cancer; with no display it counts as before, with a warning, unless another active
/// primary makes its origin unclear.
/// </summary>
internal sealed class SpreadOrigins
{
    private readonly HashSet<string> breast = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OtherPrimary> others = new(StringComparer.Ordinal);
    private readonly HashSet<string> assessedByBreast = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<RelatedReference>> links = new(StringComparer.Ordinal);
    private readonly HashSet<string> conditions = new(StringComparer.Ordinal);
    private readonly List<OtherPrimary> activeOthers;

    public SpreadOrigins(PatientData data, IReadOnlyList<PrimaryFinding> primaries, IReadOnlyList<OtherPrimary> otherPrimaries)
    {
        foreach (var primary in primaries)
        {
            breast.Add(primary.Condition.Reference);
            foreach (var stage in primary.Condition.Stages) assessedByBreast.UnionWith(stage.Assessments);
        }
        foreach (var other in otherPrimaries) others.TryAdd(other.Condition.Reference, other);
        activeOthers = [.. otherPrimaries.Where(o => o.Active).OrderBy(o => o.Condition.Reference, StringComparer.Ordinal)];
        foreach (var condition in data.Conditions)
        {
            conditions.Add(condition.Reference);
            if (AboutConditions(condition.RelatedPrimaries) is { } related) links.TryAdd(condition.Reference, related);
        }
        foreach (var observation in data.Observations)
        {
            if (AboutConditions(observation.Focus) is { } focus) links.TryAdd(observation.Reference, focus);
        }
    }

    // Focus may name a specimen, a body structure or the patient: only links that may be a Condition say whose
    // cancer a fact is ("Condition/…", an unresolved urn, or a display alone).
    private static List<RelatedReference>? AboutConditions(IReadOnlyList<RelatedReference> references)
    {
        if (references.Count == 0) return null;
        var kept = references.Where(r => r.Reference.StartsWith("Condition/", StringComparison.Ordinal) || !NamesAType(r.Reference)).ToList();
        return kept.Count == 0 ? null : kept;
    }

    private static bool NamesAType(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && char.IsAsciiLetterUpper(reference[0]) && reference.AsSpan(0, slash).ContainsAnyExcept(Letters) is false;
    }

    private static readonly System.Buffers.SearchValues<char> Letters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>An active primary cancer other than breast is recorded.</summary>
    public bool AnotherActivePrimary => activeOthers.Count > 0;

    public Origin Of(string reference) => Classify(reference).Origin;

    /// <summary>
    /// Whether <paramref name="what"/> ("metastasis", "M1", "stage IV", ...) from <paramref name="reference"/> counts
    /// for the breast cancer; warns when it does not, or when its link cannot be followed.
    /// </summary>
    public bool Counts(string reference, string what, ExtractionLog log)
    {
        var (origin, target) = Classify(reference);
        switch (origin)
        {
            case Origin.Breast:
                return true;
            case Origin.Other:
                log.Warn(reference, $"{what} is linked to another primary cancer ({target}), not to breast cancer: not breast cancer spread, not counted");
                return false;
            default:
                if (AnotherActivePrimary)
                {
                    log.Warn(reference, $"spread of unclear origin: another primary cancer is recorded ({string.Join(", ", activeOthers.Select(o => o.Condition.Reference))}); this {what} is not linked to the breast primary and is not counted");
                    return false;
                }
                if (origin == Origin.Unknown)
                    log.Warn(reference, $"related primary {target} is not in the record or not recognised as a cancer; {what} counted as breast cancer spread");
                return true;
        }
    }

    private (Origin Origin, string? Target) Classify(string reference)
    {
        if (assessedByBreast.Contains(reference)) return (Origin.Breast, null);
        if (!links.TryGetValue(reference, out var related)) return (Origin.Unlinked, null);
        (Origin Origin, string? Target) best = (Origin.Unlinked, null);
        foreach (var link in related)
        {
            var origin = OfLink(link);
            // Breast beats another cancer beats an unreadable link: one link to the breast primary is enough.
            if (Rank(origin) > Rank(best.Origin)) best = (origin, Describe(link));
        }
        return best;
    }

    private Origin OfLink(RelatedReference link)
    {
        if (breast.Contains(link.Reference)) return Origin.Breast;
        if (others.ContainsKey(link.Reference)) return Origin.Other;
        if (conditions.Contains(link.Reference))
        {
            // In the record, but neither a breast primary nor a recognised other primary (a secondary, an unknown code).
            return Origin.Unknown;
        }
        if (TextClues.SaysPrimaryBreastCancer(link.Display) || (TextClues.MentionsBreast(link.Display) && TextClues.SaysMalignant(link.Display)))
            return Origin.Breast;
        if (TextClues.SaysOtherPrimaryCancer(link.Display)) return Origin.Other;
        return Origin.Unknown;
    }

    // A link the reader could only keep by its display has no reference to name.
    private static string Describe(RelatedReference link) => link.Reference.Length > 0 ? link.Reference : "(a display-only reference)";

    /// <summary>A link resolved to a breast primary only through its display (not in the record).</summary>
    public bool BreastByDisplayOnly(string reference) =>
        links.TryGetValue(reference, out var related)
        && !related.Any(l => breast.Contains(l.Reference))
        && !assessedByBreast.Contains(reference)
        && related.Any(l => OfLink(l) == Origin.Breast);

    private static int Rank(Origin origin) => origin switch
    {
        Origin.Breast => 3,
        Origin.Other => 2,
        Origin.Unknown => 1,
        _ => 0,
    };
}
