using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Tests;

/// <summary>
/// The sandbox serves its synthetic records through Firely (read into POCOs, written by Firely's serializer). Nothing of
/// what the data files hold may be lost or changed on the way: every resource is served as its file holds it. One
/// deliberate difference: an empty array (<c>"coding": []</c> in a text-only stage), which FHIR JSON forbids, is left
/// out by Firely's writer; readers treat both as "no codings".
/// </summary>
public sealed class FirelyServedDataTests
{
    public static TheoryData<string> Files() => new(FhirDataStore.EmbeddedBundleNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryResource_IsServedAsItsFileHoldsIt(string file)
    {
        using var stream = typeof(FhirDataStore).Assembly.GetManifestResourceStream("MbcFhirEdu.Sandbox.Data." + file)!;
        using var document = JsonDocument.Parse(stream);
        var resources = document.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();

        Assert.NotEmpty(resources);
        Assert.All(resources, resource =>
        {
            var served = StoredResource.From(resource);
            var expected = WithoutEmptyArrays(JsonNode.Parse(resource.GetRawText())!);
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(served.Json.GetRawText())),
                $"{served.Reference} changed on the way through Firely:\nfile:   {resource.GetRawText()}\nserved: {served.Json.GetRawText()}");
            Assert.Equal(resource.GetProperty("resourceType").GetString(), served.Resource.TypeName);
        });
    }

    [Fact]
    public void An_empty_array_in_a_file_is_the_only_thing_left_out()
    {
        using var document = JsonDocument.Parse("""{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[],"text":"Stage IV"}}""");

        var served = StoredResource.From(document.RootElement).Json;

        Assert.Equal("Stage IV", served.GetProperty("code").GetProperty("text").GetString());
        Assert.False(served.GetProperty("code").TryGetProperty("coding", out _));
        Assert.Equal("final", served.GetProperty("status").GetString());
    }

    [Fact]
    public void A_resource_without_an_id_is_refused_when_loaded()
    {
        using var document = JsonDocument.Parse("""{"resourceType":"Condition","subject":{"reference":"Patient/p1"}}""");

        Assert.Throws<JsonException>(() => StoredResource.From(document.RootElement));
    }

    [Fact]
    public void The_patient_of_a_resource_is_its_subject_and_of_a_Patient_itself()
    {
        using var condition = JsonDocument.Parse("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}}""");
        using var patient = JsonDocument.Parse("""{"resourceType":"Patient","id":"p2"}""");

        Assert.Equal("p1", StoredResource.From(condition.RootElement).PatientId);
        Assert.Equal("p2", StoredResource.From(patient.RootElement).PatientId);
    }

    private static JsonNode WithoutEmptyArrays(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                if (value is JsonArray { Count: 0 }) obj.Remove(name);
                else if (value is not null) WithoutEmptyArrays(value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array) if (item is not null) WithoutEmptyArrays(item);
        }
        return node;
    }
}
