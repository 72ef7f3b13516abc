using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Web.Tests.Deployment;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// Population mode does not parse the Observation lines the extractor's own route leaves out (<see cref="ObservationLine"/>,
/// <see cref="ObservationRouting"/>). These tests read real and generated records both ways — every line, and only the
/// lines the route keeps, as a population run hands them to the reader when the patient's Patient line is staged — and
/// require the same profiles, evidence and warnings, byte for byte.
/// </summary>
public sealed class ObservationRoutingEquivalenceTests
{
    [Fact]
    public void Every_fixture_gives_the_same_profiles_and_warnings_with_only_the_routed_lines()
    {
        var files = new[] { "external", "fhir" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoFiles.Combine("tests", "fixtures", folder), "*.*json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 20, $"only {files.Count} fixture files found");
        var compared = 0;
        foreach (var file in files)
        {
            compared += AssertSameProfiles(Path.GetFileName(file), LinesOf(File.ReadAllText(file)));
        }
        Assert.True(compared >= 20, $"only {compared} patients compared");
    }

    [Fact]
    public void The_generated_sandbox_cohort_gives_the_same_profiles_and_warnings_and_most_lines_are_left_unparsed()
    {
        var options = new SandboxCohortOptions { Size = 120, ResourcesPerPatient = 200 };
        var serializer = new FhirJsonSerializer();
        int total = 0, kept = 0;
        for (var i = 0; i < options.Size; i++)
        {
            var profile = CohortProfile.Create(options, i);
            var lines = new[] { "Patient", "Condition", "Observation", "DiagnosticReport" }
                .SelectMany(type => CohortRecord.Build(options, profile, type)).Select(resource => serializer.SerializeToString(resource)).ToList();
            AssertSameProfiles(profile.PatientId, lines);
            total += lines.Count;
            kept += lines.Count(line => ObservationLine.MayMatter(Encoding.UTF8.GetBytes(line)));
        }
        // Without this the test above would pass with a route that keeps everything.
        Assert.True(kept < total / 2, $"{kept} of {total} lines kept");
    }

    [Fact]
    public void An_observation_whose_unknown_code_is_named_as_a_marker_is_kept_and_warned_about()
    {
        // Rule 19: a local code, and only the name says ER; its value is not used, but the warning must not be lost.
        var lines = new List<string>
        {
            """{"resourceType":"Patient","id":"p1","gender":"female"}""",
            """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009"}]},"verificationStatus":{"coding":[{"code":"confirmed"}]}}""",
            """{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"urn:local","code":"X1"}],"text":"ER status"},"valueQuantity":{"value":90,"unit":"%"}}""",
            """{"resourceType":"Observation","id":"o2","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose"}]},"valueQuantity":{"value":5.4,"unit":"mmol/L"}}""",
        };
        Assert.True(ObservationLine.MayMatter(Encoding.UTF8.GetBytes(lines[2])));
        Assert.False(ObservationLine.MayMatter(Encoding.UTF8.GetBytes(lines[3])));
        var profile = Assert.Single(Read(lines, route: true));
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/o1: test code not recognised", StringComparison.Ordinal));
        AssertSameProfiles("rule 19", lines);
    }

    // Stages the lines as a run does (ResourceLine: a line without a Patient as subject is left out), reads each patient's
    // lines both ways and compares; returns how many patients were compared.
    private static int AssertSameProfiles(string name, List<string> lines)
    {
        var byPatient = lines.Select(line => (Line: line, Keys: ResourceLine.Read(Encoding.UTF8.GetBytes(line), out _)))
            .Where(x => x.Keys is not null).GroupBy(x => x.Keys!.Value.PatientId, x => x.Line);
        var compared = 0;
        foreach (var patient in byPatient)
        {
            var all = Read([.. patient], route: false);
            var routed = Read([.. patient], route: true);
            Assert.True(all.Count == routed.Count, $"{name}: {all.Count} profiles from every line, {routed.Count} from the routed lines");
            for (var i = 0; i < all.Count; i++)
            {
                var expected = JsonSerializer.Serialize(all[i] with { Warnings = [] });
                var actual = JsonSerializer.Serialize(routed[i] with { Warnings = [] });
                Assert.True(expected == actual, $"{name}, {all[i].Patient}:\nevery line: {expected}\nrouted:     {actual}");
                Assert.True(all[i].Warnings.SequenceEqual(routed[i].Warnings), $"{name}, {all[i].Patient}: warnings only with every line: "
                    + string.Join(" | ", all[i].Warnings.Except(routed[i].Warnings)) + "; only routed: " + string.Join(" | ", routed[i].Warnings.Except(all[i].Warnings)));
            }
            compared += all.Count;
        }
        return compared;
    }

    // As a population run reads a patient: one NDJSON input; routed only when a Patient line is in it.
    private static List<ClinicalProfile> Read(List<string> lines, bool route)
    {
        var hasPatient = lines.Any(line => JsonNode.Parse(line)?["resourceType"]?.GetValue<string>() == "Patient");
        var kept = route && hasPatient ? lines.Where(line => ObservationLine.MayMatter(Encoding.UTF8.GetBytes(line))).ToList() : lines;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n"));
        var read = FhirInput.Read(stream, "input.ndjson");
        if (!read.Succeeded) return [];
        return read.Patients.Select(ProfileExtractor.Extract).OrderBy(p => p.Patient, StringComparer.Ordinal).ToList();
    }

    // A file's resources as NDJSON lines: a Bundle's entries (nested Bundles too), a single resource, or NDJSON as it is.
    private static List<string> LinesOf(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{') || IsNdjson(trimmed)) return [.. trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var lines = new List<string>();
        Add(JsonNode.Parse(trimmed), lines);
        return lines;
    }

    private static bool IsNdjson(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        try { return JsonNode.Parse(firstLine) is JsonObject && text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1; }
        catch (JsonException) { return false; }
    }

    private static void Add(JsonNode? node, List<string> lines)
    {
        if (node is not JsonObject resource) return;
        if (resource["resourceType"]?.GetValue<string>() == "Bundle" && resource["entry"] is JsonArray entries)
        {
            foreach (var entry in entries) Add(entry?["resource"], lines);
            return;
        }
        lines.Add(resource.ToJsonString());
    }
}
