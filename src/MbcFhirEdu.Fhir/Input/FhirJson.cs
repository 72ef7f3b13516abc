using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MbcFhirEdu.Fhir.Mapping;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads one FHIR R4 JSON value (a resource, or a Bundle of any type with its entries) into Firely POCOs, tolerantly.
/// Mode <see cref="DeserializationMode.BackwardsCompatible"/>: Firely keeps every value it can (wrong kinds, invalid
/// literals, unknown and STU3/DSTU2 elements land in the POCOs or their overflow, where the mapper can still read them)
/// and, unlike Recoverable and Ostrich, still reports each problem with its element path; unknown elements pass silently,
/// as a newer FHIR version's would. Each reported issue becomes a warning naming the element (the resource is named
/// when it is kept, see Grouping.ResourceSet). The caller has checked that the bytes are well-formed JSON.
/// </summary>
internal static class FhirJson
{
    /// <summary>
    /// Issues that are not warnings: missing required elements (e.g. Narrative.status, an empty OperationOutcome.issue)
    /// say nothing about what was read, they are validation, not reading (PVAL105, PVAL102); an empty array or object
    /// holds nothing to read (JSON121, PVAL129). Firely's filter drops them, so a resource with no other issue is read
    /// without an exception; <see cref="KeptIssueValidator"/> does not even look for most of them.
    /// </summary>
    internal static readonly IReadOnlyList<string> DroppedIssues = ["PVAL105", "PVAL102", "JSON121", "PVAL129"];
    // A Bundle entry without resourceType: the entry is skipped with a warning that names it (see Add).
    private const string NoResourceType = "JSON103";

    private const string WrongLiteralKind = "PVAL123";
    private const string InvalidLiteral = "PVAL124";

    /// <summary>
    /// Firely's converters in tolerant mode, validating only what can become a warning (<see cref="KeptIssueValidator"/>)
    /// and dropping <see cref="DroppedIssues"/>: the one options instance every read of FHIR JSON uses (also Http.FhirPocoJson).
    /// </summary>
    internal static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions()
            .ForFhir(ModelInfo.ModelInspector, new FhirJsonConverterOptions { Validator = KeptIssueValidator.Instance })
            .UsingMode(DeserializationMode.BackwardsCompatible)
            .Ignoring(DroppedIssues);

    /// <summary>Reads the JSON value <paramref name="json"/>: its resources in input order (a Bundle's depth-first), or why it is not FHIR.</summary>
    public static FhirJsonValue Read(ReadOnlySpan<byte> json)
    {
        // Firely reads strings as it meets them; a byte that is not UTF-8 would throw from inside it. File input is checked
        // before this with its position (InputReader); this also guards a resource a FHIR server or a CDS client sent.
        if (Utf8Text.FirstInvalidByte(json) is var bad and >= 0)
        {
            var (line, column) = Utf8Text.Position(json, bad);
            return FhirJsonValue.NotFhir($"the resource holds a byte that is not UTF-8 (line {line}, byte {column} of the resource)");
        }
        var probe = new Utf8JsonReader(json);
        probe.Read();
        if (probe.TokenType != JsonTokenType.StartObject) return FhirJsonValue.NotFhir($"the JSON value is {Article(probe.TokenType)}, not a FHIR resource");
        if (!HasResourceType(probe)) return FhirJsonValue.NotFhir("not a FHIR resource: the JSON object has no resourceType");
        var (resource, issues) = Deserialize(json);
        // A resourceType Firely does not know (another FHIR version's, a typo) is not read, as any unused type is not.
        if (resource is null || !ModelInfo.IsKnownResource(resource.TypeName)) return new FhirJsonValue { Resources = 1 };
        var document = new FhirJsonValue();
        Add(resource, fullUrl: null, Warnings(issues), document);
        return document;
    }

