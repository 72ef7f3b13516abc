using System.Text.Json.Nodes;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>CODES.md rule 12 (rewritten 2026-12-06): a resource counts for a patient only when its subject resolves to her.</summary>
public sealed class PatientIdentityTests
{
    private const string Mrn = "http://hospital.example.org/mrn";

    private static JsonObject PatientWith(string? id, params (string System, string Value)[] identifiers)
    {
        var patient = TestJson.Patient(id ?? "unused");
        if (id is null) patient.Remove("id");
        patient["identifier"] = new JsonArray([.. identifiers.Select(i => (JsonNode)new JsonObject { ["system"] = i.System, ["value"] = i.Value })]);
        return patient;
    }

    private static JsonObject WithSubject(JsonObject resource, JsonNode? subject)
    {
        if (subject is null) resource.Remove("subject");
        else resource["subject"] = subject;
        return resource;
    }

    [Fact]
    public void Read_AbsoluteSubjectOfAnotherPatient_IsLeftOutEvenWithOnePatientInTheFile()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("her")),
            (null, TestJson.Condition("brain", "https://other.example.org/fhir/Patient/someone-else", code: "94225005")),
            (null, TestJson.Condition("own", "Patient/her")))));

        Assert.Equal(["Condition/own"], data.Conditions.Select(c => c.Reference));
        Assert.Contains("Condition/brain: subject Patient/someone-else is another patient, not in the input; left out", data.ReadWarnings);
    }

    [Fact]
    public void Read_NoSubjectOrDisplayOnly_GoesToTheOnlyPatientWithAWarning()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("her")),
            (null, WithSubject(TestJson.Observation("none", "x"), null)),
            (null, WithSubject(TestJson.Observation("display", "x"), new JsonObject { ["display"] = "A. Name" })))));

        Assert.Equal(["Observation/display", "Observation/none"], data.Observations.Select(o => o.Reference));
        Assert.Contains("Observation/none: no subject; counted for Patient/her, the only patient", data.ReadWarnings);
        Assert.Contains("Observation/display: subject has no reference; counted for Patient/her, the only patient", data.ReadWarnings);
        Assert.DoesNotContain(data.ReadWarnings, w => w.Contains("A. Name", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoSubjectWithTwoPatients_IsLeftOutAndNamed()
    {
        var result = TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("a")), (null, TestJson.Patient("b")), (null, WithSubject(TestJson.Observation("none", "x"), null))));

        Assert.Equal(2, result.Patients.Count);
        Assert.All(result.Patients, p => Assert.Empty(p.Observations));
        Assert.Contains("Observation/none: no subject; left out because the input has 2 patients", result.Warnings);
    }

    [Fact]
    public void Read_PatientsSharingAnIdentifier_AreOnePersonUnderTheRecordMostResourcesPointTo()
    {
        var result = TestJson.Read(TestJson.Bundle(
            (null, PatientWith("old", (Mrn, "123"))),
            (null, PatientWith("new", (Mrn, "123"))),
            (null, TestJson.Condition("c1", "Patient/old")),
            (null, TestJson.Observation("o1", "Patient/new")),
            (null, TestJson.Observation("o2", "Patient/new"))));

        var data = TestJson.Single(result);
        Assert.Equal("Patient/new", data.Patient.Reference);
        Assert.Equal(["Condition/c1"], data.Conditions.Select(c => c.Reference));
        Assert.Equal(["Observation/o1", "Observation/o2"], data.Observations.Select(o => o.Reference));
        Assert.Contains(data.ReadWarnings, w => w.Contains("Patient/old and Patient/new share an identifier (system " + Mrn + ")", StringComparison.Ordinal));
        Assert.DoesNotContain(data.ReadWarnings, w => w.Contains("123", StringComparison.Ordinal)); // the MRN itself is not repeated
    }

    [Theory]
    [InlineData(Mrn, 1)]
    [InlineData("http://other.example.org/mrn", 2)]
    public void Read_SameIdentifierValue_IsOnePersonOnlyUnderTheSameSystem(string otherSystem, int people)
    {
        var result = TestJson.Read(TestJson.Bundle(
            (null, PatientWith("a", (Mrn, "123"))), (null, PatientWith("b", (otherSystem, "123")))));

        Assert.Equal(people, result.Patients.Count);
    }

    [Fact]
    public void Read_PatientsJoinedByLink_AreOnePerson()
    {
        var replaced = TestJson.Patient("old");
        replaced["link"] = new JsonArray(new JsonObject { ["other"] = new JsonObject { ["reference"] = "Patient/new" }, ["type"] = "replaced-by" });
        var result = TestJson.Read(TestJson.Bundle(
            (null, replaced), (null, TestJson.Patient("new")),
            (null, TestJson.Condition("c1", "Patient/old")), (null, TestJson.Condition("c2", "Patient/new"))));

        var data = TestJson.Single(result);
        Assert.Equal("Patient/old", data.Patient.Reference); // one resource each: the earlier record
        Assert.Equal(["Condition/c1", "Condition/c2"], data.Conditions.Select(c => c.Reference));
        Assert.Contains("Patient/old and Patient/new are joined by Patient.link: one person, their resources are read together", data.ReadWarnings);
    }

    [Fact]
    public void Read_LinkToARecordNotInTheFile_CountsItsResourcesForThisPerson()
    {
        var patient = TestJson.Patient("new");
        patient["link"] = new JsonArray(new JsonObject { ["other"] = new JsonObject { ["reference"] = "Patient/merged-away" }, ["type"] = "replaces" });
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle((null, patient), (null, TestJson.Condition("c1", "Patient/merged-away")))));

        Assert.Equal(["Condition/c1"], data.Conditions.Select(c => c.Reference));
        Assert.Contains("Condition/c1: subject Patient/merged-away is linked (Patient.link) to Patient/new; counted for it", data.ReadWarnings);
    }

    [Fact]
    public void Read_LiteralReferenceToTheIdentifierOfAPatientWithoutId_MatchesHerWithAWarning()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            ("urn:uuid:4f1d2c3b-0000-4000-8000-000000000001", PatientWith(null, (Mrn, "MRN77"))),
            (null, TestJson.Condition("c1", "Patient/MRN77")))));

        Assert.Equal("urn:uuid:4f1d2c3b-0000-4000-8000-000000000001", data.Patient.Reference);
        Assert.Equal(["Condition/c1"], data.Conditions.Select(c => c.Reference));
        Assert.Contains(data.ReadWarnings, w => w.StartsWith("Condition/c1: subject Patient/MRN77 matches an identifier of urn:uuid:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LiteralReferenceToAnIdentifierOfAPatientWithAnId_IsAnotherPatient()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, PatientWith("p1", (Mrn, "MRN77"))), (null, TestJson.Condition("c1", "Patient/MRN77")))));

        Assert.Empty(data.Conditions);
    }

    [Theory]
    [InlineData("urn:uuid:99999999-0000-4000-8000-000000000000", "does not resolve in the input")]
    [InlineData("#p1", "is a contained resource, which is not read")]
    [InlineData("Group/g1", "is not a Patient")]
    public void Read_UnresolvableSubject_IsLeftOutWithAWarning(string subject, string why)
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle((null, TestJson.Patient("her")), (null, TestJson.Observation("o1", subject)))));

        Assert.Empty(data.Observations);
        Assert.Contains($"Observation/o1: subject {subject} {why}; left out", data.ReadWarnings);
    }

    [Fact]
    public void Read_LogicalReference_MatchesThePatientWithThatIdentifier()
    {
        var logical = new JsonObject { ["identifier"] = new JsonObject { ["system"] = Mrn, ["value"] = "B2" } };
        var result = TestJson.Read(TestJson.Bundle(
            (null, PatientWith("a", (Mrn, "A1"))), (null, PatientWith("b", (Mrn, "B2"))),
            (null, WithSubject(TestJson.Observation("o1", "x"), logical))));

        Assert.Empty(result.Patients[0].Observations);
        Assert.Equal(["Observation/o1"], result.Patients[1].Observations.Select(o => o.Reference));
    }

    [Fact]
    public void Read_UnresolvableUrnWithAMatchingIdentifier_IsCountedByTheIdentifier()
    {
        var subject = new JsonObject
        {
            ["reference"] = "urn:uuid:77777777-0000-4000-8000-000000000000",
            ["identifier"] = new JsonObject { ["system"] = Mrn, ["value"] = "A1" },
        };
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, PatientWith("a", (Mrn, "A1"))), (null, WithSubject(TestJson.Observation("o1", "x"), subject)))));

        Assert.Equal(["Observation/o1"], data.Observations.Select(o => o.Reference));
        Assert.Contains(data.ReadWarnings, w => w.StartsWith("Observation/o1: subject urn:uuid:77777777-0000-4000-8000-000000000000 (not in the input) " +
            "with an identifier that matches Patient/a", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LogicalReferenceMatchingNobody_IsLeftOut()
    {
        var logical = new JsonObject { ["identifier"] = new JsonObject { ["system"] = Mrn, ["value"] = "Z9" } };
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, PatientWith("a", (Mrn, "A1"))), (null, WithSubject(TestJson.Observation("o1", "x"), logical)))));

        Assert.Empty(data.Observations);
        Assert.Contains("Observation/o1: a logical reference (identifier) that matches no patient in the input; left out", data.ReadWarnings);
    }

    [Fact]
    public void Read_InfernoRegistryBundle_AttributesNothingToTheBundledPatient()
    {
        // Every clinical resource in this document names another patient (README section 7): none is hers.
        var result = ExternalFixtures.ReadResult("inferno-ccrr/ccrr_hdea_content_bundle_example_complete.json");

        var data = Assert.Single(result.Patients);
        Assert.Equal("Patient/example-complete-Patient", data.Patient.Reference);
        Assert.Empty(data.Conditions);
        Assert.Empty(data.Observations);
        Assert.Empty(data.Reports);
        Assert.Contains("Condition/secondary-cancer-condition-brain-mets: subject Patient/cancer-patient-john-anyperson is another patient, " +
            "not in the input; left out", data.ReadWarnings);
        Assert.Contains("Condition/primary-cancer-condition-complete: subject Patient/example is another patient, not in the input; left out",
            data.ReadWarnings);
    }

    [Fact]
    public void Read_NoPatientData_FailsNamingTheFileOnce()
    {
        var result = TestJson.Read(TestJson.Bundle((null, WithSubject(TestJson.Observation("o1", "x"), null))), "lonely.json");

        Assert.False(result.Succeeded);
        Assert.Equal("no patient data in lonely.json", result.Error.ToString());
    }
}
