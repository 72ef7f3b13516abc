using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// Reads a manifest's error file (NDJSON of OperationOutcome, one per line) into lines "code: issue text" the caller
/// turns into warnings (severity warning/information) or errors. Streamed line by line and bounded: at most
/// <c>maxLines</c> lines are kept (a last line says how many more there were) and each input line at most 1 MiB.
/// The texts are the server's and may name resource ids: show them to the person running the export, never log them.
/// </summary>
public static class BulkErrorFile
{
    private const int MaxLineBytes = 1024 * 1024;
    private const int MaxTextLength = 500;

    /// <summary>Opens <paramref name="file"/> through <paramref name="client"/> and reads it (see <see cref="ReadAsync(Stream, int, CancellationToken)"/>).</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(IBulkExportClient client, BulkExportFile file, bool requiresAccessToken,
        int maxLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        var stream = await client.OpenFileAsync(file, requiresAccessToken, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
            return await ReadAsync(stream, maxLines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One line per issue: "&lt;issue code&gt;: &lt;diagnostics or details.text&gt;" (e.g. "not-found: Patient/123 was
    /// deleted"), prefixed "warning " or "information " when the issue is not an error. A line that is not an
    /// OperationOutcome becomes "invalid: line N is not an OperationOutcome".
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(Stream ndjson, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ndjson);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        // NdjsonLineReader reads synchronously: run it off the caller's thread, it is a network stream.
        return await System.Threading.Tasks.Task.Run(() => Read(ndjson, maxLines, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static List<string> Read(Stream ndjson, int maxLines, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        long dropped = 0;
        using var reader = new NdjsonLineReader(ndjson, MaxLineBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = reader.Next(out var line);
            if (status == NdjsonLineReader.Status.End) break;
            foreach (var text in Describe(status, line, reader.LineNumber))
            {
                if (lines.Count < maxLines) lines.Add(text);
                else dropped++;
            }
        }
        if (dropped > 0) lines.Add($"too-costly: {dropped} more issues in this error file were not read");
        return lines;
    }

    private static IEnumerable<string> Describe(NdjsonLineReader.Status status, ReadOnlyMemory<byte> line, long number)
    {
        if (status == NdjsonLineReader.Status.LineTooLong) return [$"too-long: line {number} is over {MaxLineBytes} bytes"];
        var trimmed = line.Span.Trim(" \t\r"u8);
        if (trimmed.IsEmpty) return [];
        var outcome = FhirPocoJson.Read<OperationOutcome>(trimmed.ToArray());
        if (outcome is null || outcome.Issue.Count == 0) return [$"invalid: line {number} is not an OperationOutcome with issues"];
        return outcome.Issue.Select(issue =>
        {
            var words = OutcomeText.Words(new OperationOutcome { Issue = [issue] }, MaxTextLength) ?? "(no text)";
            var prefix = issue.Severity is OperationOutcome.IssueSeverity.Warning or OperationOutcome.IssueSeverity.Information
                ? issue.Severity.GetLiteral() + " "
                : "";
            return $"{prefix}{issue.Code?.GetLiteral() ?? "unknown"}: {words}";
        }).ToList();
    }
}
