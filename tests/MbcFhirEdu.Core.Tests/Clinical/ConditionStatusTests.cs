using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md "Condition status rules" and rule 1.</summary>
public sealed class ConditionStatusTests
{
    private static ClinicalProfile LiverWith(string? clinical, string? verification) =>
        Extract(Condition("m", Sct("94381002")) with { ClinicalStatus = clinical, VerificationStatus = verification });

    [Theory]
    [InlineData("entered-in-error")]
    [InlineData("refuted")]
    public void Extract_ErroneousOrRefutedMetastasis_IsIgnoredEntirely(string verification)
    {
        var profile = LiverWith("active", verification);

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Empty(profile.Evidence);
        Assert.Empty(OtherWarnings(profile));
    }

    [Theory]
    [InlineData("unconfirmed")]
    [InlineData("provisional")]
    [InlineData("differential")]
    public void Extract_UnconfirmedMetastasis_IsEvidenceOnlyWithWarning(string verification)
    {
        var profile = LiverWith("active", verification);

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(new Evidence("site:liver", "Condition/m", Day0, Confirmed: false), profile.Evidence);
        Assert.Contains("Condition/m: unconfirmed metastasis not used", profile.Warnings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("active")]
    [InlineData("recurrence")]
    [InlineData("relapse")]
    public void Extract_ActiveOrMissingClinicalStatus_IsACurrentSite(string? clinical)
    {
        var profile = LiverWith(clinical, null);

        Assert.True(profile.Metastatic);
        Assert.Equal(["liver"], profile.Sites);
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("inactive")]
    [InlineData("remission")]
    public void Extract_ResolvedMetastasis_StaysMetastaticButIsNotACurrentSite(string clinical)
    {
        var profile = LiverWith(clinical, "confirmed");

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(new Evidence("past-site:liver", "Condition/m", Day0), profile.Evidence);
    }

    [Theory]
    [InlineData("problem-list-item")]
    [InlineData("health-concern")]
    [InlineData("encounter-diagnosis")]
    public void Extract_AnyUsCoreCategory_IsRead(string category)
    {
        var profile = Extract(Condition("m", Sct("94222008")) with
        {
            Categories = [CodeSystems.Normalize("http://terminology.hl7.org/CodeSystem/condition-category", category)],
        });

        Assert.Equal(["bone"], profile.Sites);
    }

    [Fact]
    public void Extract_UnknownVerificationStatus_IsTreatedAsUnconfirmed()
    {
        var profile = LiverWith("active", "maybe");

        Assert.False(profile.Metastatic);
        Assert.Contains(profile.Warnings, w => w.Contains("unrecognised verificationStatus", StringComparison.Ordinal));
    }
}
