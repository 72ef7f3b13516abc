using System.Text;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Serialization;
using F = Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class WriterRoundTripTests
{
    // What was written, read back by Firely (a Bundle as its entries' resources): no issue, no warning.
    private static IReadOnlyList<F.Resource> ReadBack(string json)
    {
        var value = FhirJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(value.Error);
        Assert.DoesNotContain(value.Warnings, w => !w.Contains("the searchset total", StringComparison.Ordinal));
        Assert.All(value.Entries, entry => Assert.Empty(entry.Issues));
        return [.. value.Entries.Select(entry => entry.Resource)];
    }

    private static void AssertRoundTrips(Resource resource) => Assert.NotEmpty(ReadBack(FhirJsonWriter.Serialize(resource)));

    private static OperationOutcome Outcome => new()
    {
        Id = "oo1",
        Issue =
        [
            new OperationOutcomeIssue
            {
                Severity = "error", Code = "not-found", Diagnostics = "Patient/x is not known",
                Details = new CodeableConcept { Coding = [new Coding { System = "http://terminology.hl7.org/CodeSystem/operation-outcome", Code = "MSG_NO_EXIST" }] },
                Expression = ["Patient.id"],
            },
        ],
    };

    [Fact]
    public void Write_OperationOutcome_PutsResourceTypeFirstAndOmitsNullsAndEmptyArrays()
    {
        var json = FhirJsonWriter.Serialize(Outcome);
        Assert.StartsWith("""{"resourceType":"OperationOutcome","id":"oo1",""", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("[]", json);
        Assert.DoesNotContain("\"location\"", json);
        Assert.Contains("\"diagnostics\":\"Patient/x is not known\"", json);
        AssertRoundTrips(Outcome);
    }

    [Fact]
    public void Write_BundleWithObservationAndCondition_RoundTrips()
    {
        var observation = new Observation
        {
            Id = "o1", Meta = new Meta { LastUpdated = new DateTimeOffset(2024, 3, 2, 10, 0, 0, TimeSpan.Zero) }, Status = "final",
            Code = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = "85337-4" }], Text = "ER" },
            Subject = new ResourceReference { Reference = "Patient/p1" }, EffectiveDateTime = "2024-03",
            ValueQuantity = new Quantity { Value = 0.5m, Comparator = "<", Unit = "%", System = "http://unitsofmeasure.org", Code = "%" },
            Component = [new ObservationComponent { Code = new CodeableConcept { Text = "ratio" }, ValueRatio = new Ratio { Numerator = new Quantity { Value = 2.2m } } }],
        };
        var condition = new Condition
        {
            Id = "c1", ClinicalStatus = new CodeableConcept { Coding = [new Coding { System = "http://terminology.hl7.org/CodeSystem/condition-clinical", Code = "active" }] },
            Subject = new ResourceReference { Reference = "Patient/p1" }, OnsetPeriod = new Period { Start = "2023" },
            Stage = [new ConditionStage { Assessment = [new ResourceReference { Reference = "Observation/o1" }] }],
            Extensions = [new Extension { Url = Extension.ConditionAssertedDateUrl, ValueDateTime = "2023-05-01" }],
        };
        var bundle = new Bundle
        {
            Id = "b1", Type = "searchset", Total = 2, Link = [new BundleLink { Relation = "self", Url = "https://x/fhir/Observation" }],
            Entry =
            [
                new BundleEntry { FullUrl = "https://x/fhir/Observation/o1", Resource = observation, Search = new BundleEntrySearch { Mode = "match" } },
                new BundleEntry { FullUrl = "https://x/fhir/Condition/c1", Resource = condition, Search = new BundleEntrySearch { Mode = "include" } },
                new BundleEntry { Resource = Outcome, Search = new BundleEntrySearch { Mode = "outcome" } },
            ],
        };
        var json = FhirJsonWriter.Serialize(bundle);
        Assert.Contains("""{"resourceType":"Observation","id":"o1","meta":{"lastUpdated":"2024-03-02T10:00:00+00:00"}""", json);
        // The default (HTML-safe) encoder writes "<" as \u003C; any JSON parser reads it back as "<".
        Assert.Equal("<", Assert.IsType<F.Quantity>(Assert.IsType<F.Observation>(ReadBack(json)[0]).Value).ComparatorElement!.JsonValue);
        Assert.Contains("""{"url":"http://hl7.org/fhir/StructureDefinition/condition-assertedDate","valueDateTime":"2023-05-01"}""", json);
        AssertRoundTrips(bundle);
    }

    [Fact]
    public void Write_Communication_UsesFhirElementNames()
    {
        var communication = new Communication
        {
            Id = "m1", Status = "completed", Identifier = [new Identifier { System = "urn:ietf:rfc:3986", Value = "urn:uuid:0b7d" }],
            Subject = new ResourceReference { Reference = "Patient/p1" }, Sent = new DateTimeOffset(2024, 5, 1, 9, 30, 0, TimeSpan.FromHours(2)),
            Payload = [new CommunicationPayload { ContentAttachment = new Attachment { Url = "https://edu.example/m/bone-metastases", Title = "Bone metastases", Language = "en" } }],
        };
        var json = FhirJsonWriter.Serialize(communication);
        Assert.StartsWith("""{"resourceType":"Communication","id":"m1","identifier":[""", json);
        Assert.Contains("\"sent\":\"2024-05-01T09:30:00+02:00\"", json);
        Assert.Contains("\"payload\":[{\"contentAttachment\":{\"language\":\"en\",\"url\":", json);
    }
}
