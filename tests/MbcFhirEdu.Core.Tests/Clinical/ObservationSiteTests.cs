using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Sites and spread recorded outside Conditions (CODES.md "Also seen in real data").</summary>
public sealed class ObservationSiteTests
{
    [Theory]
    [InlineData("loinc")]
    [InlineData("snomed")]
    public void Extract_SiteOfMetastasisObservation_ReportsTheBodySite(string codeKind)
    {
        var code = codeKind == "loinc" ? Lnc("44667-4") : Sct("385421009");
        var profile = Extract(Observation("s", code, Coded(Sct("10200004"))));

        Assert.True(profile.Metastatic);
        Assert.Equal(["liver"], profile.Sites);
    }

    [Fact]
    public void Extract_SiteOfMetastasisAsIcdO3Topography_ReportsSite()
    {
        var profile = Extract(Observation("s", Lnc("44667-4"), Coded(IcdO3("C41.2"))));

        Assert.Equal(["bone"], profile.Sites);
    }

    [Fact]
    public void Extract_PreliminarySiteObservation_IsEvidenceOnly()
    {
        var profile = Extract(Observation("s", Lnc("44667-4"), Coded(Sct("10200004")), status: "preliminary"));

        Assert.False(profile.Metastatic);
        Assert.Contains(new Evidence("site:liver", "Observation/s", Day0, Confirmed: false), profile.Evidence);
        Assert.Contains("Observation/s: status preliminary: not confirmed, not used", profile.Warnings);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("entered-in-error")]
    public void Extract_CancelledSiteObservation_IsIgnored(string status)
    {
        var profile = Extract(Observation("s", Lnc("44667-4"), Coded(Sct("10200004")), status: status));

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Evidence);
    }

    [Fact]
    public void Extract_BoneScanConclusionCode_ReportsBone()
    {
        var profile = Extract(Report("scan", Sct("94222008")));

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone"], profile.Sites);
        Assert.Contains(new Evidence("site:bone", "DiagnosticReport/scan", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_HistoryOfMetastaticCancerToLiver_IsMetastaticButNotACurrentSite()
    {
        var profile = Extract(Observation("h", Sct("1098951000119108"), null));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(new Evidence("past-site:liver", "Observation/h", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_HistoryOfMetastaticCancerRoot_IsMetastaticWithoutSite()
    {
        var profile = Extract(Observation("h", Sct("1287652008"), Bool(true)));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
    }

    [Fact]
    public void Extract_HistoryOfMetastaticCancerFalse_NegatesIt()
    {
        var profile = Extract(Observation("h", Sct("1287652008"), Bool(false)));

        Assert.False(profile.Metastatic);
        Assert.Equal([new Evidence("no-metastasis", "Observation/h", Day0)], profile.Evidence);
    }

    [Fact]
    public void Extract_NegatedHistoryBesideAMetastasis_Warns()
    {
        var profile = Extract(Observation("h", Sct("1287652008"), Bool(false)), Condition("m", Sct("94222008")));

        Assert.True(profile.Metastatic);
        Assert.Single(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal)
            && w.Contains("Condition/m metastasis (2024-01-15)", StringComparison.Ordinal)
            && w.Contains("Observation/h no history of metastatic cancer (2024-01-15)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("55440008")]
    [InlineData("1229903009")]
    [InlineData("1229916009")]
    public void Extract_M1Only_IsMetastaticWithNoSites(string m1)
    {
        var profile = Extract(Observation("m", Lnc("21907-1"), Coded(Sct(m1))));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Equal("IV", profile.Stage);
    }

    [Fact]
    public void Extract_StageGroupIvOnly_IsMetastatic()
    {
        var profile = Extract(Observation("s", Lnc("21908-9"), Coded(Staging("4"))));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
    }

    [Fact]
    public void Extract_M0_IsNotMetastatic()
    {
        var profile = Extract(Observation("m", Lnc("21907-1"), Coded(Sct("1229901006"))));

        Assert.False(profile.Metastatic);
        Assert.Equal(ProfileValues.Unknown, profile.Stage);
    }

    [Theory]
    [InlineData("preliminary", false)]
    [InlineData("final", true)]
    [InlineData("amended", true)]
    public void Extract_ReportStatus_DecidesWhetherItsConclusionCounts(string status, bool metastatic) =>
        Assert.Equal(metastatic, Extract(Report("r", IcdCm("C79.51")) with { Status = status }).Metastatic);

    [Fact]
    public void Extract_ReportConcludingGenericSecondary_IsMetastaticWithoutSite()
    {
        var profile = Extract(Report("r", Sct("128462008")));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
    }
}
