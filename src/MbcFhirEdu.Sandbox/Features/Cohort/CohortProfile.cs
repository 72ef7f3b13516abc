using System.Globalization;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

internal enum ReceptorStatus { Positive, Negative }

internal enum Her2Result { Zero, Ihc1, Ihc2IshNegative, Ihc2IshAmplified, Ihc3 }

/// <summary>A metastatic site of one generated patient and how its Condition is coded (0 SNOMED disorder,
/// 1 SNOMED 128462008 + bodySite, 2 ICD-10-CM).</summary>
internal sealed record CohortSite(CohortCodes.Site Site, int Pattern, DateTimeOffset Recorded);

/// <summary>
/// The clinical story of one generated patient, drawn from its own seeded stream: what the per-type generators
/// build resources from. Cheap to make (a few dozen random draws), so it is remade for each type asked for.
/// </summary>
internal sealed record CohortProfile(
    int Index,
    string PatientId,
    bool Female,
    DateOnly BirthDate,
    string Family,
    string Given,
    string Language,
    DateTimeOffset Diagnosis,
    bool Left,
    int PrimaryPattern,
    ReceptorStatus Er,
    ReceptorStatus Pr,
    Her2Result Her2,
    IReadOnlyList<CohortSite> Sites,
    bool? Pdl1Positive,
    bool? Pik3caDetected,
    bool? Esr1Detected,
    DateTimeOffset? Deceased,
    DateTimeOffset LastUpdated,
    int OtherConditions,
    int OtherReports,
    int OtherObservations,
    bool Unexportable)
{
    /// <summary>Generated records end before this date, so a clock after it sees them as old and only advances as new.</summary>
    public static readonly DateTimeOffset RecordsEnd = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Families = ["Ashcombe", "Brightmoor", "Calloway", "Dunmere", "Elsworth", "Fairhaven", "Greystoke", "Hollinsby", "Ivesdale", "Kettering", "Larkspur", "Merriwell", "Northam", "Oakhurst", "Penrose", "Quenby", "Rushworth", "Stanwick", "Thornley", "Underhill"];
    private static readonly string[] Givens = ["Ada", "Beatrice", "Clara", "Delphine", "Edith", "Florence", "Greta", "Hazel", "Iris", "Josephine", "Lena", "Mabel", "Nora", "Olive", "Pearl", "Ruth", "Sylvia", "Thea", "Vera", "Wilma"];
    private static readonly string[] MaleGivens = ["Albert", "Cedric", "Edmund", "Horace", "Leonard", "Walter"];
    private static readonly string[] Languages = ["en", "en", "en", "en", "en-US", "es", "es-MX", "vi", "zh", "fr"];

    public static string PatientIdOf(int index) => "cohort-" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The index of a generated patient id (also of its resources' ids, which start with it); null otherwise.</summary>
    public static int? IndexOf(string id)
    {
        if (!id.StartsWith("cohort-", StringComparison.Ordinal)) return null;
        var digits = id.AsSpan("cohort-".Length);
        var end = digits.IndexOf('-');
        if (end >= 0) digits = digits[..end];
        return digits.Length >= 6 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    public static CohortProfile Create(SandboxCohortOptions options, int index)
    {
        var r = new CohortRandom(CohortRandom.Mix(options.Seed, index, 0));
        var female = r.Chance(0.98);
        var birth = r.Moment(new DateTimeOffset(1938, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1992, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var diagnosis = r.Moment(new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero));
        var er = r.Chance(0.72) ? ReceptorStatus.Positive : ReceptorStatus.Negative;
        var pr = er == ReceptorStatus.Positive && r.Chance(0.8) ? ReceptorStatus.Positive : ReceptorStatus.Negative;
        var her2 = r.Random.Next(100) switch
        {
            < 32 => Her2Result.Zero,
            < 55 => Her2Result.Ihc1,
            < 70 => Her2Result.Ihc2IshNegative,
            < 78 => Her2Result.Ihc2IshAmplified,
            _ => Her2Result.Ihc3,
        };
        var sites = new List<CohortSite>();
        if (r.Chance(0.6))
        {
            var deNovo = r.Chance(0.3);
            var first = deNovo ? diagnosis.AddDays(r.Random.Next(0, 60)) : r.Moment(diagnosis.AddDays(200), Min(diagnosis.AddYears(8), RecordsEnd.AddDays(-30)));
            foreach (var site in CohortCodes.Sites)
                if (sites.Count == 0 ? r.Chance(site.Key == "bone" ? 0.6 : 0.3) : r.Chance(0.25))
                    sites.Add(new CohortSite(site, r.Random.Next(3), first.AddDays(r.Random.Next(0, 120))));
            if (sites.Count == 0) sites.Add(new CohortSite(CohortCodes.Sites[0], r.Random.Next(3), first));
        }
        var tripleNegative = er == ReceptorStatus.Negative && pr == ReceptorStatus.Negative && her2 is not (Her2Result.Ihc3 or Her2Result.Ihc2IshAmplified);
        bool? pdl1 = r.Chance(tripleNegative ? 0.8 : 0.1) ? r.Chance(0.45) : null;
        var hrPositiveMetastatic = sites.Count > 0 && er == ReceptorStatus.Positive;
        bool? pik3ca = r.Chance(hrPositiveMetastatic ? 0.7 : 0.05) ? r.Chance(0.4) : null;
        bool? esr1 = r.Chance(hrPositiveMetastatic ? 0.35 : 0.02) ? r.Chance(0.35) : null;
        var lastEvent = sites.Count > 0 ? sites.Max(s => s.Recorded) : diagnosis.AddDays(30);
        DateTimeOffset? deceased = r.Chance(sites.Count > 0 ? 0.12 : 0.02) ? r.Moment(lastEvent.AddDays(30), RecordsEnd.AddDays(-1)) : null;
        var total = Math.Max(options.ResourcesPerPatient * (90 + r.Random.Next(21)) / 100, 20);
        var clinical = 1 + 1 + sites.Count + 5 + (pdl1 is null ? 0 : 1) + (pik3ca is null ? 0 : 1) + (esr1 is null ? 0 : 1);
        var rest = Math.Max(total - clinical, 3);
        var lastUpdated = Min(r.Moment(Max(lastEvent, deceased ?? lastEvent), Max(lastEvent, deceased ?? lastEvent).AddDays(60)), RecordsEnd);
        return new CohortProfile(
            index, PatientIdOf(index), female, DateOnly.FromDateTime(birth.UtcDateTime),
            r.Pick(Families), female ? r.Pick(Givens) : r.Pick(MaleGivens), r.Pick(Languages),
            diagnosis, r.Chance(0.5), r.Random.Next(4), er, pr, her2, sites, pdl1, pik3ca, esr1, deceased, lastUpdated,
            OtherConditions: rest / 10, OtherReports: rest / 20, OtherObservations: rest - rest / 10 - rest / 20,
            Unexportable: options.UnexportableEvery > 0 && index % options.UnexportableEvery == options.UnexportableEvery - 1);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
