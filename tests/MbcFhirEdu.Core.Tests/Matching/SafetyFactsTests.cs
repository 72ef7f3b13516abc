using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Tests.Matching.TestProfiles;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>The facts and reasons issue 13 adds: urgent:any-metastatic, biomarker:er-low, and reasons that name the recorded stage.</summary>
public sealed class SafetyFactsTests
{
    private static string StageReason(ClinicalProfile profile, string language = "en") =>
        Assert.Single(MatchingEngine.Recommend(profile, SafetyCatalog.Catalog, new MatchRequest { Language = language })
            .Items.Single(i => i.MaterialId == "what-is-metastatic-breast-cancer").Reasons);

    [Theory]
    [InlineData("IV", true)]
    [InlineData("III", true)]
    [InlineData("unknown", true)]
    [InlineData("IV", false)]
    public void From_EveryMetastaticProfile_HoldsTheUniversalUrgentFact(string stage, bool metastatic) =>
        Assert.True(ProfileFacts.From(Metastatic(["liver"], stage: stage, metastatic: metastatic), null).Holds(Tags.UrgentAnyMetastatic));

    [Fact]
    public void From_CompleteRecordWithoutSpread_DoesNotHoldTheUniversalUrgentFact() =>
        Assert.False(ProfileFacts.From(Early(sites: ["lymph-nodes"]), null).Holds(Tags.UrgentAnyMetastatic));

    [Fact]
    public void From_PartialRecordWithoutSpread_HoldsTheUniversalUrgentFactWithNoEvidence()
    {
        var fact = ProfileFacts.From(Early(), null, partial: true).Get(Tags.UrgentAnyMetastatic);

        Assert.NotNull(fact);
        Assert.Empty(fact.Evidence);
        Assert.Equal(ProfileFacts.PartialRecord, fact.Detail);
    }

    [Fact]
    public void From_ErLow_HoldsErLowAndHrPositive()
    {
        var facts = ProfileFacts.From(Metastatic(["bone"], er: "low", pr: "negative"), null);

        Assert.Equal(["er:low"], facts.Get(Tags.ErLow)!.Evidence.Select(e => e.Fact));
        Assert.True(facts.Holds(Tags.HrPositive));
    }

    [Fact]
    public void From_ErPositive_DoesNotHoldErLow() =>
        Assert.False(ProfileFacts.From(Metastatic(["bone"], er: "positive", pr: "low"), null).Holds(Tags.ErLow));

    [Theory]
    [InlineData("urgent:any-metastatic")]
    [InlineData("biomarker:er-low")]
    public void Validate_NewTags_AreAccepted(string tag) => Assert.Null(Tags.Validate(tag));

    [Theory]
    [InlineData("urgent:bone")]
    [InlineData("biomarker:er-high")]
    public void Validate_NearMisses_AreRejected(string tag) => Assert.NotNull(Tags.Validate(tag));

    [Fact]
    public void Reason_RecordedStageIv_SaysStageIv() =>
        Assert.Equal("Your records from 2 March 2024 list breast cancer that has spread to other parts of the body (stage IV).", StageReason(Metastatic(["bone"])));

    [Fact]
    public void Reason_SpreadWithStageIiiRecorded_NamesStageIiiAndNotStageIv()
    {
        var reason = StageReason(Metastatic(["bone"], stage: "III"));

        Assert.Equal("Your records from 2 March 2024 list breast cancer that has spread to other parts of the body (stage III on record).", reason);
        Assert.DoesNotContain("IV", reason);
    }

    [Fact]
    public void Reason_SpreadWithStageIiiRecorded_Spanish() =>
        Assert.Equal("Sus registros del 2 de marzo de 2024 indican cáncer de mama que se ha extendido a otras partes del cuerpo (registrado como estadio III).",
            StageReason(Metastatic(["bone"], stage: "III"), "es"));

    [Fact]
    public void Reason_SpreadWithNoStageRecorded_NamesNoStage()
    {
        var reason = StageReason(Metastatic(["bone"], stage: "unknown"));

        Assert.Equal("Your records from 2 March 2024 list breast cancer that has spread to other parts of the body.", reason);
    }

    [Fact]
    public void Reason_ErLow_SaysTheLowRange() =>
        Assert.Equal(["Your records from 2 March 2024 list an ER result in the low range (ER-low, 1 to 10 %)."],
            MatchingEngine.Recommend(Metastatic(["bone"], er: "low", pr: "negative"), SafetyCatalog.Catalog, new MatchRequest())
                .Items.Single(i => i.MaterialId == "er-low").Reasons);
}
