using System.Text.Json;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The adapter from loaded JSON to Core's records keeps only the session patient's data.</summary>
public sealed class PatientRecordReaderTests
{
    [Fact]
    public void ResourcesOfAnotherPatient_AreLeftOut()
    {
        var record = new FetchedRecord
        {
            Patient = Json("""{"resourceType":"Patient","id":"p1","gender":"female","communication":[{"language":{"coding":[{"code":"es"}]},"preferred":true}]}"""),
            Conditions =
            [
                Json("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"94222008"}]}}"""),
                Json("""{"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p2"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"94222008"}]}}"""),
            ],
        };

        var data = PatientRecordReader.ToPatientData(record, "p1");

        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Equal("female", data.Patient.Gender);
        Assert.Equal("es", Assert.Single(data.Patient.Languages).Code);
        Assert.Single(data.Conditions);
    }

    [Fact]
    public void NothingLoaded_GivesAnEmptyRecordForTheSessionPatient()
    {
        var data = PatientRecordReader.ToPatientData(new FetchedRecord(), "p1");

        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Empty(data.Conditions);
        Assert.Empty(data.Observations);
    }

    [Fact]
    public void Banner_ReadsTheOfficialNameAndBirthDate_AndRedactsItsToString()
    {
        var banner = PatientBanner.Read(Json("""{"resourceType":"Patient","id":"p1","birthDate":"1960-02-03","name":[{"use":"nickname","text":"Bee"},{"use":"official","given":["Ada","B."],"family":"Lovelace"}]}"""));

        Assert.NotNull(banner);
        Assert.Equal("Ada B. Lovelace", banner.Name);
        Assert.Equal(new DateOnly(1960, 2, 3), banner.BirthDate);
        Assert.DoesNotContain("Lovelace", banner.ToString());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
