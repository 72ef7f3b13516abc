using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>Builds profiles the way the extractor would, with one dated, confirmed evidence row per finding.</summary>
public static class TestProfiles
{
    public static readonly DateOnly Recorded = new(2024, 3, 2);

    public static ClinicalProfile Metastatic(
        string[] sites, string er = "positive", string pr = "positive", string her2 = "zero", string? subtype = null,
        string recurrence = "distant-recurrence", string stage = "IV", bool metastatic = true, bool receptorChange = false,
        (string Gene, string Result)[]? variants = null)
    {
        variants ??= [];
        var evidence = new List<Evidence>();
        evidence.AddRange(sites.Select(s => new Evidence("site:" + s, "Condition/site-" + s, Recorded)));
        if (stage == "IV")
        {
            evidence.Add(new Evidence("stage:IV", "Observation/stage", Recorded));
        }
        if (metastatic)
        {
            evidence.Add(new Evidence("metastatic", "Condition/primary", Recorded));
        }
        if (recurrence != "unknown")
        {
            evidence.Add(new Evidence("recurrence:" + recurrence, "Condition/primary", Recorded));
        }
        evidence.Add(new Evidence("er:" + er, "Observation/er", Recorded));
        evidence.Add(new Evidence("pr:" + pr, "Observation/pr", Recorded));
        evidence.Add(new Evidence("her2:" + her2, "Observation/her2", Recorded));
        if (receptorChange)
        {
            evidence.Add(new Evidence("receptor-change:er", "Observation/er", Recorded));
        }
        evidence.AddRange(variants.Select(v => new Evidence($"variant:{v.Gene}:{v.Result}", "Observation/variant-" + v.Gene, Recorded)));
        return new ClinicalProfile
        {
            BreastCancer = ProfileValues.Recorded,
            Patient = "Patient/p1",
            Metastatic = metastatic,
            Sites = [.. sites.Order(StringComparer.Ordinal)],
            Stage = stage,
            Recurrence = recurrence,
            Er = er,
            Pr = pr,
            Her2 = her2,
            Subtype = subtype ?? Subtype(er, pr, her2),
            Variants = new SortedDictionary<string, string>(variants.ToDictionary(v => v.Gene, v => v.Result), StringComparer.Ordinal),
            ReceptorChange = receptorChange,
            Evidence = evidence,
        };
    }

    public static ClinicalProfile Early(string er = "positive", string pr = "positive", string her2 = "zero", string stage = "II", string[]? sites = null) =>
        Metastatic(sites ?? [], er, pr, her2, recurrence: "unknown", stage: stage, metastatic: false);

    private static string Subtype(string er, string pr, string her2)
    {
        var hr = er is "positive" or "low" || pr is "positive" or "low";
        var her2Positive = her2 == "positive";
        return (hr, her2Positive, er, pr, her2) switch
        {
            (_, _, "unknown", _, _) or (_, _, _, "unknown", _) or (_, _, _, _, "unknown" or "equivocal") => "unknown",
            (true, true, _, _, _) => "hr-positive-her2-positive",
            (true, false, _, _, _) => "hr-positive-her2-negative",
            (false, true, _, _, _) => "hr-negative-her2-positive",
            _ => "triple-negative",
        };
    }
}
