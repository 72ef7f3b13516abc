using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Clinical.ProfileValues;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Library-wide rules checked through the matching engine itself, with representative profiles (issue 13 item 8):
/// every language of the library has a material tagged <c>urgent:any-metastatic</c>; every metastatic profile and
/// every partial record gets one first, in every language and for both audiences; an ER-low profile gets the
/// <c>biomarker:er-low</c> material before the <c>biomarker:hr-positive</c> one.
/// </summary>
internal static class UrgentCoverage
{
    private static readonly DateOnly Today = new(2026, 1, 1);

    public static IEnumerable<ContentProblem> Check(IReadOnlyList<Material> materials)
    {
        var languages = materials.Select(m => m.Language).Where(l => l is MaterialCatalog.English or MaterialCatalog.Spanish)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var catalog = new MaterialCatalog(materials);
        foreach (var language in languages)
        {
            if (!materials.Any(m => m.Language == language && m.Topics.Contains(Tags.UrgentAnyMetastatic)))
            {
                yield return new($"{language}/", "urgent",
                    $"no material in {language}/ is tagged {Tags.UrgentAnyMetastatic}: every metastatic patient must get the signs that need help now, in their language");
            }
            var misses = new List<string>();
            foreach (var (description, profile, missing) in Profiles())
            {
                foreach (var audience in new[] { Audience.Patient, Audience.Clinician })
                {
                    var request = new MatchRequest { Language = language, Audience = audience, MissingParts = missing, Policy = new MatchPolicy { Today = Today } };
                    var first = MatchingEngine.Recommend(profile, catalog, request).Items.FirstOrDefault();
                    if (first is null || !first.Topics.Contains(Tags.UrgentAnyMetastatic))
                    {
                        misses.Add($"{description} ({audience.ToString().ToLowerInvariant()}) gets {(first is null ? "nothing" : $"'{first.MaterialId}'")} first");
                    }
                }
            }
            if (misses.Count > 0)
            {
                yield return new($"{language}/", "urgent",
                    $"a material tagged {Tags.UrgentAnyMetastatic} must come first for every metastatic profile and partial record; " +
                    $"{misses.Count} do not, e.g. {string.Join("; ", misses.Take(3))}");
            }
            if (ErLowOrder(catalog, language) is { } problem)
            {
                yield return problem;
            }
        }
    }

    private static ContentProblem? ErLowOrder(MaterialCatalog catalog, string language)
    {
        var profile = Spread(["bone"]) with { Er = Low, Pr = Negative, Her2 = Zero, Subtype = HrPositiveHer2Negative };
        var items = MatchingEngine.Recommend(profile, catalog, new MatchRequest { Language = language }).Items.ToList();
        var erLow = items.FindIndex(i => i.Topics.Contains(Tags.ErLow));
        var hr = items.FindIndex(i => i.Topics.Contains(Tags.HrPositive) && !i.Topics.Contains(Tags.ErLow));
        return erLow >= 0 && hr >= 0 && erLow > hr
            ? new($"{language}/", "priority", $"for ER-low, '{items[erLow].MaterialId}' ({Tags.ErLow}) must come before '{items[hr].MaterialId}' ({Tags.HrPositive}): give it a lower priority")
            : null;
    }

    /// <summary>Metastatic profiles across sites, stages, recurrence and receptor types, and partial records.</summary>
    private static IEnumerable<(string Description, ClinicalProfile Profile, IReadOnlyList<string> Missing)> Profiles()
    {
        foreach (var site in SiteKeys)
        {
            yield return ($"spread to {site}", Spread([site]), []);
        }
        yield return ("spread to bone and brain", Spread(["bone", "brain"]), []);
        yield return ("stage IV, no site", Spread([]), []);
        yield return ("spread to the liver, stage III recorded", Spread(["liver"]) with { Stage = "III" }, []);
        yield return ("spread, stage unknown", Spread([]) with { Stage = Unknown }, []);
        yield return ("de novo", Spread(["bone"]) with { Recurrence = DeNovo }, []);
        yield return ("distant recurrence", Spread(["lung"]) with { Recurrence = DistantRecurrence }, []);
        yield return ("HR-positive", Spread(["bone"]) with { Er = Positive, Pr = Positive, Her2 = Zero, Subtype = HrPositiveHer2Negative }, []);
        yield return ("ER-low", Spread(["bone"]) with { Er = Low, Pr = Negative, Her2 = Zero, Subtype = HrPositiveHer2Negative }, []);
        yield return ("HER2-positive", Spread(["brain"]) with { Er = Negative, Pr = Negative, Her2 = Positive, Subtype = HrNegativeHer2Positive }, []);
        yield return ("HER2-low", Spread(["liver"]) with { Er = Positive, Pr = Negative, Her2 = Low, Subtype = HrPositiveHer2Negative }, []);
        yield return ("triple-negative", Spread(["lung"]) with { Er = Negative, Pr = Negative, Her2 = Zero, Subtype = TripleNegative }, []);
        yield return ("receptor change", Spread(["bone"]) with { ReceptorChange = true, Er = Positive }, []);
        var variants = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["PIK3CA"] = Detected, ["ESR1"] = Detected, ["BRCA2"] = Detected, ["AKT1"] = Detected };
        yield return ("gene changes", Spread(["bone"]) with { Variants = variants }, []);
        yield return ("partial record, no spread in what loaded", new ClinicalProfile { Patient = "Patient/check", BreastCancer = Recorded, Stage = "II" }, ["diagnoses"]);
        yield return ("partial record, no breast cancer in what loaded", new ClinicalProfile { Patient = "Patient/check", BreastCancer = NotFound }, ["diagnoses"]);
        yield return ("partial record with spread", Spread(["bone"]), ["lab results"]);
    }

    private static ClinicalProfile Spread(string[] sites) => new()
    {
        Patient = "Patient/check",
        BreastCancer = Recorded,
        Metastatic = true,
        Stage = "IV",
        Sites = [.. sites],
    };
}
