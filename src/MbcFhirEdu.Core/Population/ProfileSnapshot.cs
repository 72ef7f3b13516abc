using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Population;

/// <summary>
/// The part of a <see cref="ClinicalProfile"/> a population run compares between runs (issue 18): breast cancer
/// recorded, metastatic status and its first date, current sites with their first dates, ER/PR/HER2, the tracked
/// biomarker results (PD-L1, PIK3CA, ESR1, BRCA1, BRCA2) with their newest dates, and deceased. Lists are sorted, so
/// two snapshots of the same record are equal field by field whatever order the resources came in.
/// Built only from confirmed evidence: a finding a patient must not see yet never enters it.
/// </summary>
public sealed record ProfileSnapshot
{
    public bool BreastCancer { get; init; }
    public bool Metastatic { get; init; }
    /// <summary>The earliest date of the confirmed evidence that made the profile metastatic, when dated.</summary>
    public DateOnly? MetastaticDate { get; init; }
    /// <summary>Current sites (CODES.md keys), ordinal order, each with its earliest confirmed evidence date.</summary>
    public IReadOnlyList<SiteSnapshot> Sites { get; init; } = [];
    public string Er { get; init; } = ProfileValues.Unknown;
    public string Pr { get; init; } = ProfileValues.Unknown;
    public string Her2 { get; init; } = ProfileValues.Unknown;
    /// <summary>Known results of the tracked markers only, ordered as <see cref="TrackedMarkers"/>.</summary>
    public IReadOnlyList<BiomarkerSnapshot> Biomarkers { get; init; } = [];
    public bool Deceased { get; init; }

    /// <summary>The markers whose new results put a patient on the worklist: PD-L1, then the genes by symbol.</summary>
    public static readonly IReadOnlyList<string> TrackedMarkers = ["PD-L1", "PIK3CA", "ESR1", "BRCA1", "BRCA2"];

    /// <summary>The snapshot of <paramref name="profile"/>.</summary>
    public static ProfileSnapshot From(ClinicalProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var confirmed = profile.Evidence.Where(e => e.Confirmed).ToList();
        var biomarkers = new List<BiomarkerSnapshot>();
        if (profile.Pdl1 != ProfileValues.Unknown)
            biomarkers.Add(new BiomarkerSnapshot("PD-L1", profile.Pdl1, Newest(confirmed, $"pdl1:{profile.Pdl1}")));
        foreach (var gene in TrackedMarkers.Skip(1))
        {
            if (profile.Variants.TryGetValue(gene, out var value))
                biomarkers.Add(new BiomarkerSnapshot(gene, value, Newest(confirmed, $"variant:{gene}:{value}")));
        }
        return new ProfileSnapshot
        {
            BreastCancer = profile.BreastCancer == ProfileValues.Recorded,
            Metastatic = profile.Metastatic,
            MetastaticDate = profile.Metastatic ? Earliest(confirmed, "metastatic") : null,
            Sites = profile.Sites.Order(StringComparer.Ordinal).Select(s => new SiteSnapshot(s, Earliest(confirmed, $"site:{s}"))).ToList(),
            Er = profile.Er,
            Pr = profile.Pr,
            Her2 = profile.Her2,
            Biomarkers = biomarkers,
            Deceased = profile.Deceased,
        };
    }

    private static DateOnly? Earliest(List<Evidence> evidence, string fact) =>
        evidence.Where(e => e.Fact == fact && e.Date is not null).Select(e => e.Date).Min();

    private static DateOnly? Newest(List<Evidence> evidence, string fact) =>
        evidence.Where(e => e.Fact == fact && e.Date is not null).Select(e => e.Date).Max();
}

/// <summary>A current metastatic site and the earliest date it was recorded (null when no evidence was dated).</summary>
public sealed record SiteSnapshot(string Site, DateOnly? Date);

/// <summary>A tracked marker's current result ("positive", "detected", ...) and the newest date that says so.</summary>
public sealed record BiomarkerSnapshot(string Marker, string Value, DateOnly? Date);
