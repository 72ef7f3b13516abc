namespace MbcFhirEdu.Fhir.Http;

/// <summary>Reads Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as a wait, capped.</summary>
internal static class RetryAfter
{
    /// <summary>The wait the response asks for, between zero and <paramref name="cap"/>; null when it asks for none.</summary>
    public static TimeSpan? Delay(HttpResponseMessage? response, DateTimeOffset now, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) return TimeSpan.Zero;
        return wait > cap ? cap : wait;
    }
}
