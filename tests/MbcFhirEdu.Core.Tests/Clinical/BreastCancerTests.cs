using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md rule 15: breast cancer is recorded only on breast-specific evidence.</summary>
public sealed class BreastCancerTests
{
    [Theory]
    [InlineData(CodeSystems.Snomed, "254837009")]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C50.4")]
    [InlineData("http://fhir.de/CodeSystem/dimdi/icd-10-gm", "C50.9")]
    [InlineData(CodeSystems.Icd10, "C50.9")]
    [InlineData("urn:oid:2.16.840.1.113883.6.3", "C50.1")]
    public void Profile_BreastPrimary_IsRecorded(string system, string code)
    {
        var profile = Extract(Condition("p", CodeSystems.Normalize(system, code)));

        Assert.Equal(ProfileValues.Recorded, profile.BreastCancer);
        Assert.DoesNotContain(profile.Warnings, IsNotFoundWarning);
    }

    [Fact]
    public void Profile_GenericMalignancyWithBreastBodySite_IsRecorded() =>
        Assert.Equal(ProfileValues.Recorded, Extract(Condition("p", Sct("363346000")) with { BodySites = [Sct("80248007")] }).BreastCancer);

    [Theory]
    [InlineData(CodeSystems.Icd10Cm, "Z85.3")]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "Z85.3")]
    [InlineData(CodeSystems.Snomed, "429087003")]
    public void Profile_HistoryOfBreastCancer_IsRecorded(string system, string code)
    {
        var profile = Extract(Condition("h", CodeSystems.Normalize(system, code)) with { ClinicalStatus = "resolved" });

        Assert.Equal(ProfileValues.Recorded, profile.BreastCancer);
        Assert.Contains(profile.Evidence, e => e.Fact == "primary:breast" && e.Resource == "Condition/h");
    }

    [Fact]
    public void Profile_FamilyHistoryOfBreastCancer_IsNotThePatientsCancer()
    {
        var profile = Extract(Condition("f", Sct("429740004", "Family history of malignant neoplasm of breast")));

        Assert.Equal(ProfileValues.NotFound, profile.BreastCancer);
        Assert.Contains("Condition/f: family history of breast cancer: a relative's cancer, not the patient's; not used", profile.Warnings);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("cancer-like condition", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_ReceptorAndVariantResultsAlone_AreNotFoundWithAWarning()
    {
        var pik3ca = Observation("v", Lnc("69548-6"), Coded(Lnc("LA9633-4"), Hgnc("HGNC:8975")));

        var profile = Extract(Er(Coded(Positive)), Her2Ihc(Coded(Negative)), pik3ca);

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Equal(ProfileValues.NotFound, profile.BreastCancer);
        Assert.Single(profile.Warnings, IsNotFoundWarning);
    }

    [Theory]
    [InlineData("399387003", "55440008")]
    [InlineData("21908-9", "IV")]
    public void Profile_BareM1OrStageIv_IsMetastaticButNotFound(string code, string value)
    {
        var observation = code.Contains('-', StringComparison.Ordinal)
            ? Observation("s", Lnc(code), Words(value))
            : Observation("s", Sct(code), Coded(Sct(value)));

        var profile = Extract(observation);

        Assert.True(profile.Metastatic);
        Assert.Equal(ProfileValues.NotFound, profile.BreastCancer);
    }

    [Fact]
    public void Profile_MetastasisLinkedToAnUnresolvedBreastPrimaryByDisplay_IsRecordedAsText()
    {
        var bone = Condition("m", Sct("94222008")) with { RelatedPrimaries = [new RelatedReference("Condition/gone", "Malignant neoplasm of breast")] };

        var profile = Extract(bone);

        Assert.Equal(ProfileValues.Recorded, profile.BreastCancer);
        Assert.Contains(profile.Evidence, e => e.Fact == "breast-cancer" && e.Resource == "Condition/m" && e.Source == EvidenceSource.Text);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/m: breast cancer known only from the display", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_UnconfirmedBreastPrimaryAlone_IsNotFound() =>
        Assert.Equal(ProfileValues.NotFound, Extract(Condition("p", BreastCancer) with { VerificationStatus = "provisional" }).BreastCancer);

    [Fact]
    public void Profile_DeceasedPatient_IsDeceasedWithEvidenceOnThePatient()
    {
        var profile = Extract(new PatientRecord { Reference = "Patient/d", Deceased = true }, Condition("p", BreastCancer));

        Assert.True(profile.Deceased);
        Assert.Contains(new Evidence("deceased", "Patient/d", null), profile.Evidence);
    }

    [Fact]
    public void Profile_LivingPatient_HasNoDeceasedEvidence()
    {
        var profile = Extract(new PatientRecord { Reference = "Patient/a" }, Condition("p", BreastCancer));

        Assert.False(profile.Deceased);
        Assert.DoesNotContain(profile.Evidence, e => e.Fact == "deceased");
    }
}
