using System.Text.Json;
using MbcFhirEdu.Fhir.Firely;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Resources;
using F = Hl7.Fhir.Model;
using M = MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Reads one input with the old reader and with Firely + <see cref="FirelyRecordMapper"/> and compares the records
/// resource by resource, field by field (serialised to JSON: structural, exact decimals, lists in order). Reference
/// resolution stays with the old <see cref="ResourceSet"/> for both, since grouping has not moved to POCOs yet.
/// </summary>
internal static class FirelyComparison
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The differences, one text each; a reference listed in <paramref name="known"/> must differ (and is not reported).</summary>
    public static List<string> Differences(byte[] json, string sourceName, IReadOnlyDictionary<string, string> known) =>
        Compare(json, sourceName, known).Differences;

    /// <summary>
    /// The differences, and the resources the old reader warned about (reading or mapping) for which the Firely path gave
    /// no warning at all: a tolerated problem must stay visible.
    /// </summary>
    public static (List<string> Differences, List<string> Unwarned) Compare(byte[] json, string sourceName, IReadOnlyDictionary<string, string> known)
    {
        var old = FhirInput.ReadResources(new MemoryStream(json), sourceName);
        var firely = FirelyJson.Read(json, sourceName);
        if (old.Succeeded != firely.Succeeded) return ([$"old reader succeeded: {old.Succeeded}, Firely: {firely.Succeeded} ({firely.Error})"], []);
        if (!old.Succeeded) return ([], []);
        var set = old.Resources!;
        var copies = firely.Entries.ToLookup(e => e.Reference);
        var differences = new List<string>();
        var unwarned = new List<string>();
        foreach (var entry in set.GetEntries())
        {
            // The duplicate notice is the ResourceSet's (rule 9, grouping), which Firely's reading does not replace yet.
            var oldWarnings = entry.Warnings.Where(w => !w.Contains(" copies with the same id; kept ", StringComparison.Ordinal)).ToList();
            if (Old(entry, set, oldWarnings) is not { } expected) continue;
            // Rule 9 (duplicates) belongs to the ResourceSet: the old winner must equal one of Firely's copies.
            var newWarnings = new List<string>();
            var actual = copies[entry.Reference].Select(copy => New(copy, set, newWarnings)).ToList();
            newWarnings.AddRange(copies[entry.Reference].SelectMany(copy => copy.Warnings));
            if (oldWarnings.Count > 0 && newWarnings.Count == 0) unwarned.Add($"{entry.Reference}: old warned {string.Join(" | ", oldWarnings)}");
            var matches = actual.Contains(expected);
            var isKnown = known.TryGetValue(entry.Reference, out var why);
            if (!matches && !isKnown) differences.Add($"{entry.Reference}\n  old:    {expected}\n  firely: {string.Join("\n          ", actual)}");
            if (matches && isKnown) differences.Add($"{entry.Reference}: listed as a known difference ({why}) but now equal; remove it from the list");
        }
        var oldReferences = set.GetEntries().Select(e => e.Reference).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(firely.Entries.Where(e => e.Resource is F.Patient or F.Condition or F.Observation or F.DiagnosticReport)
            .Where(e => !oldReferences.Contains(e.Reference)).Select(e => $"{e.Reference}: read by Firely only"));
        return (differences, unwarned);
    }

    private static string? Old(ResourceEntry entry, ResourceSet set, List<string> warnings)
    {
        var context = new MapContext(entry.Reference, warnings, set, new CodeNormalizer());
        return Serialized(entry.Resource switch
        {
            M.Patient p => RecordMapper.Patient(entry.Reference, [p], context),
            M.Condition c => RecordMapper.Condition(c, context),
            M.Observation o => RecordMapper.Observation(o, context),
            M.DiagnosticReport r => RecordMapper.Report(r, context),
            _ => null,
        });
    }

    private static string? New(FirelyEntry entry, ResourceSet set, List<string> warnings)
    {
        var context = new FirelyMapContext(entry.Reference, warnings, set.Canonical);
        return Serialized(entry.Resource switch
        {
            F.Patient p => FirelyRecordMapper.Patient(entry.Reference, [p], context),
            F.Condition c => FirelyRecordMapper.Condition(c, context),
            F.Observation o => FirelyRecordMapper.Observation(o, context),
            F.DiagnosticReport r => FirelyRecordMapper.Report(r, context),
            _ => null,
        });
    }

    // Records hold lists, which record equality compares by reference; their JSON compares every field by value.
    private static string? Serialized(object? record) => record is null ? null : JsonSerializer.Serialize(record, record.GetType(), Json);
}
