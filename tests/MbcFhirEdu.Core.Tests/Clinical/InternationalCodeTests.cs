using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md rule 18: ICD-10-GM and WHO ICD-10, MII/oBDS localisations, UICC M values and stage groups.</summary>
public sealed class InternationalCodeTests
{
    private const string Mii = "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-fernmetastasen";
    private const string Uicc = "https://www.uicc.org/resources/tnm";

    [Theory]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C78.0", "lung")]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C79.5", "bone")]
    [InlineData("http://fhir.de/CodeSystem/dimdi/icd-10-gm", "C78.7", "liver")]
    [InlineData(CodeSystems.Icd10, "C79.3", "brain")]
    [InlineData("urn:oid:2.16.840.1.113883.6.3", "C77.2", "lymph-nodes")]
    public void Profile_GermanOrWhoSecondaryCode_ReadsLikeIcd10Cm(string system, string code, string site)
    {
        var profile = Extract(Condition("p", BreastCancer), Condition("m", CodeSystems.Normalize(system, code)));

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
    }

    [Theory]
    [InlineData("PUL", "lung")]
    [InlineData("OSS", "bone")]
    [InlineData("HEP", "liver")]
    [InlineData("BRA", "brain")]
    [InlineData("LYM", "lymph-nodes")]
    [InlineData("MAR", "bone")]
    [InlineData("PLE", "pleura")]
    [InlineData("PER", "peritoneum")]
    [InlineData("ADR", "adrenal")]
    [InlineData("SKI", "skin")]
    public void Profile_ObdsLocalisationCode_ReportsItsSite(string code, string site)
    {
        var profile = Extract(Observation("fm", Sct("385421009"), Coded(CodeSystems.Normalize(Mii, code))));

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("not recognised", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("OTH")]
    [InlineData("GEN")]
    public void Profile_ObdsOtherOrGeneralised_IsMetastaticWithoutASite(string code)
    {
        var profile = Extract(Observation("fm", Sct("385421009"), Coded(CodeSystems.Normalize(Mii, code))));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(new Evidence("metastatic", "Observation/fm", Day0), profile.Evidence);
    }

    [Fact]
    public void Profile_ObdsCodeWithoutSystemOnASiteObservation_IsRead()
    {
        var profile = Extract(Observation("fm", Sct("385421009"), Coded(new Code("", "PUL"))));

        Assert.Equal(["lung"], profile.Sites);
    }

    [Fact]
    public void Profile_ObdsCodeOnAnotherObservation_IsNoSite()
    {
        var profile = Extract(Observation("x", Lnc("12345-6"), Coded(CodeSystems.Normalize(Mii, "PUL"))));

        Assert.False(profile.Metastatic);
    }

    [Theory]
    [InlineData("M1")]
    [InlineData("M1a")]
    [InlineData("M1c")]
    public void Profile_UiccMValue_IsM1(string value)
    {
        var profile = Extract(Observation("m", Sct("399387003"), Coded(CodeSystems.Normalize(Uicc, value))));

        Assert.True(profile.Metastatic);
        Assert.Equal("IV", profile.Stage);
    }

    [Theory]
    [InlineData("IVC", "IV")]
    [InlineData("IIB", "II")]
    [InlineData("IIIA", "III")]
    public void Profile_UiccStageGroupCode_IsReadAsACode(string value, string group)
    {
        var profile = Extract(Observation("s", Sct("399588009"), Coded(CodeSystems.Normalize(Uicc, value, "Stage " + value))));

        Assert.Equal(group, profile.Stage);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("read from", StringComparison.Ordinal));
        Assert.Contains(profile.Evidence, e => e.Fact == $"stage:{group}" && e.Source == EvidenceSource.Code);
    }
}
