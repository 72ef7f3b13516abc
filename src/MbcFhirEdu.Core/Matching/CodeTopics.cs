using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Clinical.Codes;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>What a single code is about, for code-driven lookups (Infobutton): a kind and the material tags it points to.</summary>
/// <param name="Kind">"site", "metastatic", "primary" or "marker".</param>
/// <param name="Meaning">The code table's meaning: a site key, "secondary" / "site-of-metastasis", "breast", or a marker test kind.</param>
public sealed record CodeTopic(string Kind, string Meaning, IReadOnlyList<string> Tags);

/// <summary>
/// Maps one code to the materials about it, through the extractor's own code tables (so the two never disagree):
/// a secondary-neoplasm disorder (SNOMED pre-coordinated or ICD-10-CM C77–C79/C7B) to its <c>site:</c> materials,
/// a spread code that names no site (SNOMED 128462008, the site-of-metastasis Observation codes) to the general
/// metastatic materials and the universal warning signs,
/// a primary breast cancer code to the general and stage IV materials, a tumour-marker test (LOINC) to the
/// materials about what that result can mean. Unlike <see cref="MatchingEngine"/>, no patient is involved.
/// </summary>
public static class CodeTopics
{
    private static readonly string[] Receptors = [Tags.HrPositive, Tags.TripleNegative, Tags.ReceptorChange, Tags.BiomarkerUnknown];
    private static readonly string[] Her2 = [Tags.Her2Positive, Tags.Her2Low, Tags.TripleNegative, Tags.BiomarkerUnknown];
    private static readonly string[] Pdl1 = [Tags.TripleNegative];
    private static readonly string[] Other = [Tags.BiomarkerUnknown];

    /// <summary>The topic of <paramref name="code"/> (system already normalised), or null when no table knows it.</summary>
    public static CodeTopic? For(Code code)
    {
        if ((MetastasisCodes.SnomedDisorders.Find(code) ?? MetastasisCodes.IcdSites.Find(code)) is { } site)
            return new CodeTopic("site", site, [Tags.Site(site)]);
        // Spread with no site in the code itself (the site is a bodySite or the Observation's value): still metastatic.
        if ((MetastasisCodes.GenericSecondary.Find(code) ?? MetastasisCodes.SiteObservations.Find(code)) is { } secondary)
            return new CodeTopic("metastatic", secondary, [Tags.UrgentAnyMetastatic, Tags.General, Tags.StageIv]);
        if ((PrimaryCancerCodes.SnomedDisorders.Find(code) ?? PrimaryCancerCodes.IcdBreast.Find(code)) is { } primary)
            return new CodeTopic("primary", primary, [Tags.General, Tags.StageIv]);
        if (MarkerCodes.Tests.Find(code) is { } marker)
        {
            var tags = MarkerCodes.IsEr(marker) || MarkerCodes.IsPr(marker) ? Receptors
                : MarkerCodes.IsHer2(marker) ? Her2
                : MarkerCodes.IsPdl1(marker) ? Pdl1
                : Other;
            return new CodeTopic("marker", marker, tags);
        }
        return null;
    }

    /// <summary>
    /// The materials whose topics include one of the topic's tags, in <paramref name="language"/> (English where no
    /// translation exists), red-flag guidance first, then by priority and id. <c>sex:male</c> materials are added
    /// for a primary cancer code when <paramref name="male"/> is true.
    /// </summary>
    public static IReadOnlyList<Material> Materials(CodeTopic topic, MaterialCatalog catalog, string language, bool male = false)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(catalog);
        var tags = topic.Kind == "primary" && male ? [.. topic.Tags, Tags.SexMale] : topic.Tags;
        return catalog.Ids
            .Select(id => catalog.FindWithFallback(id, language))
            .OfType<Material>()
            .Where(m => m.Topics.Any(tags.Contains))
            .OrderByDescending(m => m.Urgent).ThenBy(m => m.Priority).ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }
}
