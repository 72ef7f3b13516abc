using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Tests.Matching.TestProfiles;

namespace MbcFhirEdu.Core.Tests.Matching;

public sealed class ProfileFactsTests
{
    private static ProfileFact Fact(ClinicalProfile profile, string tag, string? sex = null) =>
        Assert.IsType<ProfileFact>(ProfileFacts.From(profile, sex).Get(tag));

    [Fact]
    public void From_EvidenceFacts_MatchByLeadingSegmentsIgnoringCase()
    {
        var profile = Metastatic(["bone"], variants: [("PIK3CA", "detected")]) with
        {
            Evidence = [new Evidence("SITE:Bone:metastasis", "Condition/a", null), new Evidence("variant:pik3ca:detected", "Observation/v", null),
                new Evidence("site:bones", "Condition/wrong", null), new Evidence("variant:PIK3CA:not-detected", "Observation/old", null)],
        };

        Assert.Equal(["Condition/a"], Fact(profile, "site:bone").Evidence.Select(e => e.Resource));
        Assert.Equal(["Observation/v"], Fact(profile, "variant:PIK3CA").Evidence.Select(e => e.Resource));
    }

    [Fact]
    public void From_StageIvWithoutStagingRecord_UsesTheSiteEvidence()
    {
        var profile = Metastatic(["liver"], stage: "unknown") with { Evidence = [new Evidence("site:liver", "Condition/l", Recorded)] };

        Assert.Equal(["Condition/l"], Fact(profile, "stage:iv").Evidence.Select(e => e.Resource));
    }

    [Fact]
    public void From_StageIvWithoutMetastaticFlag_StillHolds() =>
        Assert.NotNull(ProfileFacts.From(Early(stage: "IV"), null).Get("stage:iv"));

    [Fact]
    public void From_PrLowAlone_IsHrPositive() =>
        Assert.Equal(["pr:low"], Fact(Metastatic(["bone"], er: "negative", pr: "low"), "biomarker:hr-positive").Evidence.Select(e => e.Fact));

    [Fact]
    public void From_UnknownMarkers_AreNamedInTheDetail() =>
        Assert.Equal("ER,HER2", Fact(Metastatic(["bone"], er: "unknown", her2: "equivocal"), "biomarker:unknown").Detail);

    [Theory]
    [InlineData("negative")]
    [InlineData("zero")]
    [InlineData("positive")]
    public void From_Her2NotLow_IsNeverHer2Low(string her2) =>
        Assert.Null(ProfileFacts.From(Metastatic(["bone"], her2: her2), null).Get("biomarker:her2-low"));

    [Fact]
    public void From_Male_IsAFactBackedByThePatient() =>
        Assert.Equal(["Patient/p1"], Fact(Early(), "sex:male", "male").Evidence.Select(e => e.Resource));

    [Fact]
    public void From_TripleNegative_ComesFromTheSubtype()
    {
        var facts = ProfileFacts.From(Metastatic(["bone"], er: "negative", pr: "negative", her2: "zero"), null);

        Assert.NotNull(facts.Get("biomarker:triple-negative"));
        Assert.Null(facts.Get("biomarker:hr-positive"));
        Assert.Null(facts.Get("biomarker:unknown"));
    }
}
