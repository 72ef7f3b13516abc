namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// CODES.md rule 15: breast cancer is "recorded" only on breast-specific evidence — a confirmed breast primary or
/// history of breast cancer, or a confirmed fact of spread or stage linked to a breast primary (a link whose
/// target is not in the record counts when its display names breast cancer; said so, and marked as text).
/// Receptor and variant results, a bare M1 or a stage IV never make it recorded.
/// </summary>
internal static class BreastCancerRule
{
    public static string Decide(
        PatientData data, IReadOnlyList<PrimaryFinding> primaries, IEnumerable<string> linkedFacts, SpreadOrigins origins, ExtractionLog log)
    {
        if (primaries.Any(p => p.Confirmed)) return ProfileValues.Recorded;
        var linked = linkedFacts.Where(r => origins.Of(r) == Origin.Breast).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var reference in linked)
        {
            log.Evidence("breast-cancer", reference, null);
            if (!origins.BreastByDisplayOnly(reference)) continue;
            log.Warn(reference, "breast cancer known only from the display of a related primary that is not in the record");
            log.FromText(reference, "breast-cancer");
        }
        if (linked.Count > 0) return ProfileValues.Recorded;
        log.Warn(data.Patient.Reference,
            "no breast cancer diagnosis found (no breast primary, no history of breast cancer, no spread linked to one); receptor, variant or stage results alone do not show breast cancer (rule 15)");
        return ProfileValues.NotFound;
    }
}
