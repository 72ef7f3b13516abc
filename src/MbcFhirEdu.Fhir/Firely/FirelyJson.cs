using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Firely;

/// <summary>
/// Reads FHIR R4 JSON (a Bundle of any type, a single resource, or NDJSON) into Firely POCOs, tolerantly.
/// Mode <see cref="DeserializationMode.BackwardsCompatible"/>: Firely keeps every value it can (wrong kinds, invalid
/// literals, unknown and STU3/DSTU2 elements land in the POCOs or their overflow, where the mapper can still read them)
/// and, unlike Recoverable and Ostrich, still reports each problem with its element path; unknown elements pass silently,
/// as a newer FHIR version's would. Each reported issue becomes a warning naming the resource and the element.
/// Input that is not JSON fails with line and column, as the old reader's does.
/// </summary>
public static class FirelyJson
{
    // Missing required elements (e.g. Narrative.status) say nothing about what was read; they are validation, not reading.
    private const string MinimumCardinality = "PVAL105";

    private const string WrongLiteralKind = "PVAL123";
    private const string InvalidLiteral = "PVAL124";

    private static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.BackwardsCompatible);

    /// <summary>Reads <paramref name="json"/>; <paramref name="sourceName"/> names it in errors and ".ndjson" selects NDJSON.</summary>
    public static FirelyReadResult Read(byte[] json, string sourceName, FhirReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        limits ??= FhirReadLimits.Default;
        if (json.AsSpan().StartsWith(Encoding.UTF8.Preamble)) json = json[Encoding.UTF8.Preamble.Length..]; // a BOM, as editors on Windows write
        var entries = new List<FirelyEntry>();
        var skipped = new List<string>();
        if (!sourceName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            var error = ReadOne(json, sourceName, limits, firstLine: 0, entries, skipped);
            return new FirelyReadResult(entries, skipped, error);
        }
        var line = 0L;
        foreach (var text in Encoding.UTF8.GetString(json).Split('\n'))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var error = ReadOne(Encoding.UTF8.GetBytes(text), sourceName, limits, firstLine: line - 1, entries, skipped);
            if (error is not null) return new FirelyReadResult(entries, skipped, error);
        }
        return new FirelyReadResult(entries, skipped, null);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    private static FhirReadError? ReadOne(
        byte[] json, string sourceName, FhirReadLimits limits, long firstLine, List<FirelyEntry> entries, List<string> skipped)
    {
        if (JsonErrors.FirstError(json, new JsonReaderOptions { MaxDepth = limits.MaxDepth }) is { } syntax)
            return JsonErrors.From(syntax, sourceName, json, limits.MaxDepth, firstLine + 1, 0);
        Resource? resource;
        IEnumerable<CodedException> issues = [];
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, Options);
        }
        catch (DeserializationFailedException failed)
        {
            resource = failed.PartialResult as Resource;
            issues = failed.Exceptions;
        }
        catch (JsonException problem) // e.g. no resourceType: well-formed JSON, but not a FHIR resource
        {
            return new FhirReadError(FhirReadErrorKind.NotFhir, sourceName, "not a FHIR resource: " + problem.Message.ReplaceLineEndings(" "),
                firstLine + 1 + (problem.LineNumber ?? 0), (problem.BytePositionInLine ?? 0) + 1);
        }
        // Without a (known) resourceType Firely still hands back a partial, nameless resource: that input is not FHIR.
        if (resource is null || !ModelInfo.IsKnownResource(resource.TypeName))
            return new FhirReadError(FhirReadErrorKind.NotFhir, sourceName, "not a FHIR resource (no known resourceType)", firstLine + 1, 1);
        Add(resource, fullUrl: null, Warnings(issues), entries, skipped);
        return null;
    }

    // A Bundle contributes its entries (depth-first); the Bundle's own issues are named by the entry they are in.
    private static void Add(Resource resource, string? fullUrl, List<(string Path, string Message)> issues, List<FirelyEntry> entries, List<string> skipped)
    {
        if (resource is Bundle bundle)
        {
            var bundleEntries = FirelyMapContext.Many<Bundle.EntryComponent>(bundle, "entry"); // also a single entry object
            for (var i = 0; i < bundleEntries.Count; i++)
            {
                var prefix = $"Bundle.entry[{i}].resource";
                if (bundleEntries[i].Resource is { } unknown && !ModelInfo.IsKnownResource(unknown.TypeName))
                {
                    skipped.Add($"Bundle.entry[{i}]: the resource has no known resourceType; skipped");
                    continue;
                }
                var inner = issues.Where(issue => issue.Path.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(issue => (bundleEntries[i].Resource?.TypeName + issue.Path[prefix.Length..], issue.Message)).ToList();
                if (bundleEntries[i].Resource is { } child) Add(child, bundleEntries[i].FullUrl, inner, entries, skipped);
            }
            skipped.AddRange(issues
                .Where(issue => !issue.Path.StartsWith("Bundle.entry[", StringComparison.Ordinal) || !issue.Path.Contains("].resource", StringComparison.Ordinal))
                .Select(issue => issue.Path.Length == 0 ? $"Bundle: {issue.Message}" : $"Bundle: {issue.Path}: {issue.Message}"));
            return;
        }
        var reference = resource.Id is { Length: > 0 } id
            ? $"{resource.TypeName}/{id}"
            : fullUrl ?? $"{resource.TypeName}/(no id, resource {entries.Count + 1})";
        var warnings = issues
            .Select(issue => issue.Path.Length == 0 ? $"{reference}: {issue.Message}" : $"{reference}: {issue.Path}: {issue.Message}").ToList();
        entries.Add(new FirelyEntry(reference, resource, string.IsNullOrWhiteSpace(fullUrl) ? null : fullUrl, warnings));
    }

    // Firely's messages end in "At <path>, line l, position p."; the path names the element, the rest is dropped so
    // that no value from the record (e.g. an invalid date) reaches a warning through the position text.
    private static List<(string Path, string Message)> Warnings(IEnumerable<CodedException> issues)
    {
        var warnings = new List<(string, string)>();
        foreach (var issue in issues)
        {
            if (issue.ErrorCode == MinimumCardinality) continue;
            var message = issue.Message;
            var at = message.LastIndexOf(" At ", StringComparison.Ordinal);
            var path = "";
            if (at >= 0)
            {
                var location = message[(at + 4)..];
                path = location.StartsWith("line ", StringComparison.Ordinal) ? "" : location.Split(',')[0].Trim().TrimEnd('.');
                message = message[..at];
            }
            // "string '2019-13-45' is not a correct literal for a dateTime": the value is left out (it may be PHI).
            if (issue.ErrorCode is InvalidLiteral or WrongLiteralKind)
            {
                var type = message.LastIndexOf(" for a ", StringComparison.Ordinal);
                message = type >= 0 ? "the value is not a valid " + message[(type + 7)..].TrimEnd('.') : "the value is not valid";
            }
            warnings.Add((path, $"{message} ({issue.ErrorCode})"));
        }
        return warnings;
    }
}
