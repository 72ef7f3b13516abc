namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// A Bulk Data step failed. The message names the step and the URL path (never the query, which may carry a
/// <c>_typeFilter</c>), e.g. "status poll: 500 from /fhir/$export-status/abc (issue text)".
/// </summary>
public sealed class BulkExportException : Exception
{
    public BulkExportException() : this("Bulk Data export failed.") { }

    public BulkExportException(string message) : base(message) { }

    public BulkExportException(string message, Exception innerException) : base(message, innerException) { }

    /// <param name="step">"kick-off", "status poll", "manifest", "download", "delete" or "token".</param>
    /// <param name="url">Only its path goes into the message.</param>
    /// <param name="problem">What went wrong, e.g. "500" or "timed out".</param>
    /// <param name="detail">The server's issue text or our explanation, when there is one.</param>
    public BulkExportException(string step, Uri url, string problem, string? detail = null, Exception? innerException = null)
        : base($"{step}: {problem} from {url.AbsolutePath}{(string.IsNullOrEmpty(detail) ? "" : $" ({detail})")}", innerException)
    {
        Step = step;
    }

    /// <summary>The step that failed: "kick-off", "status poll", "manifest", "download", "delete", "token".</summary>
    public string? Step { get; }

    /// <summary>The HTTP status the server answered, when it answered.</summary>
    public int? StatusCode { get; init; }
}
