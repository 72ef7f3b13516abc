using System.Text.Json;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// Reads a manifest's <c>deleted</c> file (Bulk Data 2.0, exports with <c>_since</c>): NDJSON, each line a Bundle of type
/// transaction whose entries are <c>request.method = DELETE</c> with <c>request.url = "Type/id"</c> (an absolute URL
/// ending in <c>Type/id</c> is read the same way). Streamed line by line and bounded like the output files (one line of
/// at most <see cref="FhirReadLimits.MaxNdjsonLineBytes"/> in memory), read with System.Text.Json: a Bundle whose
/// entries carry no resource needs nothing from the FHIR model. A line or entry that cannot be read is not guessed at:
/// it is named in <c>problems</c> ("line 3: not a Bundle", "line 4 entry 2: request.method is PUT, not DELETE") and
/// the rest is read. Problems name line numbers and ids only; the caller shows them to the operator.
/// </summary>
public static class BulkDeletedFile
{
    private const int MaxTypeLength = 64;
    private const int MaxIdLength = 64;

    /// <summary>
    /// The deletions of <paramref name="ndjson"/>, in file order, read lazily (the stream is read as the caller
    /// enumerates, synchronously: enumerate it off a request thread). At most <paramref name="maxProblems"/> problems are
    /// named; then one line counts the rest.
    /// </summary>
    public static IEnumerable<BulkDeletion> Read(Stream ndjson, ICollection<string> problems, int maxProblems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ndjson);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxProblems, 1);
        return ReadLines(ndjson, new ProblemList(problems, maxProblems), cancellationToken);
    }

    private static IEnumerable<BulkDeletion> ReadLines(Stream ndjson, ProblemList problems, CancellationToken cancellationToken)
    {
        var maxLine = FhirReadLimits.Default.MaxNdjsonLineBytes;
        using var reader = new NdjsonLineReader(ndjson, maxLine);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var status = reader.Next(out var line);
                if (status == NdjsonLineReader.Status.End) yield break;
                if (status == NdjsonLineReader.Status.LineTooLong)
                {
                    problems.Add($"line {reader.LineNumber} is over {maxLine} bytes; not read");
                    continue;
                }
                var trimmed = line.Span.Trim(" \t\r"u8);
                if (trimmed.IsEmpty) continue;
                foreach (var deletion in Entries(trimmed.ToArray(), reader.LineNumber, problems)) yield return deletion;
            }
        }
        finally
        {
            problems.Finish();
        }
    }

    private static List<BulkDeletion> Entries(byte[] json, long number, ProblemList problems)
    {
        var found = new List<BulkDeletion>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            problems.Add($"line {number}: not valid JSON");
            return found;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "resourceType") != "Bundle")
            {
                problems.Add($"line {number}: not a Bundle");
                return found;
            }
            if (Text(root, "type") is not ("transaction" or "batch") and var type)
            {
                problems.Add($"line {number}: Bundle.type is {type ?? "missing"}, not transaction");
                return found;
            }
            if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return found;
            var at = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                at++;
                if (Deletion(entry, out var problem) is { } deletion) found.Add(deletion);
                else problems.Add($"line {number} entry {at}: {problem}");
            }
        }
        return found;
    }

    private static BulkDeletion? Deletion(JsonElement entry, out string? problem)
    {
        problem = null;
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            problem = "no request";
            return null;
        }
        if (Text(request, "method") is not "DELETE" and var method)
        {
            problem = $"request.method is {method ?? "missing"}, not DELETE";
            return null;
        }
        var url = Text(request, "url");
        if (TypeAndId(url) is { } deletion) return deletion;
        problem = "request.url is not Type/id";
        return null;
    }

    // "Observation/123", or an absolute http(s) URL whose path ends in Type/id. A version, query or anything else is refused.
    private static BulkDeletion? TypeAndId(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var path = url.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            if (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps || absolute.Query.Length > 0) return null;
            path = absolute.AbsolutePath.TrimEnd('/');
            var cut = path.LastIndexOf('/', Math.Max(0, path.LastIndexOf('/') - 1));
            path = cut < 0 ? path : path[(cut + 1)..];
        }
        var parts = path.Split('/');
        if (parts.Length != 2) return null;
        var (type, id) = (parts[0], parts[1]);
        if (type.Length is 0 or > MaxTypeLength || !char.IsAsciiLetterUpper(type[0]) || !type.All(char.IsAsciiLetter)) return null;
        if (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')) return null;
        return new BulkDeletion(type, id);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Bounded: the first problems named, the rest counted in one last line.
    private sealed class ProblemList(ICollection<string> target, int max)
    {
        private long _dropped;
        private int _added;

        public void Add(string problem)
        {
            if (_added < max) { target.Add(problem); _added++; }
            else _dropped++;
        }

        public void Finish()
        {
            if (_dropped > 0) target.Add($"{_dropped} more problem(s) in this deleted file");
            _dropped = 0;
        }
    }
}
