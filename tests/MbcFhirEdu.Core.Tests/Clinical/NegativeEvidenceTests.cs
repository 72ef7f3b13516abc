using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md rule 17: "no distant metastasis" is negative evidence; confirmed spread wins, and both are named once.</summary>
public sealed class NegativeEvidenceTests
{
    private static readonly DateOnly Earlier = Day0.AddDays(-200);

    private static ObservationRecord NoSite(string code = "44667-4", DateOnly? date = null) =>
        Observation("none", code.Contains('-', StringComparison.Ordinal) ? Lnc(code) : Sct(code), Coded(Sct("260413007", "None")), date ?? Earlier);

    [Theory]
    [InlineData("44667-4")]
    [InlineData("385421009")]
    public void Profile_SiteOfMetastasisNone_IsNegativeEvidenceNotAnUnknownSite(string code)
    {
        var profile = Extract(Condition("p", BreastCancer), NoSite(code));

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("not recognised", StringComparison.Ordinal));
        Assert.Contains(new Evidence("no-metastasis", "Observation/none", Earlier), profile.Evidence);
    }

    [Fact]
    public void Profile_EarlierNoneThenBrainMetastasis_IsMetastaticWithOneWarningNamingBoth()
    {
        var brain = Condition("brain", Sct("94225005")) with { Onset = Day0 };

        var profile = Extract(Condition("p", BreastCancer), NoSite(), brain);

        Assert.True(profile.Metastatic);
        Assert.Equal(["brain"], profile.Sites);
        var warning = Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal));
        Assert.Contains("Condition/brain metastasis (2024-01-15)", warning, StringComparison.Ordinal);
        Assert.Contains("Observation/none no site of distant metastasis (2023-06-29)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_NoneDatedAfterTheMetastasis_StillLetsTheMetastasisWin()
    {
        var profile = Extract(Condition("p", BreastCancer), NoSite(date: Day0.AddDays(300)), Condition("liver", Sct("94381002")));

        Assert.True(profile.Metastatic);
        Assert.Equal(["liver"], profile.Sites);
        Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1229901006", null)]
    [InlineData(null, "M0")]
    [InlineData(null, "cM0")]
    [InlineData(null, "pM0")]
    public void Profile_M0BesideM1_GivesOneWarningWithBoth(string? code, string? text)
    {
        var m0 = Observation("m0", Sct("399387003"), code is null ? Words(text!) : Coded(Sct(code)), Earlier);
        var m1 = Observation("m1", Sct("371497001"), Coded(Sct("1229916009")));

        var profile = Extract(Condition("p", BreastCancer), m0, m1);

        Assert.True(profile.Metastatic);
        var warning = Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal));
        Assert.Contains("Observation/m0 M0 (2023-06-29)", warning, StringComparison.Ordinal);
        Assert.Contains("Observation/m1 M1 (2024-01-15)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_NoHistoryBesideLiverMetastasisAndM0_NamesAllInOneWarning()
    {
        var noHistory = Observation("nh", Sct("1287652008"), Bool(false));
        var m0 = Observation("m0", Sct("399387003"), Coded(Sct("1229901006")));

        var profile = Extract(Condition("p", BreastCancer), noHistory, m0, Condition("liver", Sct("94381002")));

        var warning = Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal));
        Assert.Contains("Observation/nh no history of metastatic cancer", warning, StringComparison.Ordinal);
        Assert.Contains("Observation/m0 M0", warning, StringComparison.Ordinal);
        Assert.Contains("Condition/liver metastasis", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_UnconfirmedMetastasisBesideNone_IsNotMetastaticAndNotADisagreement()
    {
        var maybe = Condition("liver", Sct("94381002")) with { VerificationStatus = "provisional" };

        var profile = Extract(Condition("p", BreastCancer), NoSite(), maybe);

        Assert.False(profile.Metastatic);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("keine")]
    public void Profile_SiteOfMetastasisNoneInWords_IsNegativeEvidenceFromText(string words)
    {
        var profile = Extract(Condition("p", BreastCancer), Observation("w", Lnc("44667-4"), Words(words)));

        Assert.False(profile.Metastatic);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("not recognised", StringComparison.Ordinal));
        Assert.Contains("Observation/w: no site of metastasis, read from free text", profile.Warnings);
    }
}
