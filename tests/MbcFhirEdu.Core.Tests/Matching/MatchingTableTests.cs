using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Tests.Matching.TestProfiles;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>Profiles → the exact ordered ids, plus what must never appear for them (issue 3, "Show").</summary>
public sealed class MatchingTableTests
{
    public sealed record Case(ClinicalProfile Profile, string[] Expected, string[] MustNot, string? Sex = null, string Language = "en");

    // Shared tails: materials for every metastatic profile, and for everyone.
    private static readonly string[] General = ["receptor-results-explained", "clinical-trials", "talking-with-your-care-team", "coping-and-support"];
    private static readonly string[] MetastaticGeneral = ["what-is-metastatic-breast-cancer", .. General];
    private static readonly string[] SiteIds = [.. SyntheticCatalog.English.Where(m => m.AllRequirements.Any(t => t.StartsWith("site:"))).Select(m => m.Id)];
    private static readonly string[] StageIds = ["what-is-metastatic-breast-cancer", "stage-iv-explained", "treatment-goals", "de-novo-metastatic-breast-cancer", "distant-recurrence"];

    public static readonly Dictionary<string, Case> Cases = new()
    {
        ["bone, HR-positive HER2-zero, distant recurrence"] = new(Metastatic(["bone"]),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "her2-low", "triple-negative", "understanding-your-results", "de-novo-metastatic-breast-cancer", "men-with-breast-cancer"]),
        ["brain, HER2-positive HR-negative, de novo"] = new(Metastatic(["brain"], er: "negative", pr: "negative", her2: "positive", recurrence: "de-novo"),
            ["brain-emergency-signs", "brain-metastases", "de-novo-metastatic-breast-cancer", "stage-iv-explained", "her2-positive", "treatment-goals", .. MetastaticGeneral],
            ["hr-positive", "her2-low", "triple-negative", "distant-recurrence"]),
        ["liver, HR-positive (PR low) HER2-low"] = new(Metastatic(["liver"], pr: "low", her2: "low"),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "her2-low", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "triple-negative"]),
        ["lung, HER2-ultralow"] = new(Metastatic(["lung"], her2: "ultralow"),
            ["lung-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "her2-low", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive"]),
        ["lung and pleura, triple-negative HER2-zero"] = new(Metastatic(["lung", "pleura"], er: "negative", pr: "negative"),
            ["lung-metastases", "pleural-effusion", "distant-recurrence", "stage-iv-explained", "triple-negative", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "her2-low", "hr-positive"]),
        ["triple-negative and HER2-low"] = new(Metastatic(["liver"], er: "negative", pr: "negative", her2: "low"),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "triple-negative", "her2-low", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "hr-positive"]),
        ["HR-positive HER2-positive"] = new(Metastatic(["liver"], her2: "positive"),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "her2-positive", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["her2-low", "triple-negative"]),
        ["brain and leptomeninges"] = new(Metastatic(["brain", "leptomeninges"]),
            ["brain-emergency-signs", "brain-metastases", "leptomeningeal-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["bone-emergency-signs"]),
        ["lymph nodes only"] = new(Metastatic(["lymph-nodes"]),
            ["lymph-node-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["bone-metastases", "less-common-sites"]),
        ["skin"] = new(Metastatic(["skin"]),
            ["skin-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral], []),
        ["adrenal (less common site)"] = new(Metastatic(["adrenal"]),
            ["less-common-sites", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral], []),
        ["ovary, peritoneum, eye, spinal cord, other breast"] = new(Metastatic(["ovary", "peritoneum", "eye", "spinal-cord", "contralateral-breast"]),
            ["less-common-sites", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral], []),
        ["receptor change"] = new(Metastatic(["bone"], receptorChange: true),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "hr-positive", "receptor-status-changed", "treatment-goals", .. MetastaticGeneral], []),
        ["HER2 unknown"] = new(Metastatic(["liver"], her2: "unknown"),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "understanding-your-results", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "her2-low", "triple-negative"]),
        ["HER2 equivocal"] = new(Metastatic(["liver"], her2: "equivocal"),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "understanding-your-results", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive", "her2-low"]),
        ["ER, PR and HER2 unknown"] = new(Metastatic(["bone"], er: "unknown", pr: "unknown", her2: "unknown"),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "understanding-your-results", "treatment-goals", .. MetastaticGeneral],
            ["hr-positive", "her2-positive", "her2-low", "triple-negative"]),
        ["PIK3CA detected, ESR1 not detected"] = new(Metastatic(["liver"], variants: [("PIK3CA", "detected"), ("ESR1", "not-detected")]),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", "variant-pik3ca", .. MetastaticGeneral],
            ["variant-esr1"]),
        ["AKT1 detected, PTEN not detected"] = new(Metastatic(["liver"], variants: [("AKT1", "detected"), ("PTEN", "not-detected")]),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", "variant-akt1-pten", .. MetastaticGeneral], []),
        ["BRCA2 detected, ESR1 detected"] = new(Metastatic(["liver"], variants: [("BRCA2", "detected"), ("ESR1", "detected")]),
            ["liver-metastases", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", "variant-brca", "variant-esr1", .. MetastaticGeneral],
            ["variant-akt1-pten", "variant-pik3ca"]),
        ["stage IV with no site recorded"] = new(Metastatic([], recurrence: "unknown"),
            ["stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral], SiteIds),
        ["non-metastatic HR-positive HER2-positive"] = new(Early(her2: "positive"),
            ["her2-positive", "hr-positive", .. General], [.. SiteIds, .. StageIds]),
        ["non-metastatic with a regional site recorded"] = new(Early(stage: "III", sites: ["lymph-nodes", "bone"]),
            ["hr-positive", .. General], [.. SiteIds, .. StageIds]),
        ["non-metastatic HER2 unknown"] = new(Early(her2: "unknown"),
            ["understanding-your-results", "hr-positive", .. General], [.. SiteIds, .. StageIds, "her2-low"]),
        ["male, metastatic bone"] = new(Metastatic(["bone"]),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals",
             "what-is-metastatic-breast-cancer", "receptor-results-explained", "men-with-breast-cancer", "clinical-trials", "talking-with-your-care-team", "coping-and-support"],
            [], Sex: "male"),
        ["male, non-metastatic"] = new(Early(), ["hr-positive", "receptor-results-explained", "men-with-breast-cancer", "clinical-trials", "talking-with-your-care-team", "coping-and-support"],
            StageIds, Sex: "male"),
        ["female is not male"] = new(Metastatic(["bone"]),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "hr-positive", "treatment-goals", .. MetastaticGeneral],
            ["men-with-breast-cancer"], Sex: "female"),
        ["Spanish, bone and HER2-low"] = new(Metastatic(["bone"], her2: "low"),
            ["bone-emergency-signs", "bone-metastases", "bone-strengthening-medicines", "distant-recurrence", "stage-iv-explained", "hr-positive", "her2-low", "treatment-goals", .. MetastaticGeneral],
            ["her2-positive"], Language: "es"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Recommend_ProfileGetsExactlyTheExpectedMaterialsInOrder(string name)
    {
        var c = Cases[name];

        var set = MatchingEngine.Recommend(c.Profile, SyntheticCatalog.Catalog, new MatchRequest { Language = c.Language, Sex = c.Sex });

        var ids = set.Items.Select(i => i.MaterialId).ToList();
        Assert.Equal(c.Expected, ids);
        Assert.All(c.MustNot, id => Assert.DoesNotContain(id, ids));
    }

    [Fact]
    public void Table_HasAtLeastTwentyProfiles() => Assert.True(Cases.Count >= 20);

    [Fact]
    public void Table_ReachesEveryMaterialInTheCatalog()
    {
        var reached = Cases.Values
            .SelectMany(c => MatchingEngine.Recommend(c.Profile, SyntheticCatalog.Catalog, new MatchRequest { Sex = c.Sex }).Items)
            .Select(i => i.MaterialId)
            .ToHashSet();

        var unreached = SyntheticCatalog.Catalog.Ids.Except(reached).ToList();
        Assert.Empty(unreached);
    }

    [Fact]
    public void Recommend_Spanish_MarksEnglishOnlyMaterialsAsFallback()
    {
        var set = MatchingEngine.Recommend(Cases["Spanish, bone and HER2-low"].Profile, SyntheticCatalog.Catalog, new MatchRequest { Language = "es" });

        Assert.Equal("es", set.Language);
        foreach (var item in set.Items)
        {
            var translated = SyntheticCatalog.Translated.Contains(item.MaterialId);
            Assert.Equal(translated ? ("es", false) : ("en", true), (item.Language, item.Fallback));
            Assert.Equal(translated, item.Title.StartsWith("ES "));
        }
        Assert.Contains("Algunos materiales aún no están en español y se muestran en inglés.", set.Notes);
    }

    [Fact]
    public void Recommend_NonMetastatic_AddsTheLibraryNote()
    {
        var set = MatchingEngine.Recommend(Early(), SyntheticCatalog.Catalog, new MatchRequest());

        Assert.Contains(set.Notes, n => n.StartsWith("This library is about metastatic breast cancer"));
    }

    [Fact]
    public void Recommend_Groups_FollowUrgentSiteBiomarkerGeneral()
    {
        var items = MatchingEngine.Recommend(Cases["receptor change"].Profile, SyntheticCatalog.Catalog, new MatchRequest()).Items;

        Assert.Equal(items.Select(i => i.Group).Order(), items.Select(i => i.Group));
        Assert.Equal(RecommendationGroup.Urgent, items[0].Group);
        Assert.True(items[0].Urgent);
        Assert.Equal(RecommendationGroup.General, items.Single(i => i.MaterialId == "what-is-metastatic-breast-cancer").Group);
        Assert.Equal(RecommendationGroup.Biomarker, items.Single(i => i.MaterialId == "treatment-goals").Group);
    }
}
