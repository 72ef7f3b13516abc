using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Grouping;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Mapping remembers answers per shared instance (dates, statuses, codes, values): the reader hands out one instance for
/// equal strings and data types. A remembered answer must be exactly what mapping that resource alone would give, and
/// a warning about a resource must still be raised for every resource it applies to.
/// </summary>
public sealed class MappingCacheTests
{
    private const string PatientUrl = "urn:uuid:5c0b1a52-0000-4000-8000-000000000001";

    [Fact]
    public void Build_ResourcesSharingOneDateString_EachGetTheDate()
    {
        var date = new string("2021-06-15T09:30:00Z".AsSpan()); // one instance, as the reader's string pool gives it
        var patient = BuildSingle(SetOf(
            new Observation { Id = "o1", Subject = Subject, EffectiveDateTime = date, Issued = date },
            new Observation { Id = "o2", Subject = Subject, EffectiveDateTime = date },
            new Condition { Id = "c1", Subject = Subject, OnsetDateTime = date, RecordedDate = date }));

        Assert.All(patient.Observations, o => Assert.Equal(new DateOnly(2021, 6, 15), o.Effective));
        Assert.Equal(new DateOnly(2021, 6, 15), patient.Observations[0].Issued);
        Assert.Null(patient.Observations[1].Issued);
        var condition = Assert.Single(patient.Conditions);
        Assert.Equal(new DateOnly(2021, 6, 15), condition.Onset);
        Assert.Equal(new DateOnly(2021, 6, 15), condition.Recorded);
    }

    [Fact]
    public void Build_InvalidDateSharedByResources_WarnsForEachResource()
    {
        var invalid = new string("2021-02-30".AsSpan());
        var patient = BuildSingle(SetOf(
            new Observation { Id = "o1", Subject = Subject, EffectiveDateTime = invalid },
            new Observation { Id = "o2", Subject = Subject, EffectiveDateTime = invalid },
            new Observation { Id = "o3", Subject = Subject, EffectiveDateTime = "2021-02-28" },
            new Condition { Id = "c1", Subject = Subject, OnsetDateTime = invalid }));

        Assert.Equal([null, null, new DateOnly(2021, 2, 28)], patient.Observations.Select(o => o.Effective));
        Assert.Null(Assert.Single(patient.Conditions).Onset);
        Assert.Equal(
            [
                "Condition/c1: onsetDateTime is not a valid FHIR date; ignored",
                "Observation/o1: effectiveDateTime is not a valid FHIR date; ignored",
                "Observation/o2: effectiveDateTime is not a valid FHIR date; ignored",
            ],
            patient.ReadWarnings);
    }

