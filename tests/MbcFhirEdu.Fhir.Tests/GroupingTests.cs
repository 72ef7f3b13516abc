using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class GroupingTests
{
    [Fact]
    public void Read_ReferenceForms_ResolveUrnUuidAbsoluteUrlHistoryAndNestedBundle()
    {
        var data = TestJson.Single(FhirInput.Read(TestPaths.Fhir("Bundle-reference-forms.json")));
        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Equal(["Condition/c-urn"], data.Conditions.Select(c => c.Reference));
        Assert.Equal(["Observation/o-nested", "Observation/o-stage"], data.Observations.Select(o => o.Reference));
        Assert.Equal(["DiagnosticReport/r-history"], data.Reports.Select(r => r.Reference));
        Assert.Equal(["http://snomed.info/sct|94222008"], data.Reports[0].ConclusionCodes.Select(c => c.ToString()));
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_StageAssessmentByUrnUuid_BecomesTheObservationReference()
    {
        var data = TestJson.Single(FhirInput.Read(TestPaths.Fhir("Bundle-reference-forms.json")));
        Assert.Equal(["Observation/o-stage"], Assert.Single(data.Conditions[0].Stages).Assessments);
    }

    [Theory]
    // The entry's fullUrl names another id, or the same id with a history suffix, or carries spaces: the reader keeps
    // such a fullUrl (most only repeat "Type/id" and are not even decoded), so a subject written that way still resolves.
    [InlineData("https://ehr.example.org/fhir/Patient/other", "https://ehr.example.org/fhir/Patient/other")]
    [InlineData("https://ehr.example.org/fhir/Patient/p1/_history/2", "https://ehr.example.org/fhir/Patient/p1/_history/2")]
    [InlineData(" https://ehr.example.org/fhir/Patient/p1 ", "https://ehr.example.org/fhir/Patient/p1")]
    [InlineData("https://ehr.example.org/fhir/Patient/p1", "Patient/p1")]
    [InlineData("Patient/p1", "https://ehr.example.org/fhir/Patient/p1")]
    public void Read_SubjectWrittenAsTheEntryFullUrl_ResolvesToThePatient(string fullUrl, string subject)
    {
        var bundle = TestJson.Bundle((fullUrl, TestJson.Patient("p1")), (null, TestJson.Condition("c1", subject)), (null, TestJson.Patient("p2")));

        var result = FhirInput.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString())), "urls.json");

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Patient/p1", "Patient/p2"], result.Patients.Select(p => p.Patient.Reference));
        Assert.Equal(["Condition/c1"], result.Patients[0].Conditions.Select(c => c.Reference));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Read_Duplicates_NewestLastUpdatedWinsElseLastCopy()
    {
        var data = TestJson.Single(FhirInput.Read(TestPaths.Fhir("Bundle-duplicates-lastupdated.json")));
        var condition = Assert.Single(data.Conditions);
        Assert.Equal("94381002", Assert.Single(condition.Codes).Value); // 2024-06-01 beats 2024-05-01 and the undated copy
        var observation = Assert.Single(data.Observations);
        Assert.Equal("LA6577-6", Assert.Single(observation.Value!.Codes).Value); // no dates: the last copy
        Assert.Equal([
            "Condition/c1: 3 copies with the same id; kept the one with the newest meta.lastUpdated",
            "Observation/o1: 2 copies with the same id; kept the last one in the file",
        ], data.ReadWarnings);
    }

    [Fact]
    public void Read_TwoPatients_KeepsFileOrderAndIgnoresUnresolvedSubjects()
    {
        var result = FhirInput.Read(TestPaths.Fhir("Bundle-two-patients.json"));
        Assert.True(result.Succeeded);
        Assert.Equal(["Patient/p2", "Patient/p1"], result.Patients.Select(p => p.Patient.Reference));
        Assert.Equal(["Condition/c2"], result.Patients[0].Conditions.Select(c => c.Reference));
        Assert.Equal(["Condition/c1"], result.Patients[1].Conditions.Select(c => c.Reference));
        const string ignored = "Observation/o-stray: subject Patient/p3 is another patient, not in the input; left out";
        Assert.Equal([ignored], result.Warnings);
        Assert.All(result.Patients, p => Assert.Empty(p.Observations));
        Assert.All(result.Patients, p => Assert.Equal([ignored], p.ReadWarnings));
    }

    [Fact]
    public void Read_OnlyPatient_NeverReceivesAnotherPatientsResource()
    {
        var bundle = TestJson.Bundle((null, TestJson.Patient("z")), (null, TestJson.Observation("x", "Patient/y")));
        var data = TestJson.Single(TestJson.Read(bundle));
        Assert.Empty(data.Observations);
        Assert.Equal(["Observation/x: subject Patient/y is another patient, not in the input; left out"], data.ReadWarnings);
    }

    [Fact]
    public void Read_NoPatientResource_MakesOnePatientPerSubjectInFirstUseOrder()
    {
        var bundle = TestJson.Bundle(
            (null, TestJson.Condition("c1", "Patient/b")),
            (null, TestJson.Observation("o1", "https://ehr.example.org/fhir/Patient/a")),
            (null, TestJson.Observation("o2", "Patient/b")));
        var result = TestJson.Read(bundle);
        Assert.Equal(["Patient/b", "Patient/a"], result.Patients.Select(p => p.Patient.Reference));
        Assert.Equal(2, result.Patients[0].Conditions.Count + result.Patients[0].Observations.Count);
        Assert.Contains("Patient/a: the Patient resource is not in the file; its resources are grouped by subject reference", result.Patients[1].ReadWarnings);
    }

    [Fact]
    public void Read_PatientWithoutId_IsReferencedByItsUrnUuid()
    {
        var patient = TestJson.Patient("ignored");
        patient.Remove("id");
        var bundle = TestJson.Bundle(("urn:uuid:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", patient),
            (null, TestJson.Condition("c1", "urn:uuid:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")));
        var data = TestJson.Single(TestJson.Read(bundle));
        Assert.Equal("urn:uuid:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", data.Patient.Reference);
        Assert.Single(data.Conditions);
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_SingleResourceFile_MakesItsSubjectThePatient()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Observation("o1", "Patient/p9")));
        Assert.Equal("Patient/p9", data.Patient.Reference);
        Assert.Single(data.Observations);
    }

    [Theory]
    [InlineData("Patient/1", "Patient/1")]
    [InlineData("https://x/fhir/Patient/1", "Patient/1")]
    [InlineData("https://x/fhir/Patient/1/_history/3", "Patient/1")]
    [InlineData("urn:uuid:0b5e0e3e-1111-4222-8333-944455556666", null)]
    [InlineData("#contained", null)]
    [InlineData("https://x/fhir/", null)]
    public void TypeAndId_ParsesLiteralReferences(string reference, string? expected) =>
        Assert.Equal(expected, Grouping.ResourceSet.TypeAndId(reference));
}
