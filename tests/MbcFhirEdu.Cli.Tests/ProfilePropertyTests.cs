using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Issue 2's properties on real public files, end to end (reader + extractor): shuffling the entries, duplicating
/// entries, or adding another patient's resources never changes a patient's profile.
/// </summary>
public sealed class ProfilePropertyTests
{
    // Files whose every resource resolves to their own Patient (no "only patient" fallbacks, which rule 12 would
    // rightly undo once a second patient is present), with distinct patient ids.
    private static readonly string[] Files =
    [
        "codex-trial-matching/ctm-app_TrialMatching_Patient01.json",
        "codex-trial-matching/ctm-app_TrialMatching_Patient02.json",
        "codex-trial-matching/ctm-service_eom_patient_1.json",
        "mcode-ig/Bundle-mcode-patient-bundle-jenny-m.json",
    ];

    private static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Cli.External(file)))!.AsObject();

    private static IReadOnlyDictionary<string, string> Profiles(JsonObject bundle)
    {
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle.ToJsonString())), "bundle.json");
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Patients.ToDictionary(p => p.Patient.Reference, p => Comparable(ProfileExtractor.Extract(p)));
    }

    // Duplicate-copy warnings are expected to appear when copies are added; everything else must be identical.
    private static string Comparable(ClinicalProfile profile) =>
        ProfileJson.Write(profile with { Warnings = [.. profile.Warnings.Where(w => !w.Contains("copies with the same id", StringComparison.Ordinal))] });

    private static HashSet<string> Keys(JsonObject bundle) =>
        [.. Entries(bundle).Select(e => $"{e!["resource"]?["resourceType"]}/{e["resource"]?["id"]}")];

    private static HashSet<string> PatientIdentifiers(JsonObject bundle) =>
    [
        .. Entries(bundle).Select(e => e!["resource"]).Where(r => (string?)r?["resourceType"] == "Patient")
            .SelectMany(r => r!["identifier"]?.AsArray() ?? []).Select(i => $"{i?["system"]}|{i?["value"]}"),
    ];

    private static JsonArray Entries(JsonObject bundle) => bundle["entry"]!.AsArray();

    private static JsonObject WithEntries(JsonObject bundle, IEnumerable<JsonNode> entries)
    {
        var copy = bundle.DeepClone().AsObject();
        copy["entry"] = new JsonArray([.. entries.Select(e => e.DeepClone())]);
        return copy;
    }

    private static IEnumerable<T> Shuffle<T>(IReadOnlyList<T> items, int seed) =>
        items.Select((item, i) => (item, key: new Random(seed + i * 7919).Next())).OrderBy(x => x.key).Select(x => x.item);

    [Fact]
    public void Profile_ShuffledEntries_IsUnchanged() =>
        Prop.ForAll(Gen.Elements(Files).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (file, seed) =>
        {
            var bundle = Load(file);
            var shuffled = WithEntries(bundle, Shuffle(Entries(bundle).Select(e => e!).ToList(), seed));
            return Profiles(bundle).SequenceEqual(Profiles(shuffled));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Profile_DuplicatedEntries_IsUnchanged() =>
        Prop.ForAll(Gen.Elements(Files).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (file, seed) =>
        {
            var bundle = Load(file);
            var entries = Entries(bundle).Select(e => e!).ToList();
            var picked = Shuffle(entries, seed).Take(1 + Math.Abs(seed % entries.Count));
            var duplicated = WithEntries(bundle, entries.Concat(picked));
            return Profiles(bundle).SequenceEqual(Profiles(duplicated));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Profile_AnotherPatientsResourcesAdded_IsUnchanged() =>
        Prop.ForAll(Gen.Elements(Files).ToArbitrary(), Gen.Elements(Files).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (file, other, seed) =>
        {
            var bundle = Load(file);
            // Same type and id means the same resource (rule 9); the eom file reuses Jenny M's Observation ids,
            // so a pair sharing ids is not "another patient's resources". Nor is a pair whose Patients share an
            // identifier: rule 12 makes them one person (the two TrialMatching examples both carry MRN a123).
            if (file == other || Keys(bundle).Overlaps(Keys(Load(other))) || PatientIdentifiers(bundle).Overlaps(PatientIdentifiers(Load(other))))
                return true;
            var own = Profiles(bundle);
            var mixed = WithEntries(bundle, Shuffle([.. Entries(bundle).Select(e => e!), .. Entries(Load(other)).Select(e => e!)], seed));
            var both = Profiles(mixed);
            return own.All(p => both.TryGetValue(p.Key, out var same) && same == p.Value);
        }).QuickCheckThrowOnFailure();
}