    /// <summary>Reads one resource a FHIR server sent (already parsed), as <see cref="Read(ReadOnlySpan{byte})"/> does.</summary>
    public static FhirJsonValue Read(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? Read(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element))
            : FhirJsonValue.NotFhir($"the JSON value is {Article(element.ValueKind switch
            {
                JsonValueKind.Array => JsonTokenType.StartArray,
                JsonValueKind.String => JsonTokenType.String,
                JsonValueKind.Number => JsonTokenType.Number,
                JsonValueKind.True or JsonValueKind.False => JsonTokenType.True,
                _ => JsonTokenType.Null,
            })}, not a FHIR resource");

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    private static (Resource? Resource, IEnumerable<CodedException> Issues) Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            return (JsonSerializer.Deserialize<Resource>(json, Options), []);
        }
        catch (DeserializationFailedException failed)
        {
            return (failed.PartialResult as Resource, failed.Exceptions);
        }
    }

    /// <summary>
    /// Reads entry <paramref name="index"/> of a Bundle read entry by entry (<see cref="BundleStream"/>): the entry's JSON
    /// object as written, read by Firely inside a Bundle of its own so that its resource, fullUrl, search mode and issues
    /// come out as they do for an entry of a Bundle read whole. Issues about the entry itself (not its resource) are added
    /// to <paramref name="bundleIssues"/>, to be named by the Bundle once its id is known (it may follow the entries).
    /// The entry is returned without its resource, for <see cref="SearchPage"/>.
    /// </summary>
    public static Bundle.EntryComponent? ReadEntry(ReadOnlySpan<byte> entry, int index, FhirJsonValue document, List<(string Path, string Message)> bundleIssues)
    {
        if (Utf8Text.FirstInvalidByte(entry) is var bad and >= 0)
        {
            var (line, column) = Utf8Text.Position(entry, bad);
            bundleIssues.Add(("", $"Bundle.entry[{index}] holds a byte that is not UTF-8 (line {line}, byte {column} of the entry); the entry is skipped"));
            document.Resources++;
            return null;
        }
        var wrapped = new byte[EntryPrefix.Length + entry.Length + EntrySuffix.Length];
        EntryPrefix.CopyTo(wrapped);
        entry.CopyTo(wrapped.AsSpan(EntryPrefix.Length));
        EntrySuffix.CopyTo(wrapped.AsSpan(EntryPrefix.Length + entry.Length));
        var (resource, found) = Deserialize(wrapped);
        var issues = Warnings(found).Select(issue => issue.Path.StartsWith("Bundle.entry[0]", StringComparison.Ordinal)
            ? ($"Bundle.entry[{index}]{issue.Path["Bundle.entry[0]".Length..]}", issue.Message)
            : issue).ToList();
        if (resource is not Bundle wrapper || MapContext.Many<Bundle.EntryComponent>(wrapper, "entry") is not [var read]) return null;
        var skipped = new List<string>();
        AddEntry(read, index, issues, document, skipped);
        bundleIssues.AddRange(skipped.Select(text => ("", text)));
        bundleIssues.AddRange(issues.Where(IsOwnIssue));
        read.Resource = null;
        return read;
    }

    /// <summary>
    /// Ends a Bundle read entry by entry: <paramref name="members"/> is the Bundle's JSON without its entries (id, type,
    /// total, link, wherever they stood), whose issues join the entries' own; the searchset check sees every entry.
    /// </summary>
    public static void EndBundle(ReadOnlySpan<byte> members, IReadOnlyList<Bundle.EntryComponent> entries, List<(string Path, string Message)> bundleIssues, FhirJsonValue document)
    {
        document.Resources++;
        if (Utf8Text.FirstInvalidByte(members) >= 0)
        {
            bundleIssues.Add(("", "the Bundle's own elements (type, total, links) hold a byte that is not UTF-8 and could not be read; whether it holds the whole search is unknown"));
            members = """{"resourceType":"Bundle"}"""u8;
        }
        var (resource, found) = Deserialize(members);
        var bundle = resource as Bundle ?? new Bundle();
        End(bundle, entries, [.. Warnings(found).Where(IsOwnIssue), .. bundleIssues], document);
    }

    private static ReadOnlySpan<byte> EntryPrefix => """{"resourceType":"Bundle","entry":["""u8;
    private static ReadOnlySpan<byte> EntrySuffix => "]}"u8;

    // A Bundle contributes its entries (depth-first) and says whether it is a whole search (CODES.md rule 20); its own
    // issues are named by the entry they are in.
    private static void Add(Resource resource, string? fullUrl, List<(string Path, string Message)> issues, FhirJsonValue document)
    {
        document.Resources++;
        if (resource is not Bundle bundle)
        {
            var warnings = issues.Select(issue => issue.Path.Length == 0 ? issue.Message : $"{issue.Path}: {issue.Message}").ToList();
            document.Entries.Add(new ReadEntry(resource, string.IsNullOrWhiteSpace(fullUrl) ? null : fullUrl, warnings));
            return;
        }
        var entries = MapContext.Many<Bundle.EntryComponent>(bundle, "entry"); // also a single entry object
        var skipped = new List<string>();
        for (var i = 0; i < entries.Count; i++) AddEntry(entries[i], i, issues, document, skipped);
        End(bundle, entries, [.. skipped.Select(text => ("", text)), .. issues.Where(IsOwnIssue)], document);
    }

    private static void AddEntry(Bundle.EntryComponent entry, int index, List<(string Path, string Message)> issues, FhirJsonValue document, List<string> skipped)
    {
        var prefix = $"Bundle.entry[{index}].resource";
        if (entry.Resource is not { } child) return; // history DELETEs and transaction responses carry none
        if (!ModelInfo.IsKnownResource(child.TypeName))
        {
            skipped.Add($"entry {index + 1} has a resource without a known resourceType; skipped");
            return;
        }
        var inner = issues.Where(issue => issue.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(issue => (child.TypeName + issue.Path[prefix.Length..], issue.Message)).ToList();
        Add(child, entry.FullUrl, inner, document);
    }

    // The Bundle's own issues (and its skipped entries), named by the Bundle, then whether it is a whole search.
    private static void End(Bundle bundle, IReadOnlyList<Bundle.EntryComponent> entries, List<(string Path, string Message)> own, FhirJsonValue document)
    {
        var label = string.IsNullOrEmpty(bundle.Id) ? "Bundle (no id)" : "Bundle/" + bundle.Id;
        document.Warnings.AddRange(own.Select(issue => issue.Path.Length == 0 ? $"{label}: {issue.Message}" : $"{label}: {issue.Path}: {issue.Message}"));
        SearchPage.Check(bundle, entries, document.Warnings);
    }

    // An issue about the Bundle itself. Its id and a fullUrl that are not valid (too long, "urn:uuid:" and a name) still
    // serve as written, as a label and for resolving references, so Firely's complaint about them says nothing about the
    // data; an entry's resource speaks for itself; an entry without resourceType is named as skipped instead.
    private static bool IsOwnIssue((string Path, string Message) issue) =>
        issue.Path != "Bundle.id"
        && (!issue.Path.StartsWith("Bundle.entry[", StringComparison.Ordinal)
            || !(issue.Path.Contains("].resource", StringComparison.Ordinal) || issue.Path.EndsWith("].fullUrl", StringComparison.Ordinal)))
        && !issue.Message.EndsWith($"({NoResourceType})", StringComparison.Ordinal);

    // resourceType anywhere in the object (FHIR servers write it first, so this is usually one member).
    private static bool HasResourceType(Utf8JsonReader probe)
    {
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            if (probe.ValueTextEquals("resourceType"u8)) return true;
            probe.Read();
            probe.Skip();
        }
        return false;
    }

    private static string Article(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "a null",
        _ => "not an object",
    };

    // Firely's messages end in "At <path>, line l, position p."; the path names the element, the rest is dropped so
    // that no value from the record (e.g. an invalid date) reaches a warning through the position text.
    private static List<(string Path, string Message)> Warnings(IEnumerable<CodedException> issues)
    {
        var warnings = new List<(string, string)>();
        foreach (var issue in issues)
        {
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
