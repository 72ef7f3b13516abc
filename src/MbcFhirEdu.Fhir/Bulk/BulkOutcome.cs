using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// An error answer's OperationOutcome, read (bounded) with Firely. The Bulk Data IG (export, "Response - Error Status")
/// asks servers whose status poll failed without the job failing to use a transient issue code, so the client can poll
/// again; any other code on a 4xx/5xx means the job failed.
/// </summary>
internal sealed record BulkOutcome(OperationOutcome? Outcome)
{
    private const int MaxWords = 300;

    // The "transient" branch of the IssueType value set (FHIR R4 §4.4.1.429): the same request may work later.
    private static readonly HashSet<OperationOutcome.IssueType> TransientCodes =
    [
        OperationOutcome.IssueType.Transient, OperationOutcome.IssueType.LockError, OperationOutcome.IssueType.NoStore,
        OperationOutcome.IssueType.Exception, OperationOutcome.IssueType.Timeout, OperationOutcome.IssueType.Incomplete,
        OperationOutcome.IssueType.Throttled,
    ];

    public static async Task<BulkOutcome> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BoundedContent.ReadAsync(response.Content, maxBytes, null, cancellationToken).ConfigureAwait(false);
            return new BulkOutcome(FhirPocoJson.Read<OperationOutcome>(body.Bytes));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status code still says what happened; the missing words are not worth a second failure.
            return new BulkOutcome((OperationOutcome?)null);
        }
    }

    /// <summary>True when every issue that is an error or worse carries a transient code (and there is at least one).</summary>
    public bool IsTransient
    {
        get
        {
            var errors = Outcome?.Issue.Where(i => i.Severity is null or OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
            return errors is { Count: > 0 } && errors.All(i => i.Code is { } code && TransientCodes.Contains(code));
        }
    }

    /// <summary>The issues' own words, for the exception the caller sees (never for logs).</summary>
    public string? Words => OutcomeText.Words(Outcome, MaxWords);

    /// <summary>The issue codes: safe for logs.</summary>
    public string Codes => OutcomeText.Codes(Outcome);
}
