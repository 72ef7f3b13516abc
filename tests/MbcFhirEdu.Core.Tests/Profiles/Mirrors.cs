using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// Which fhir-profiles ValueSet mirrors which Core table rows. Families keyed by a meaning
/// (<c>mbcedu-site-&lt;key&gt;</c>, <c>mbcedu-test-&lt;kind&gt;</c>, ...) are derived from the meanings in the
/// tables, so a table that gains a meaning needs a new ValueSet before the tests pass.
/// </summary>
internal static class Mirrors
{
    public static readonly IReadOnlyList<CoreTable> SiteTables =
    [
        CoreTable.Of(MetastasisCodes.SnomedDisorders), CoreTable.Of(MetastasisCodes.SnomedBodySites),
        CoreTable.Of(MetastasisCodes.IcdO3Topography), CoreTable.Of(MetastasisCodes.IcdSites),
    ];

    public static readonly CoreTable History = CoreTable.Of(MetastasisCodes.History);

    /// <summary>ValueSets that describe our own vocabulary rather than mirroring a Core table.</summary>
    public static readonly IReadOnlySet<string> NotMirrors = new HashSet<string>(StringComparer.Ordinal) { "mbcedu-site-key", "mbcedu-audience" };

    public static IReadOnlyList<Mirror> All { get; } = Build();

    public static IEnumerable<CoreTable> Tables => All.SelectMany(m => m.Slices).Select(s => s.Table).DistinctBy(t => t.Name);

    private static List<Mirror> Build()
    {
        var mirrors = new List<Mirror>();
        foreach (var key in ProfileValues.SiteKeys)
        {
            mirrors.Add(new($"mbcedu-site-{key}", [.. SiteTables.Select(t => new TableSlice(t, key))]));
        }

        mirrors.Add(Whole("mbcedu-secondary-malignant-neoplasm", CoreTable.Of(MetastasisCodes.GenericSecondary), CoreTable.Of(MetastasisCodes.IcdSecondary)));
        mirrors.Add(Whole("mbcedu-regional-lymph-nodes", CoreTable.Of(MetastasisCodes.RegionalNodes), CoreTable.Of(MetastasisCodes.RegionalNodePrefixes)));
        mirrors.Add(Whole("mbcedu-observation-metastasis-site", CoreTable.Of(MetastasisCodes.SiteObservations)));
        mirrors.Add(Whole("mbcedu-history-of-metastatic-cancer", History));
        mirrors.Add(Whole("mbcedu-mii-distant-metastasis", CoreTable.Of(MetastasisCodes.MiiLocalisation)));
        mirrors.Add(Whole("mbcedu-no-metastasis-site", CoreTable.Of(MetastasisCodes.NoSite)));
        mirrors.Add(Whole("mbcedu-other-primary-cancer", CoreTable.Of(OtherPrimaryCodes.IcdOtherPrimary)));

        mirrors.Add(Whole("mbcedu-primary-breast-cancer", CoreTable.Of(PrimaryCancerCodes.SnomedDisorders), CoreTable.Of(PrimaryCancerCodes.IcdBreast)));
        mirrors.Add(Whole("mbcedu-malignant-neoplastic-disease", CoreTable.Of(PrimaryCancerCodes.GenericMalignancy)));
        mirrors.Add(Whole("mbcedu-breast-body-site", CoreTable.Of(PrimaryCancerCodes.BreastBodySites), CoreTable.Of(PrimaryCancerCodes.BreastTopography)));
        mirrors.Add(Whole("mbcedu-breast-cancer-history", CoreTable.Of(PrimaryCancerCodes.IcdHistory), CoreTable.Of(PrimaryCancerCodes.SnomedHistory)));
        mirrors.Add(Whole("mbcedu-family-history-breast-cancer", CoreTable.Of(PrimaryCancerCodes.FamilyHistory)));

        mirrors.AddRange(ByMeaning("mbcedu-test-", m => m, CoreTable.Of(MarkerCodes.Tests), CoreTable.Of(GeneCodes.Observations)));
        mirrors.Add(Whole("mbcedu-gene-studied", CoreTable.Of(GeneCodes.GeneStudied)));
        mirrors.Add(new("mbcedu-gene", [new(CoreTable.Of(GeneCodes.Genes))], MeaningFromDisplay: symbol => symbol));

        // IHC scores share one ValueSet (an id cannot hold '+'); the display is the score.
        var values = CoreTable.Of(AnswerCodes.Values);
        var interpretations = CoreTable.Of(AnswerCodes.Interpretations);
        mirrors.AddRange(ByMeaning("mbcedu-answer-", m => m, values, interpretations).Where(m => !m.ValueSetId.StartsWith("mbcedu-answer-ihc-", StringComparison.Ordinal)));
        mirrors.Add(new("mbcedu-answer-her2-ihc-score",
            [.. values.Entries.Select(e => e.Meaning).Where(m => m.StartsWith("ihc-", StringComparison.Ordinal)).Distinct().Select(m => new TableSlice(values, m))],
            MeaningFromDisplay: score => $"ihc-{score}"));

        mirrors.Add(Whole("mbcedu-observation-stage-group", CoreTable.Of(StageCodes.StageGroupObservations)));
        mirrors.Add(Whole("mbcedu-observation-m-category", CoreTable.Of(StageCodes.MCategoryObservations)));
        mirrors.AddRange(ByMeaning("mbcedu-m-category-", m => m.ToLowerInvariant(), CoreTable.Of(StageCodes.MValues)));
        mirrors.AddRange(ByMeaning("mbcedu-stage-group-", m => m.ToLowerInvariant(), CoreTable.Of(StageCodes.StageValues)));
        return mirrors;
    }

    private static Mirror Whole(string id, params CoreTable[] tables) => new(id, [.. tables.Select(t => new TableSlice(t))]);

    private static IEnumerable<Mirror> ByMeaning(string prefix, Func<string, string> idPart, params CoreTable[] tables) =>
        tables.SelectMany(t => t.Entries.Select(e => e.Meaning))
            .Distinct(StringComparer.Ordinal)
            .Select(meaning => new Mirror(prefix + idPart(meaning),
                [.. tables.Where(t => t.Entries.Any(e => e.Meaning == meaning)).Select(t => new TableSlice(t, meaning))]));
}
