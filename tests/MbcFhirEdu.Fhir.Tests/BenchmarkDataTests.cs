using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MbcFhirEdu.Benchmarks;
using MbcFhirEdu.Benchmarks.Synthetic;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// The benchmark's generated data (tests/MbcFhirEdu.Benchmarks, issue 14 "Speed"; the benchmark project itself is not run
/// as a test): varied ids, codes, values and dates as real exports have them, valid R4, deterministic per seed, and read
/// by <see cref="FhirInput"/> to the expected counts. The speed figures are only fair if all of this holds.
/// </summary>
public sealed class BenchmarkDataTests
{
    private static readonly JsonSerializerOptions Firely =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    private static List<Resource> Resources(byte[] bundle) =>
        [.. JsonSerializer.Deserialize<Bundle>(bundle, Firely)!.Entry.Select(e => e.Resource!)];

    [Theory]
    [InlineData(SyntheticRecord.DefaultSeed)]
    [InlineData(2026)]
    public void Bundle_HoldsOnePatientTwoHundredConditionsAndTwoThousandObservations_WithDistinctIds(int seed)
    {
        var resources = Resources(SyntheticRecord.Bundle(seed));

        Assert.Single(resources.OfType<Patient>());
        Assert.Equal(200, resources.OfType<Condition>().Count());
        Assert.Equal(2000, resources.OfType<Observation>().Count());
        Assert.Equal(resources.Count, resources.Select(r => r.Id).Distinct().Count());
        // Ids are minted in several shapes (opaque text, numbers, UUIDs), not "o1", "o2", ….
        Assert.True(resources.Select(r => r.Id!.Length).Distinct().Count() > 10);
    }

    [Fact]
    public void Bundle_VariesCodesValuesAndDates_AsRealExportsDo()
    {
        var resources = Resources(SyntheticRecord.Bundle());
        var observations = resources.OfType<Observation>().ToList();
        var conditions = resources.OfType<Condition>().ToList();

        Assert.True(observations.Select(o => o.Code.Coding[0].Code).Distinct().Count() > 60);
        Assert.True(conditions.Select(c => c.Code!.Coding[0].Code).Distinct().Count() > 40);
        Assert.True(observations.Select(o => o.Effective?.ToString()).Distinct().Count() > 1500);
        Assert.True(resources.Select(r => r.Meta!.LastUpdated).Distinct().Count() > 2000);
        Assert.True(observations.Select(o => (o.Value as Quantity)?.Value).Distinct().Count() > 500);
        Assert.True(observations.Select(o => o.Value?.GetType()).Distinct().Count() >= 4); // Quantity, CodeableConcept, string, none
        Assert.True(observations.Count(o => o.Component.Count > 0) > 50);
        Assert.True(conditions.Select(c => c.ClinicalStatus?.Coding[0].Code).Distinct().Count() >= 5);
        Assert.True(conditions.Select(c => c.VerificationStatus?.Coding[0].Code).Distinct().Count() >= 5);
        Assert.True(conditions.Select(c => c.Onset?.GetType()).Distinct().Count() >= 3);
        // The cancer facts the extractor looks for are among them: HER2 by IHC and by ISH, stage group and TNM, ER/PR.
        foreach (var loinc in new[] { "85319-2", "85318-4", "21908-9", "21907-1", "85337-4", "69548-6" })
            Assert.Contains(observations, o => o.Code.Coding[0].Code == loinc);
    }

    [Fact]
    public void Bundle_IsTheSameBytesForTheSameSeed_AndOtherBytesForAnother()
    {
        Assert.Equal(SyntheticRecord.Bundle(7), SyntheticRecord.Bundle(7));
        Assert.NotEqual(SyntheticRecord.Bundle(7), SyntheticRecord.Bundle(8));
    }

    [Fact]
    public void Bundle_IsValidR4_SoFirelysBaselineReportsNoIssueInAnyMode()
    {
        var bundle = SyntheticRecord.Bundle();

        Assert.Equal(0, RecordOperations.Issues(bundle, RecordOperations.Strict));
        Assert.Equal(0, RecordOperations.Issues(bundle, RecordOperations.BackwardsCompatible));
    }

    [Fact]
    public void Bundle_ReadThroughFhirInput_GivesEveryRecordAndABreastCancerProfile()
    {
        var result = FhirInput.Read(new MemoryStream(SyntheticRecord.Bundle()), "record.json");

        var data = Assert.Single(result.Patients);
        Assert.Equal(200, data.Conditions.Count);
        Assert.Equal(2000, data.Observations.Count);
        Assert.Equal(ProfileValues.Recorded, ProfileExtractor.Extract(data).BreastCancer);
    }

    [Fact]
    public void Population_ReadThroughFhirInput_GivesEveryPatientWithAllTheirResources()
    {
        using var ndjson = new MemoryStream();
        var written = SyntheticRecord.Population(ndjson, patients: 40, seed: 3);
        ndjson.Position = 0;

        var result = FhirInput.Read(ndjson, "population.ndjson");

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(40, result.Patients.Count);
        Assert.Equal(40, result.Patients.Select(p => p.Patient.Reference).Distinct().Count());
        Assert.Equal(written, result.Patients.Sum(p => 1 + p.Conditions.Count + p.Observations.Count));
        Assert.True(result.Patients.Select(p => p.Observations.Count).Distinct().Count() > 10); // record sizes vary
    }
}
