namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Grouping gives the same patients whatever the entry order: a Patient after its resources, a second Patient after
/// resources of both (the single-patient fast path these tests were written for is gone; rule 12 grouping is one pass).
/// </summary>
public sealed class EntryOrderGroupingTests
{
    [Fact]
    public void Read_PatientAfterItsResources_GetsThemAll()
    {
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, TestJson.Observation("o1", "Patient/a")),
            (null, TestJson.Condition("c1", "Patient/a")),
            (null, TestJson.Observation("o2", "Patient/other")),
            (null, TestJson.Patient("a")))));

        Assert.Equal("Patient/a", data.Patient.Reference);
        Assert.Equal(["Observation/o1"], data.Observations.Select(o => o.Reference));
        Assert.Equal(["Condition/c1"], data.Conditions.Select(c => c.Reference));
        Assert.Contains("Observation/o2: subject Patient/other is another patient, not in the input; left out", data.ReadWarnings);
    }

    [Fact]
    public void Read_SecondPatientAfterResources_SplitsThemByPatient()
    {
        var result = TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("a")),
            (null, TestJson.Observation("o1", "Patient/a")),
            (null, TestJson.Observation("o2", "Patient/b")),
            (null, TestJson.Condition("c1", "Patient/b")),
            (null, TestJson.Patient("b")),
            (null, TestJson.Observation("o3", "Patient/a"))));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Patient/a", "Patient/b"], result.Patients.Select(p => p.Patient.Reference));
        Assert.Equal(["Observation/o1", "Observation/o3"], result.Patients[0].Observations.Select(o => o.Reference));
        Assert.Empty(result.Patients[0].Conditions);
        Assert.Equal(["Observation/o2"], result.Patients[1].Observations.Select(o => o.Reference));
        Assert.Equal(["Condition/c1"], result.Patients[1].Conditions.Select(c => c.Reference));
    }

    [Fact]
    public void Read_NoPatientTwoSubjects_GroupsBySubject()
    {
        var result = TestJson.Read(TestJson.Bundle(
            (null, TestJson.Observation("o1", "Patient/a")),
            (null, TestJson.Observation("o2", "Patient/b")),
            (null, TestJson.Observation("o3", "Patient/a"))));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Patient/a", "Patient/b"], result.Patients.Select(p => p.Patient.Reference));
        Assert.Equal(["Observation/o1", "Observation/o3"], result.Patients[0].Observations.Select(o => o.Reference));
        Assert.Equal(["Observation/o2"], result.Patients[1].Observations.Select(o => o.Reference));
    }
}