    [Fact]
    public void Build_SharedConceptsAndQuantities_GiveEachResourceItsValue()
    {
        var quantity = new Quantity { Value = 12.40m, Unit = "g/dL" };
        var answer = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = "LA6576-8" }], Text = "Positive" };
        var status = new CodeableConcept { Coding = [new Coding { System = "http://terminology.hl7.org/CodeSystem/condition-clinical", Code = "Active" }] };
        var patient = BuildSingle(SetOf(
            new Observation { Id = "o1", Subject = Subject, ValueQuantity = quantity },
            new Observation { Id = "o2", Subject = Subject, ValueQuantity = quantity, Code = answer },
            new Observation { Id = "o3", Subject = Subject, ValueCodeableConcept = answer },
            new Observation { Id = "o4", Subject = Subject, ValueCodeableConcept = answer, Code = answer },
            new Condition { Id = "c1", Subject = Subject, ClinicalStatus = status, VerificationStatus = status },
            new Condition { Id = "c2", Subject = Subject, ClinicalStatus = status }));

        var byReference = patient.Observations.ToDictionary(o => o.Reference);
        Assert.All(["Observation/o1", "Observation/o2"], r => Assert.Equal("12.40", byReference[r].Value!.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(["Observation/o3", "Observation/o4"], r => Assert.Equal(ValueKind.CodeableConcept, byReference[r].Value!.Kind));
        Assert.All(["Observation/o3", "Observation/o4"], r => Assert.Equal("Positive", byReference[r].Value!.Text));
        Assert.Equal(["LA6576-8"], byReference["Observation/o4"].Codes.Select(c => c.Value));
        Assert.Empty(byReference["Observation/o3"].Codes);
        Assert.Equal([("active", "active"), ("active", null)], patient.Conditions.Select(c => (c.ClinicalStatus, c.VerificationStatus)));
    }

    private static readonly ResourceReference Subject = new() { Reference = "Patient/p1" };

    private static ResourceSet SetOf(params Resource[] resources)
    {
        var set = new ResourceSet();
        set.Add(new Patient { Id = "p1" });
        foreach (var resource in resources) set.Add(resource);
        return set;
    }

    [Fact]
    public void Build_SharedValueWithTwoValueForms_WarnsForEachResource()
    {
        var twoValues = new JsonObject
        {
            ["valueQuantity"] = new JsonObject { ["value"] = 12.4, ["unit"] = "g/dL" },
            ["valueString"] = "12.4 g/dL",
        };
        var patient = BuildSingle(Read(Bundle(Observation("o1", extra: twoValues), Observation("o2", extra: twoValues))));

        Assert.All(patient.Observations, o => Assert.Equal(12.4m, o.Value?.Number));
        Assert.Equal(2, patient.ReadWarnings.Count(w => w.Contains("value[x] has 2 values", StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_StatusesSharedAcrossResources_AreLowerCasedForEach()
    {
        var patient = BuildSingle(Read(Bundle(
            Observation("o1", status: " FINAL "), Observation("o2", status: " FINAL "), Observation("o3", status: "amended"))));

        Assert.Equal(["final", "final", "amended"], patient.Observations.Select(o => o.Status));
    }

    /// <summary>
    /// The whole file, mapped in one run (warm caches, shared instances), gives each resource exactly the record and the
    /// warnings that mapping it alone with its patient (cold caches) gives.
    /// </summary>
    [Fact]
    public void Build_ManyResourcesSharingValues_GivesWhatEachResourceAloneGives()
    {
        Prop.ForAll(GeneratedResources.ToArbitrary(), resources =>
        {
            var set = Read(Bundle([.. resources]));
            var whole = BuildSingle(set);
            var entries = set.GetEntries();
            var patientEntry = entries.Single(e => e.Resource is Patient);
            var expectedWarnings = new SortedSet<string>(StringComparer.Ordinal);
            var conditions = new List<ConditionRecord>();
            var observations = new List<ObservationRecord>();
            var reports = new List<ReportRecord>();
            foreach (var entry in entries.Where(e => e.Resource is not Patient))
            {
                var alone = new ResourceSet();
                alone.Add(patientEntry.Resource, PatientUrl, patientEntry.Warnings); // only the Patient has a fullUrl (see Bundle)
                alone.Add(entry.Resource, fullUrl: null, entry.Warnings);
                var one = BuildSingle(alone);
                conditions.AddRange(one.Conditions);
                observations.AddRange(one.Observations);
                reports.AddRange(one.Reports);
                expectedWarnings.UnionWith(one.ReadWarnings);
            }
            conditions.Sort((x, y) => string.CompareOrdinal(x.Reference, y.Reference));
            observations.Sort((x, y) => string.CompareOrdinal(x.Reference, y.Reference));
            reports.Sort((x, y) => string.CompareOrdinal(x.Reference, y.Reference));
            expectedWarnings.UnionWith(set.Warnings);
            expectedWarnings.UnionWith(patientEntry.Warnings);

            return TestJson.Canonical(whole.Conditions) == TestJson.Canonical(conditions)
                && TestJson.Canonical(whole.Observations) == TestJson.Canonical(observations)
                && TestJson.Canonical(whole.Reports) == TestJson.Canonical(reports)
                && whole.ReadWarnings.SequenceEqual(expectedWarnings, StringComparer.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    // Small pools, so resources share strings and data types often; invalid dates, odd statuses and double values
    // included, so warnings are raised for several resources from one shared instance.
    private static readonly string[] Dates = ["2019", "2019-03", "2019-03-16T10:00:00-05:00", "2020-11-30", "2019-13-01", "2019-02-30", " 2019-05-05 "];
    private static readonly string[] Statuses = ["final", "FINAL", " amended ", "preliminary", "", " "];

    private static readonly Gen<JsonObject> GeneratedValue = Gen.Elements<Func<JsonObject>>(
        () => new JsonObject { ["valueQuantity"] = new JsonObject { ["value"] = 12.4, ["unit"] = "g/dL", ["code"] = "g/dL" } },
        () => new JsonObject { ["valueQuantity"] = new JsonObject { ["value"] = JsonNode.Parse("12.40"), ["unit"] = "g/dL" } },
        () => new JsonObject { ["valueQuantity"] = new JsonObject { ["value"] = 0.5, ["comparator"] = "<", ["code"] = "%" } },
        () => new JsonObject { ["valueCodeableConcept"] = TestJson.Concept("http://loinc.org", "LA6576-8") },
        () => new JsonObject { ["valueCodeableConcept"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-applicable") },
        () => new JsonObject { ["dataAbsentReason"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown") },
        () => new JsonObject
        {
            ["valueCodeableConcept"] = TestJson.Concept("http://loinc.org", "LA6577-6"),
            ["valueQuantity"] = new JsonObject { ["value"] = 3, ["unit"] = "%" },
        },
        () => new JsonObject { ["valueString"] = "positive" },
        () => new JsonObject
        {
            ["component"] = new JsonArray(new JsonObject
            {
                ["code"] = TestJson.Concept("http://loinc.org", "48018-6"),
                ["valueCodeableConcept"] = TestJson.Concept("http://www.genenames.org/geneId", "HGNC:8975"),
            }),
        }).Select(make => make());

    private static readonly Gen<JsonObject> GeneratedResource =
        from kind in Gen.Choose(0, 2)
        from id in Gen.Choose(0, 400)
        from date in Gen.Elements(Dates)
        from otherDate in Gen.Elements(Dates)
        from status in Gen.Elements(Statuses)
        from value in GeneratedValue
        from code in Gen.Elements("85337-4", "718-7", "85319-2")
        select kind switch
        {
            0 => Observation($"o{id}", effective: date, issued: otherDate, status: status, code: code, extra: value),
            1 => Condition($"c{id}", onset: date, recorded: otherDate, clinical: status.Trim().Length == 0 ? "active" : status.Trim()),
            _ => Report($"r{id}", effective: date, status: status),
        };

    private static readonly Gen<JsonObject[]> GeneratedResources =
        from count in Gen.Choose(0, 40)
        from resources in Gen.ArrayOf(GeneratedResource, count)
        select resources;

    private static JsonObject Observation(
        string id, string? effective = null, string? issued = null, string status = "final", string code = "85337-4", JsonObject? extra = null)
    {
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation", ["id"] = id, ["status"] = status,
            ["category"] = new JsonArray(TestJson.Concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")),
            ["code"] = TestJson.Concept("http://loinc.org", code),
            ["subject"] = new JsonObject { ["reference"] = PatientUrl },
        };
        if (effective is not null) observation["effectiveDateTime"] = effective;
        if (issued is not null) observation["issued"] = issued;
        if (extra is not null)
        {
            foreach (var (name, value) in extra) observation[name] = value?.DeepClone();
        }
        return observation;
    }

    private static JsonObject Condition(string id, string? onset = null, string? recorded = null, string clinical = "active")
    {
        var condition = TestJson.Condition(id, PatientUrl);
        condition["clinicalStatus"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical);
        condition["verificationStatus"] = TestJson.Concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed");
        if (onset is not null) condition["onsetDateTime"] = onset;
        if (recorded is not null) condition["recordedDate"] = recorded;
        return condition;
    }

    private static JsonObject Report(string id, string? effective, string status) => new()
    {
        ["resourceType"] = "DiagnosticReport", ["id"] = id, ["status"] = status,
        ["code"] = TestJson.Concept("http://loinc.org", "39813-4"),
        ["subject"] = new JsonObject { ["reference"] = PatientUrl },
        ["effectiveDateTime"] = effective,
        ["issued"] = effective,
        ["conclusionCode"] = new JsonArray(TestJson.Concept("http://snomed.info/sct", "94222008")),
    };

    private static JsonObject Bundle(params JsonObject[] resources)
    {
        var entries = new List<(string?, JsonObject)> { (PatientUrl, TestJson.Patient("p1", "es")) };
        entries.AddRange(resources.Select(r => ((string?)null, r)));
        return TestJson.Bundle(entries.ToArray());
    }

    private static ResourceSet Read(JsonObject bundle)
    {
        var read = FhirInput.ReadResources(new MemoryStream(Encoding.UTF8.GetBytes(bundle.ToJsonString())), "test.json");
        Assert.NotNull(read.Resources);
        return read.Resources;
    }

    private static PatientData BuildSingle(ResourceSet set)
    {
        var result = PatientDataBuilder.Build(set, "test.json");
        Assert.True(result.Succeeded, result.Error?.ToString());
        return Assert.Single(result.Patients);
    }
}
