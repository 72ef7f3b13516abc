using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Fhir.Tests.ExternalFixtures;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>Genomics Reporting IG, mCODE extraction framework (DSTU2/Epic shapes) and SMART (STU3) fixtures.</summary>
public sealed class OtherExternalFixtureTests
{
    [Fact]
    public void Read_OncologyReportTransaction_ResolvesUrnUuidSubjectsToThePatient()
    {
        var data = Read("genomics-reporting/Bundle-bundle-oncology-report-example.json");
        Assert.Equal("Patient/Inline-Instance-for-oncology-report-example-2", data.Patient.Reference);
        Assert.Empty(data.Conditions);
        Assert.Equal(12, data.Observations.Count);
        Assert.All(data.Observations, o => Assert.Equal("http://loinc.org|LA9633-4", Assert.Single(o.Value!.Codes).Key()));
        var pik3ca = data.Observations.Count(o => o.Components.Any(c => c.Value?.Codes.Any(g => g.Is(CodeSystems.Hgnc, "HGNC:8975")) == true));
        Assert.Equal(2, pik3ca);
        var report = Assert.Single(data.Reports);
        Assert.Equal(["http://loinc.org|51969-4"], report.Codes.Keys());
        Assert.Equal(new DateOnly(2019, 9, 15), report.Issued);
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_Her2ByImmuneStain_MapsPresentAndGeneComponent()
    {
        var data = Read("genomics-reporting/Observation-HER2byImmuneStainExample.json");
        Assert.Equal("Patient/CGPatientExample01", data.Patient.Reference);
        var her2 = data.Observation("HER2byImmuneStainExample");
        Assert.Equal(["http://loinc.org|18474-7"], her2.Codes.Keys());
        Assert.Equal("http://loinc.org|LA9633-4", Assert.Single(her2.Value!.Codes).Key());
        Assert.Equal(4, her2.Components.Count);
        Assert.Equal("http://www.genenames.org/geneId|HGNC:3430", Assert.Single(her2.Components[0].Value!.Codes).Key());
        Assert.Equal(new DateOnly(2019, 4, 1), her2.Effective);
    }

    [Fact]
    public void Read_DstuStyleConditionBundle_WarnsAndMapsToOneUnidentifiedPatient()
    {
        var data = Read("mcode-extraction-framework/condition-bundle.json");
        Assert.Equal("Patient/unknown", data.Patient.Reference);
        Assert.Equal(5, data.Conditions.Count);
        var hypertension = data.Condition("TQJ-wIMDyCRN1gwoAY9A8tAB");
        Assert.Equal(["http://hl7.org/fhir/sid/icd-9-cm/diagnosis|401.9", "http://hl7.org/fhir/sid/icd-10-cm|I10", "http://snomed.info/sct|59621000"],
            hypertension.Codes.Keys());
        Assert.Equal("active", hypertension.ClinicalStatus);
        Assert.Equal("confirmed", hypertension.VerificationStatus);
        Assert.Equal(new DateOnly(2011, 2, 15), hypertension.Onset);
        Assert.Equal(new DateOnly(2006, 7, 7), hypertension.Recorded);
        foreach (var field in new[] { "'patient' instead of 'subject'", "Condition.category[0]: Expected property to be a collection",
                     "Condition.clinicalStatus: Encountered a json primitive", "Condition.verificationStatus: Encountered a json primitive", "'dateRecorded'" })
        {
            Assert.Equal(5, data.ReadWarnings.Count(w => w.StartsWith("Condition/", StringComparison.Ordinal) && w.Contains(field, StringComparison.Ordinal)));
        }
        Assert.DoesNotContain(data.ReadWarnings, w => w.Contains("Mychart", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Read_SearchsetWithContradictoryCodings_KeepsEveryCoding()
    {
        var data = Read("mcode-extraction-framework/searchsetBundleWithMultipleEntries.json");
        Assert.Equal("Patient/unknown", data.Patient.Reference);
        Assert.Equal(2, data.Conditions.Count);
        Assert.Contains("http://hl7.org/fhir/sid/icd-10-cm|C50.211", data.Condition("TQ5-lmYpARvptztb1K4wGKgB").Codes.Keys());
        var second = data.Condition("TQ6-lmYpARvptztb1K4wGKgB");
        Assert.Contains("http://hl7.org/fhir/sid/icd-10-cm|C79.81", second.Codes.Keys());
        Assert.Contains("http://snomed.info/sct|188152004", second.Codes.Keys());
        Assert.Null(second.ClinicalStatus);
        Assert.Equal("confirmed", second.VerificationStatus);
        Assert.Equal(4, second.Categories.Count);
        Assert.Contains("Condition/TQ6-lmYpARvptztb1K4wGKgB: subject has no reference; counted for Patient/unknown, the only patient", data.ReadWarnings);
    }

    [Fact]
    public void Read_OperationOutcomeEntry_BecomesAWarning()
    {
        var result = ReadResult("mcode-extraction-framework/operation-outcome-bundle.json");
        var data = Assert.Single(result.Patients);
        Assert.Equal("Patient/patient-id", data.Patient.Reference);
        Assert.Equal("female", data.Patient.Gender);
        Assert.Empty(data.Conditions);
        const string expected = "OperationOutcome: warning (invalid): The provided status is not valid and has been ignored " +
            "(Content invalid against the specification or a profile.)";
        Assert.Equal([expected], result.Warnings);
        // The patient's own warning: its DSTU2 name (family as a list) is named, though the name is never read.
        Assert.Equal([expected, "Patient/patient-id: Patient.name[0].family[1]: Expected property to be a single string, but found a collection of string. (PVAL127)"],
            data.ReadWarnings);
    }

    [Fact]
    public void Read_EpicOidSystem_NormalisesToIcd10Cm()
    {
        var data = Read("mcode-extraction-framework/condition-bundle.json");
        Assert.All(data.Conditions, c => Assert.Contains(c.Codes, code => code.System == CodeSystems.Icd10Cm));
        Assert.DoesNotContain(data.Conditions.SelectMany(c => c.Codes), code => code.System.StartsWith("urn:oid:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SmartStu3Bundle_WarnsForStringStatusesAndPatientNotInFile()
    {
        var data = Read("smart-sample-data/patient-765583.fhir-bundle.json");
        Assert.Equal("Patient/smart-765583", data.Patient.Reference);
        Assert.Equal(12, data.Conditions.Count);
        Assert.Equal(2, data.Observations.Count);
        var overlapping = data.Condition("smart-Condition-506");
        Assert.Equal(Snomed("408643008", "Overlapping malignant neoplasm of female breast"), Assert.Single(overlapping.Codes));
        Assert.Equal("active", overlapping.ClinicalStatus);
        Assert.Equal(new DateOnly(2012, 1, 11), overlapping.Onset);
        Assert.Equal(new DateOnly(2012, 1, 18), data.Condition("smart-Condition-507").Onset);
        Assert.Equal(24, data.ReadWarnings.Count(w => w.Contains("Status: Encountered a json primitive while expecting a json object", StringComparison.Ordinal)));
        Assert.Contains("Patient/smart-765583: the Patient resource is not in the file; its resources are grouped by subject reference", data.ReadWarnings);
        var crp = data.Observation("smart-2542-lab");
        Assert.Equal("unknown", crp.Status);
        Assert.Equal((ValueKind.Quantity, 4.2m, "mg/L"), (crp.Value!.Kind, crp.Value.Number!.Value, crp.Value.Unit));
    }

    [Fact]
    public void Read_EveryExternalFixture_SucceedsWithAtLeastOnePatient()
    {
        var files = Directory.GetFiles(TestPaths.External(""), "*.json", SearchOption.AllDirectories);
        Assert.Equal(25, files.Length);
        Assert.All(files, file => Assert.NotEmpty(ReadResult(Path.GetRelativePath(TestPaths.External(""), file)).Patients));
    }
}
