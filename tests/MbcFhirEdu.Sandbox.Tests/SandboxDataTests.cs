using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Tests;

/// <summary>The synthetic records themselves: well-formed, one patient per bundle, and covering what the index promises.</summary>
public sealed class SandboxDataTests
{
    private static readonly string DataDirectory = Path.Combine(FindRepositoryRoot(), "src", "MbcFhirEdu.Sandbox", "Data");

    public static TheoryData<string> Bundles() => new(Directory.GetFiles(DataDirectory, "Bundle-*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Bundles))]
    public void EveryBundle_ParsesAndHasExactlyOnePatientThatEveryResourceReferences(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, file)));
        var resources = document.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();

        var patient = Assert.Single(resources, r => r.GetProperty("resourceType").GetString() == "Patient");
        var reference = "Patient/" + patient.GetProperty("id").GetString();
        Assert.Equal($"Bundle-{patient.GetProperty("id").GetString()}.json", file);
        Assert.All(resources.Where(r => r.GetProperty("resourceType").GetString() != "Patient"), r =>
            Assert.Equal(reference, r.GetProperty("subject").GetProperty("reference").GetString()));
    }

    [Fact]
    public void Observations_AreFinalOrDeliberatelyAmendedOrPreliminary_AndMarkersAreLaboratory()
    {
        var observations = AllResources().Where(r => r.GetProperty("resourceType").GetString() == "Observation").ToList();

        Assert.All(observations, o => Assert.Contains(o.GetProperty("status").GetString(), new[] { "final", "amended", "preliminary" }));
        Assert.True(observations.Count(o => o.GetProperty("status").GetString() == "final") > observations.Count * 9 / 10);
        var markers = observations.Where(o => !IsStaging(o));
        Assert.All(markers, o => Assert.Contains(o.GetProperty("category").EnumerateArray(), c => c.GetProperty("coding")[0].GetProperty("code").GetString() == "laboratory"));
    }

    [Fact]
    public void PatientIndex_DescribesEveryBundleAndAtLeastTwelvePatients()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "patients.json")));
        var ids = index.RootElement.GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();

        Assert.True(ids.Count >= 12);
        Assert.Equal(Directory.GetFiles(DataDirectory, "Bundle-*.json").Length, ids.Count);
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(DataDirectory, $"Bundle-{id}.json")), id));
        Assert.Equal(2, index.RootElement.GetProperty("practitioners").GetArrayLength());
    }

    [Theory]
    [InlineData("bone", new[] { "94222008", "272673000", "C79.51" })]
    [InlineData("lung", new[] { "94391008", "39607008", "C78.01" })]
    [InlineData("liver", new[] { "94381002", "10200004", "C78.7" })]
    [InlineData("brain", new[] { "94225005" })]
    [InlineData("leptomeninges", new[] { "C79.32" })]
    [InlineData("pleura", new[] { "C38.4" })]
    [InlineData("lymph-nodes", new[] { "C77.0", "C77.1" })]
    [InlineData("skin", new[] { "C79.2" })]
    [InlineData("adrenal", new[] { "23451007" })]
    [InlineData("ovary", new[] { "15497006" })]
    [InlineData("peritoneum", new[] { "C78.6" })]
    [InlineData("eye", new[] { "81745001" })]
    [InlineData("spinal-cord", new[] { "2748008" })]
    [InlineData("contralateral-breast", new[] { "C79.81" })]
    public void EverySiteKey_AppearsInSomeConfirmedMetastasis(string site, string[] codes)
    {
        var found = AllResources()
            .Where(r => r.GetProperty("resourceType").GetString() == "Condition")
            .Where(r => r.GetProperty("verificationStatus").GetProperty("coding")[0].GetProperty("code").GetString() == "confirmed")
            .Any(r => Codes(r, "code").Concat(r.TryGetProperty("bodySite", out var body) ? body.EnumerateArray().SelectMany(b => Codes(b)) : []).Intersect(codes).Any());

        Assert.True(found, $"no confirmed Condition codes site '{site}'");
    }

    [Theory]
    [InlineData("PIK3CA")]
    [InlineData("ESR1")]
    [InlineData("AKT1")]
    [InlineData("PTEN")]
    [InlineData("BRCA1")]
    [InlineData("BRCA2")]
    public void EveryVariantGene_IsDetectedInSomePatient(string gene)
    {
        var detected = AllResources().Where(r => r.GetProperty("resourceType").GetString() == "Observation" && Codes(r, "code").Contains("69548-6"))
            .Where(r => Codes(r, "valueCodeableConcept").Contains("LA9633-4"))
            .Any(r => r.GetProperty("component").EnumerateArray().Any(c => c.GetProperty("valueCodeableConcept").TryGetProperty("coding", out var coding) && coding[0].GetProperty("display").GetString() == gene));

        Assert.True(detected, gene);
    }

    [Fact]
    public void SpanishSpeakerAndMan_ArePresent()
    {
        var patients = AllResources().Where(r => r.GetProperty("resourceType").GetString() == "Patient").ToList();

        Assert.Contains(patients, p => p.GetProperty("gender").GetString() == "male");
        Assert.Contains(patients, p => p.TryGetProperty("communication", out var c) && c.EnumerateArray().Any(x =>
            x.TryGetProperty("preferred", out var preferred) && preferred.GetBoolean() && Codes(x, "language").Any(code => code.StartsWith("es", StringComparison.Ordinal))));
    }

    [Fact]
    public void SomePatient_HasBoneSpreadOnlyOnAFinalImagingReportsConclusionCode_WithABreastPrimary()
    {
        var byPatient = AllResources().Where(r => r.GetProperty("resourceType").GetString() != "Patient")
            .GroupBy(r => r.GetProperty("subject").GetProperty("reference").GetString()!).ToList();

        // DiagnosticReport is part of every record load because of patients like this one: no Condition or Observation
        // names the spread, only the bone scan's coded conclusion does.
        Assert.Contains(byPatient, patient =>
            patient.Any(r => r.GetProperty("resourceType").GetString() == "DiagnosticReport"
                && r.GetProperty("status").GetString() == "final"
                && Codes(r.GetProperty("category")[0]).Contains("RAD")
                && r.GetProperty("conclusionCode").EnumerateArray().Any(c => Codes(c).Contains("94222008")))
            && patient.Any(r => r.GetProperty("resourceType").GetString() == "Condition" && Codes(r, "code").Any(c => c.StartsWith("C50", StringComparison.Ordinal)))
            && !patient.Any(r => r.GetProperty("resourceType").GetString() == "Condition" && Codes(r, "code").Any(c => c is "94222008" || c.StartsWith("C79", StringComparison.Ordinal)))
            && !patient.Any(r => r.GetProperty("resourceType").GetString() == "Observation" && Codes(r, "code").Any(c => c is "21907-1" or "21908-9" or "44667-4")));
    }

    [Fact]
    public void SomePatient_HasDiedAndHasMetastaticBreastCancer()
    {
        var resources = AllResources();
        var deceased = resources.Where(r => r.GetProperty("resourceType").GetString() == "Patient" && r.TryGetProperty("deceasedDateTime", out _))
            .Select(r => "Patient/" + r.GetProperty("id").GetString()).ToHashSet();

        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "Condition"
            && deceased.Contains(r.GetProperty("subject").GetProperty("reference").GetString()!)
            && Codes(r, "code").Any(c => c is "94381002" or "94222008" or "94391008" or "94225005"));
    }

    [Fact]
    public void ConditionStageSummaries_AreSingleCodeableConcepts_AsR4Says()
    {
        var stages = AllResources().Where(r => r.GetProperty("resourceType").GetString() == "Condition" && r.TryGetProperty("stage", out _))
            .SelectMany(r => r.GetProperty("stage").EnumerateArray()).Where(s => s.TryGetProperty("summary", out _)).ToList();

        Assert.NotEmpty(stages);
        Assert.All(stages, s => Assert.Equal(JsonValueKind.Object, s.GetProperty("summary").ValueKind));
    }

    private static bool IsStaging(JsonElement observation) =>
        Codes(observation, "code").Any(c => c is "21908-9" or "21902-2" or "21907-1");

    private static IEnumerable<string> Codes(JsonElement resource, string property) =>
        resource.TryGetProperty(property, out var concept) ? Codes(concept) : [];

    private static IEnumerable<string> Codes(JsonElement concept) =>
        concept.TryGetProperty("coding", out var codings) ? codings.EnumerateArray().Select(c => c.GetProperty("code").GetString()!) : [];

    private static IEnumerable<JsonElement> AllResources() =>
        Directory.GetFiles(DataDirectory, "Bundle-*.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").Clone()))
            .ToList();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        throw new InvalidOperationException("MbcFhirEdu.sln not found above " + AppContext.BaseDirectory);
    }
}
