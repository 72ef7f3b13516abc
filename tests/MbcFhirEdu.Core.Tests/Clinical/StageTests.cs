using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md "Stage": observation codes, every value form, Condition.stage.summary, conflicts.</summary>
public sealed class StageTests
{
    private static ClinicalProfile StageObservation(Code code, ObservationValue value) => Extract(Observation("s", code, value));

    [Theory]
    [InlineData("21908-9")]
    [InlineData("21902-2")]
    [InlineData("21914-7")]
    public void Extract_LoincStageGroupObservation_ReadsStage(string loinc) =>
        Assert.Equal("III", StageObservation(Lnc(loinc), Coded(Sct("1222806003"))).Stage);

    [Theory]
    [InlineData("399537006")]
    [InlineData("399588009")]
    [InlineData("399390009")]
    public void Extract_SnomedStageGroupObservation_ReadsStage(string sct) =>
        Assert.Equal("II", StageObservation(Sct(sct), Coded(Sct("1222769001"))).Stage);

    [Theory]
    [InlineData("1222605001", "0")]
    [InlineData("1222724007", "I")]
    [InlineData("1222769001", "II")]
    [InlineData("1222806003", "III")]
    [InlineData("1222837003", "IV")]
    [InlineData("1222842006", "IV")]
    [InlineData("258215001", "I")]
    [InlineData("261615002", "II")]
    [InlineData("261638004", "III")]
    [InlineData("258228008", "IV")]
    public void Extract_SnomedStageValue_MapsToGroup(string value, string group) =>
        Assert.Equal(group, StageObservation(Lnc("21908-9"), Coded(Sct(value))).Stage);

    [Theory]
    [InlineData("4", "IV")]
    [InlineData("IV", "IV")]
    [InlineData("c3A", "III")]
    [InlineData("p2B", "II")]
    [InlineData("0", "0")]
    public void Extract_CancerStagingOrgCode_MapsToGroup(string code, string group) =>
        Assert.Equal(group, StageObservation(Lnc("21908-9"), Coded(Staging(code))).Stage);

    [Theory]
    [InlineData("Stage IV", "IV")]
    [InlineData("IVC", "IV")]
    [InlineData("stage 2b", "II")]
    [InlineData("IIIA", "III")]
    [InlineData("Stage 3A (qualifier value)", "III")]
    public void Extract_StageText_MapsToGroup(string text, string group)
    {
        Assert.Equal(group, StageObservation(Lnc("21908-9"), Str(text)).Stage);
        Assert.Equal(group, StageObservation(Lnc("21908-9"), Words(text)).Stage);
    }

    [Fact]
    public void Extract_UnrecognisedStageValue_IsUnknownWithWarning()
    {
        var profile = StageObservation(Lnc("21908-9"), Coded(Sct("TEST")));

        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.Contains(profile.Warnings, w => w.Contains("unrecognised stage group value", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_StageSummaryOnPrimary_ReadsStage()
    {
        var profile = Extract(Condition("p", BreastCancer) with { Stages = [new StageRecord { Summary = [Staging("4")] }] });

        Assert.Equal("IV", profile.Stage);
        Assert.True(profile.Metastatic);
        Assert.Contains(new Evidence("stage:IV", "Condition/p", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_StageSummaryDisagreesWithObservation_WarnsAndPrefersTheObservation()
    {
        var profile = Extract(
            Condition("p", BreastCancer) with { Stages = [new StageRecord { Summary = [Sct("1222806003")] }] },
            Observation("s", Sct("399537006"), Coded(Sct("1222769001"))));

        Assert.Equal("II", profile.Stage);
        Assert.Contains(profile.Warnings, w => w.Contains("stage values disagree (Condition/p III 2024-01-15, Observation/s II 2024-01-15)", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TwoStageObservations_NewestWins()
    {
        var profile = Extract(
            Observation("old", Lnc("21908-9"), Coded(Staging("2")), Day0),
            Observation("new", Lnc("21908-9"), Coded(Staging("4")), Day0.AddYears(2)));

        Assert.Equal("IV", profile.Stage);
    }

    [Fact]
    public void Extract_StageIvBesideCm0_Warns()
    {
        var profile = Extract(
            Observation("s", Lnc("21908-9"), Coded(Staging("4")), Day0.AddYears(2)),
            Observation("m", Sct("399387003"), Coded(Sct("1229901006"))));

        Assert.Equal("IV", profile.Stage);
        Assert.True(profile.Metastatic);
        Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal)
            && w.Contains("Observation/s stage IV (2026-01-15)", StringComparison.Ordinal) && w.Contains("Observation/m M0 (2024-01-15)", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_M1BesideStageII_WarnsAndKeepsTheStageGroup()
    {
        var profile = Extract(
            Observation("s", Lnc("21908-9"), Coded(Staging("2"))),
            Observation("m", Lnc("21901-4"), Coded(Sct("1229916009"))));

        Assert.Equal("II", profile.Stage);
        Assert.True(profile.Metastatic);
        Assert.Contains(profile.Warnings, w => w.Contains("M1 disagrees with a stage below IV", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("21907-1", "M1")]
    [InlineData("21901-4", "pM1")]
    [InlineData("371497001", "cM1")]
    public void Extract_M1AsText_IsMetastatic(string code, string text)
    {
        var profile = Extract(Observation("m", code.Contains('-') ? Lnc(code) : Sct(code), Str(text)));

        Assert.True(profile.Metastatic);
    }

    [Fact]
    public void Extract_MCategoryWithDataAbsentReason_IsIgnored()
    {
        var profile = Extract(Observation("m", Sct("371497001"), new ObservationValue { Kind = ValueKind.Absent, Text = "not-applicable" }));

        Assert.False(profile.Metastatic);
        Assert.Empty(OtherWarnings(profile));
    }

    [Fact]
    public void Extract_PreliminaryStage_IsEvidenceOnly()
    {
        var profile = Extract(Observation("s", Lnc("21908-9"), Coded(Staging("4")), status: "preliminary"));

        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.False(profile.Metastatic);
        Assert.Contains(new Evidence("stage:IV", "Observation/s", Day0, Confirmed: false), profile.Evidence);
    }
}
