using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Tests.Clinical;

public sealed class CodeSystemsTests
{
    [Theory]
    [InlineData("urn:oid:2.16.840.1.113883.6.90", CodeSystems.Icd10Cm)]
    [InlineData("urn:oid:2.16.840.1.113883.6.96", CodeSystems.Snomed)]
    [InlineData("http://hl7.org/fhir/ValueSet/observation-interpretation", CodeSystems.V3Interpretation)]
    [InlineData("http://hl7.org/fhir/v2/0078", CodeSystems.V3Interpretation)]
    [InlineData(" http://loinc.org ", CodeSystems.Loinc)]
    public void NormalizeSystem_RealDataVariants_MapToTheCanonicalUri(string written, string expected) =>
        Assert.Equal(expected, CodeSystems.NormalizeSystem(written));

    [Fact]
    public void Normalize_FloatifiedSnomedAndBareHgnc_AreRepaired()
    {
        Assert.Equal("254837009", CodeSystems.Normalize(CodeSystems.Snomed, "254837009.0").Value);
        Assert.Equal("HGNC:1100", CodeSystems.Normalize(CodeSystems.Hgnc, "1100").Value);
        Assert.Equal("C50.911", CodeSystems.Normalize(CodeSystems.Icd10Cm, "C50.911").Value);
    }

    [Fact]
    public void Extract_InterpretationUnderTheValueSetUrl_IsRead()
    {
        var her2 = new ObservationRecord
        {
            Reference = "Observation/h",
            Codes = [CodeSystems.Normalize(CodeSystems.Loinc, "48676-1")],
            Status = "final",
            Effective = new DateOnly(2024, 1, 1),
            Interpretations = [CodeSystems.Normalize("http://hl7.org/fhir/ValueSet/observation-interpretation", "POS")],
        };

        var profile = ProfileExtractor.Extract(new PatientData { Patient = new PatientRecord { Reference = "Patient/p" }, Observations = [her2] });

        Assert.Equal(ProfileValues.Positive, profile.Her2);
    }
}
