using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Generates one patient's Bundle entries for property tests: a Patient (urn:uuid fullUrl) and Conditions,
/// Observations and DiagnosticReports that point at it by urn:uuid, relative or absolute reference, in a mix of
/// R4 and STU3 shapes and value forms; some resources also get an older copy with an earlier meta.lastUpdated.
/// </summary>
internal static class GeneratedPatient
{
    public sealed record Entry(string? FullUrl, string Json)
    {
        public override string ToString() => Json;
    }

    private sealed record Spec(int Kind, int ReferenceStyle, int Variant, int DateForm, bool OlderCopy);

    private static readonly Gen<Spec> SpecGen =
        from kind in Gen.Choose(0, 2)
        from style in Gen.Choose(0, 2)
        from variant in Gen.Choose(0, 4)
        from date in Gen.Choose(0, 3)
        from older in Gen.Elements(false, false, true)
        select new Spec(kind, style, variant, date, older);

    /// <summary>Entries for the patient "Patient/{prefix}-patient"; <paramref name="prefix"/> keeps ids apart between patients.</summary>
    public static Gen<Entry[]> Entries(string prefix) =>
        from count in Gen.Choose(0, 10)
        from specs in Gen.ArrayOf(SpecGen, count)
        select Build(prefix, specs);

    public static string PatientReference(string prefix) => $"Patient/{prefix}-patient";

    public static JsonObject Bundle(IEnumerable<Entry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            var item = new JsonObject();
            if (entry.FullUrl is not null) item["fullUrl"] = entry.FullUrl;
            item["resource"] = JsonNode.Parse(entry.Json);
            array.Add(item);
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = array };
    }

    private static Entry[] Build(string prefix, Spec[] specs)
    {
        var patientUrn = $"urn:uuid:{Guid.NewGuid()}";
        var entries = new List<Entry> { new(patientUrn, TestJson.Patient($"{prefix}-patient", prefix == "a" ? "es" : "en").ToJsonString()) };
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var subject = spec.ReferenceStyle switch
            {
                0 => patientUrn,
                1 => PatientReference(prefix),
                _ => "https://ehr.example.org/fhir/" + PatientReference(prefix),
            };
            var id = $"{prefix}-{i}";
            var resource = spec.Kind switch
            {
                0 => Condition(id, subject, spec),
                1 => Observation(id, subject, spec),
                _ => Report(id, subject, spec),
            };
            if (spec.OlderCopy)
            {
                var older = resource.DeepClone().AsObject();
                older["meta"] = new JsonObject { ["lastUpdated"] = "2024-01-01T00:00:00Z" };
                older["code"] = TestJson.Concept("http://snomed.info/sct", "74964007"); // must never win
                entries.Add(new Entry(null, older.ToJsonString()));
                resource["meta"] = new JsonObject { ["lastUpdated"] = "2024-06-01T00:00:00Z" };
            }
            var type = resource["resourceType"]!.GetValue<string>();
            entries.Add(new Entry(spec.ReferenceStyle == 0 ? $"urn:uuid:{Guid.NewGuid()}" : $"https://ehr.example.org/fhir/{type}/{id}", resource.ToJsonString()));
        }
        return [.. entries];
    }

    private static readonly string[] DateForms = ["2019", "2019-03", "2019-03-16T10:00:00-05:00", "2020-11-30"];

    private static JsonObject Condition(string id, string subject, Spec spec)
    {
        var codes = new[] { "254837009", "94222008", "94381002.0", "128462008", "372137005" };
        var condition = TestJson.Condition(id, subject, codes[spec.Variant]);
        if (spec.Variant == 3) condition["bodySite"] = new JsonArray(TestJson.Concept("http://snomed.info/sct", "10200004"));
        if (spec.Variant == 4) condition["clinicalStatus"] = "active"; // STU3 shape, with a warning
        condition[spec.DateForm % 2 == 0 ? "onsetDateTime" : "recordedDate"] = DateForms[spec.DateForm];
        if (spec.ReferenceStyle == 2) condition["stage"] = new JsonArray(new JsonObject { ["summary"] = TestJson.Concept("http://cancerstaging.org", "IV") });
        return condition;
    }

    private static JsonObject Observation(string id, string subject, Spec spec)
    {
        var observation = TestJson.Observation(id, subject);
        observation["effectiveDateTime"] = DateForms[spec.DateForm];
        switch (spec.Variant)
        {
            case 1:
                observation.Remove("valueCodeableConcept");
                observation["valueQuantity"] = new JsonObject { ["value"] = 0.5, ["comparator"] = "<", ["unit"] = "%" };
                break;
            case 2:
                observation.Remove("valueCodeableConcept");
                observation["dataAbsentReason"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown");
                break;
            case 3:
                observation["component"] = new JsonArray(new JsonObject
                {
                    ["code"] = TestJson.Concept("http://loinc.org", "48018-6"),
                    ["valueCodeableConcept"] = TestJson.Concept("http://www.genenames.org/geneId", "HGNC:8975"),
                });
                break;
            case 4:
                observation["interpretation"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "POS"); // STU3 shape
                break;
        }
        return observation;
    }

    private static JsonObject Report(string id, string subject, Spec spec) => new()
    {
        ["resourceType"] = "DiagnosticReport",
        ["id"] = id,
        ["status"] = spec.Variant % 2 == 0 ? "final" : "FINAL",
        ["code"] = TestJson.Concept("http://loinc.org", "39813-4"),
        ["subject"] = new JsonObject { ["reference"] = subject },
        ["effectiveDateTime"] = DateForms[spec.DateForm],
        ["conclusionCode"] = new JsonArray(TestJson.Concept("http://snomed.info/sct", "94222008")),
    };
}
