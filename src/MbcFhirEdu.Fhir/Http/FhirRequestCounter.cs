namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Running totals of outbound traffic, for the "FHIR requests per page load" figure: logical FHIR requests (a read,
/// a search page, a resend after 401) and HTTP attempts (every try on the wire, SMART calls and retries included).
/// One instance per application, registered as a singleton.
/// </summary>
public sealed class FhirRequestCounter
{
    private long _requests;
    private long _attempts;

    public long Requests => Interlocked.Read(ref _requests);
    public long Attempts => Interlocked.Read(ref _attempts);

    internal void CountRequest() => Interlocked.Increment(ref _requests);
    internal void CountAttempt() => Interlocked.Increment(ref _attempts);
}
