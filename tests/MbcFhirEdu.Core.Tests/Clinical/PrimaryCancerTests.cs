using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

public sealed class PrimaryCancerTests
{
    private static DateOnly Metastasis90 => Day0.AddDays(30);

    /// <summary>A primary is visible through rule 7: a bone metastasis 30 days later is de novo only if the primary was found.</summary>
    private static ClinicalProfile WithBoneMetastasis(ConditionRecord primary) =>
        Extract(primary, Condition("m", Sct("94222008")) with { Onset = Metastasis90 });

    [Theory]
    [InlineData("254837009")]
    [InlineData("372064008")]
    [InlineData("372137005")]
    [InlineData("353431000119107")]
    [InlineData("408643008")]
    [InlineData("188152004")]
    public void Extract_SnomedPrimaryBreastCancer_IsThePrimary(string code)
    {
        var profile = WithBoneMetastasis(Condition("p", Sct(code)));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
        Assert.Contains(profile.Evidence, e => e.Fact == "primary:breast" && e.Resource == "Condition/p");
    }

    [Fact]
    public void Extract_FloatifiedSnomedCode_IsNormalisedAndRecognised()
    {
        var profile = WithBoneMetastasis(Condition("p", Sct("254837009.0")));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
    }

    [Theory]
    [InlineData("76752008")]
    [InlineData("80248007")]
    [InlineData("73056007")]
    public void Extract_GenericMalignancyWithBreastBodySite_IsThePrimary(string bodySite)
    {
        var profile = WithBoneMetastasis(Condition("p", Sct("363346000")) with { BodySites = [Sct(bodySite)] });

        Assert.Contains(profile.Evidence, e => e.Fact == "primary:breast");
    }

    [Fact]
    public void Extract_GenericMalignancyWithoutBreastBodySite_IsNotThePrimaryAndWarns()
    {
        var profile = Extract(Condition("p", Sct("363346000", "Malignant neoplastic disease")) with { BodySites = [Sct("39607008")] });

        Assert.DoesNotContain(profile.Evidence, e => e.Fact == "primary:breast");
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/p: cancer-like condition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CodeSystems.Icd10Cm, "C50.911")]
    [InlineData(CodeSystems.Icd10Cm, "C50.912")]
    [InlineData(CodeSystems.Icd10Cm, "C50.919")]
    [InlineData(CodeSystems.Icd10Cm, "C50.921")]
    [InlineData(CodeSystems.Icd10, "C50.9")]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C50.4")]
    [InlineData("urn:oid:2.16.840.1.113883.6.90", "C50.211")]
    public void Extract_IcdC50_IsThePrimary(string system, string code)
    {
        var profile = WithBoneMetastasis(Condition("p", CodeSystems.Normalize(system, code)));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
    }

    [Fact]
    public void Extract_Z853HistoryOnly_GivesNoDiagnosisDate()
    {
        var profile = WithBoneMetastasis(Condition("h", IcdCm("Z85.3")));

        Assert.Contains(profile.Evidence, e => e.Fact == "primary:breast" && e.Resource == "Condition/h");
        Assert.Equal(ProfileValues.Unknown, profile.Recurrence);
    }

    [Fact]
    public void Extract_UnlistedSnomedBreastCancerDisplay_IsThePrimaryWithWarning()
    {
        var profile = WithBoneMetastasis(Condition("p", Sct("999000111", "Malignant neoplasm of male breast")));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
        Assert.Contains(profile.Warnings, w => w.Contains("recognised from a display only", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_UnconfirmedPrimary_IsEvidenceOnlyWithWarning()
    {
        var profile = WithBoneMetastasis(Condition("p", BreastCancer) with { VerificationStatus = "provisional" });

        Assert.Equal(ProfileValues.Unknown, profile.Recurrence);
        Assert.Contains(profile.Evidence, e => e.Fact == "primary:breast" && !e.Confirmed);
        Assert.Contains("Condition/p: unconfirmed breast cancer diagnosis not used", profile.Warnings);
    }

    [Fact]
    public void Extract_DiagnosisDateFallsBackToRecordedThenAsserted()
    {
        var recorded = Condition("p", BreastCancer) with { Onset = null, Recorded = Day0 };
        var asserted = Condition("p", BreastCancer) with { Onset = null, Asserted = Day0 };

        Assert.Equal(ProfileValues.DeNovo, WithBoneMetastasis(recorded).Recurrence);
        Assert.Equal(ProfileValues.DeNovo, WithBoneMetastasis(asserted).Recurrence);
    }
}
