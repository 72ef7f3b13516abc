using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>Builds small FHIR JSON resources in code and reads them through <see cref="FhirInput"/>.</summary>
internal static class TestJson
{
    public static JsonObject Patient(string id, string? language = null)
    {
        var patient = new JsonObject { ["resourceType"] = "Patient", ["id"] = id, ["gender"] = "female" };
        if (language is not null)
        {
            patient["communication"] = new JsonArray(new JsonObject
            {
                ["language"] = new JsonObject { ["coding"] = new JsonArray(Coding("urn:ietf:bcp:47", language)) },
                ["preferred"] = true,
            });
        }
        return patient;
    }

    public static JsonObject Condition(string id, string subject, string code = "254837009", string? lastUpdated = null)
    {
        var condition = new JsonObject
        {
            ["resourceType"] = "Condition",
            ["id"] = id,
            ["clinicalStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            ["code"] = Concept("http://snomed.info/sct", code),
            ["subject"] = new JsonObject { ["reference"] = subject },
        };
        if (lastUpdated is not null) condition["meta"] = new JsonObject { ["lastUpdated"] = lastUpdated };
        return condition;
    }

    public static JsonObject Observation(string id, string subject, string code = "85337-4", string answer = "LA6576-8") => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["code"] = Concept("http://loinc.org", code),
        ["subject"] = new JsonObject { ["reference"] = subject },
        ["valueCodeableConcept"] = Concept("http://loinc.org", answer),
    };

    public static JsonObject Bundle(params (string? FullUrl, JsonObject Resource)[] entries) => Bundle("collection", entries);

    public static JsonObject Bundle(string type, params (string? FullUrl, JsonObject Resource)[] entries)
    {
        var array = new JsonArray();
        foreach (var (fullUrl, resource) in entries)
        {
            var entry = new JsonObject();
            if (fullUrl is not null) entry["fullUrl"] = fullUrl;
            entry["resource"] = resource;
            array.Add(entry);
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = type, ["entry"] = array };
    }

    public static JsonObject Concept(string system, string code) => new() { ["coding"] = new JsonArray(Coding(system, code)) };

    public static JsonObject Coding(string system, string code) => new() { ["system"] = system, ["code"] = code };

    public static FhirReadResult Read(JsonNode json, string name = "test.json") => ReadText(json.ToJsonString(), name);

    public static FhirReadResult ReadText(string text, string name = "test.json") =>
        FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    public static PatientData Single(FhirReadResult result)
    {
        Assert.True(result.Succeeded, result.Error?.ToString());
        return Assert.Single(result.Patients);
    }

    /// <summary>Content equality for records whose lists compare by reference: the JSON of the whole tree.</summary>
    public static string Canonical(object value) => JsonSerializer.Serialize(value);
}
