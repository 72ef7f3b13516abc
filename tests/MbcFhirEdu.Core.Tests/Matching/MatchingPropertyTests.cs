using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>Properties over random profiles and requests: requirements always hold, nothing that qualifies is lost, order is stable.</summary>
public sealed class MatchingPropertyTests
{
    private static readonly string[] Genes = ["PIK3CA", "ESR1", "AKT1", "PTEN", "BRCA1", "BRCA2"];

    private static readonly Gen<Evidence> EvidenceRow =
        from fact in Gen.Elements("site:bone", "site:liver", "er:positive", "her2:low", "stage:IV", "metastatic", "variant:AKT1:detected", "receptor-change:er")
        from days in Gen.Choose(0, 60)
        from dated in Gen.Elements(true, false)
        from confirmed in Gen.Elements(true, true, false)
        select new Evidence(fact, "Observation/x" + days, dated ? new DateOnly(2024, 3, 1).AddDays(-days) : null, confirmed);

    private static readonly Gen<ClinicalProfile> Profiles =
        from sites in Gen.SubListOf(ProfileValues.SiteKeys.ToArray())
        from metastatic in Gen.Elements(true, false)
        from stage in Gen.Elements("0", "I", "II", "III", "IV", "unknown")
        from recurrence in Gen.Elements("de-novo", "distant-recurrence", "unknown")
        from er in Gen.Elements("positive", "low", "negative", "unknown")
        from pr in Gen.Elements("positive", "low", "negative", "unknown")
        from her2 in Gen.Elements("positive", "low", "ultralow", "zero", "negative", "equivocal", "unknown")
        from subtype in Gen.Elements("hr-positive-her2-negative", "hr-positive-her2-positive", "hr-negative-her2-positive", "triple-negative", "unknown")
        from genes in Gen.SubListOf(Genes)
        from detected in Gen.ArrayOf(Gen.Elements("detected", "not-detected"), genes.Count)
        from receptorChange in Gen.Elements(true, false)
        from evidence in Gen.ListOf(EvidenceRow)
        select new ClinicalProfile
        {
            BreastCancer = ProfileValues.Recorded,
            Patient = "Patient/p",
            Metastatic = metastatic,
            Sites = [.. sites],
            Stage = stage,
            Recurrence = recurrence,
            Er = er,
            Pr = pr,
            Her2 = her2,
            Subtype = subtype,
            Variants = new SortedDictionary<string, string>(genes.Select((g, i) => (g, detected[i])).ToDictionary(x => x.g, x => x.Item2), StringComparer.Ordinal),
            ReceptorChange = receptorChange,
            Evidence = [.. evidence],
        };

    private static readonly Gen<MatchRequest> Requests =
        from language in Gen.Elements("en", "es", "fr")
        from audience in Gen.Elements(Audience.Patient, Audience.Clinician)
        from hold in Gen.Elements(0, 0, 7, 30)
        from sex in Gen.Elements<string?>("male", "female", null)
        select new MatchRequest { Language = language, Audience = audience, Sex = sex, Policy = new MatchPolicy { HoldRecentDays = hold, Today = new DateOnly(2024, 3, 1) } };

    /// <summary>The facts a profile establishes, written out independently of <see cref="ProfileFacts"/>.</summary>
    private static HashSet<string> Oracle(ClinicalProfile p, string? sex)
    {
        var facts = p.Sites.Select(s => "site:" + s).ToHashSet();
        void AddIf(bool condition, string fact)
        {
            if (condition)
            {
                facts.Add(fact);
            }
        }
        AddIf(p.Metastatic || p.Stage == "IV", "stage:iv");
        AddIf(p.Recurrence != "unknown", "recurrence:" + p.Recurrence);
        AddIf(p.Er is "positive" or "low" || p.Pr is "positive" or "low", "biomarker:hr-positive");
        AddIf(p.Her2 == "positive", "biomarker:her2-positive");
        AddIf(p.Her2 is "low" or "ultralow", "biomarker:her2-low");
        AddIf(p.Subtype == "triple-negative", "biomarker:triple-negative");
        AddIf(p.ReceptorChange, "biomarker:receptor-change");
        AddIf(p.Er == "unknown" || p.Pr == "unknown" || p.Her2 is "unknown" or "equivocal", "biomarker:unknown");
        AddIf(sex == "male", "sex:male");
        foreach (var (gene, result) in p.Variants)
        {
            AddIf(result == "detected", "variant:" + gene);
        }
        return facts;
    }

    private static bool Qualifies(Material m, HashSet<string> facts, bool metastatic) =>
        m.Requires.All(facts.Contains)
        && (m.RequiresAny.Count == 0 || m.RequiresAny.Any(facts.Contains))
        && (metastatic || !m.AllRequirements.Any(t => t.StartsWith("site:") || t.StartsWith("stage:") || t.StartsWith("recurrence:")));

    [Fact]
    public void Recommend_NeverReturnsAMaterialWhoseRequirementsFail() =>
        Prop.ForAll(Profiles.ToArbitrary(), Requests.ToArbitrary(), (profile, request) =>
        {
            var facts = Oracle(profile, request.Sex);
            var metastatic = profile.Metastatic || profile.Stage == "IV";
            var set = MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, request);
            return set.Items.All(item => Qualifies(SyntheticCatalog.Catalog.FindWithFallback(item.MaterialId, item.Language)!, facts, metastatic));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Recommend_WithoutAHold_ReturnsEveryMaterialThatQualifies_Once() =>
        Prop.ForAll(Profiles.ToArbitrary(), Requests.ToArbitrary(), (profile, request) =>
        {
            request = request with { Policy = new MatchPolicy() };
            var facts = Oracle(profile, request.Sex);
            var metastatic = profile.Metastatic || profile.Stage == "IV";
            var expected = SyntheticCatalog.English.Where(m => Qualifies(m, facts, metastatic)).Select(m => m.Id).Order(StringComparer.Ordinal);
            var ids = MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, request).Items.Select(i => i.MaterialId).ToList();
            return ids.Order(StringComparer.Ordinal).SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Recommend_OrderIsTheSameForAnyCatalogOrder() =>
        Prop.ForAll(Profiles.ToArbitrary(), Requests.ToArbitrary(), Gen.Shuffle(SyntheticCatalog.All.ToArray()).ToArbitrary(), (profile, request, shuffled) =>
        {
            var expected = MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, request).Items;
            var actual = MatchingEngine.Recommend(profile, new MaterialCatalog(shuffled), request).Items;
            return expected.Select(Key).SequenceEqual(actual.Select(Key));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Recommend_IsSortedByGroupThenPriorityThenId() =>
        Prop.ForAll(Profiles.ToArbitrary(), Requests.ToArbitrary(), (profile, request) =>
        {
            var items = MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, request).Items;
            return items.Zip(items.Skip(1)).All(pair =>
                (pair.First.Group, pair.First.Priority).CompareTo((pair.Second.Group, pair.Second.Priority)) < 0
                || ((pair.First.Group, pair.First.Priority) == (pair.Second.Group, pair.Second.Priority)
                    && string.CompareOrdinal(pair.First.MaterialId, pair.Second.MaterialId) < 0));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Recommend_PatientReasons_NeverMentionUnconfirmedOrResources() =>
        Prop.ForAll(Profiles.ToArbitrary(), (profile) =>
        {
            var set = MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, new MatchRequest());
            return set.Items.All(i => i.Evidence.Count == 0 && i.Reasons.All(r => !r.Contains("Observation/") && !r.Contains("unconfirmed")));
        }).QuickCheckThrowOnFailure();

    private static string Key(Recommendation r) => $"{r.MaterialId}|{r.Language}|{string.Join("/", r.Reasons)}";
}
