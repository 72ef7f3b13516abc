namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// The two lifetimes of a token session (<see cref="ITokenSessionStore"/>), shared by every store: the absolute one
/// (<see cref="SmartSession.ExpiresAt"/>) and the idle one, which a browser's use slides.
/// </summary>
public static class SessionLifetimes
{
    /// <summary>The idle expiry of a session used at <paramref name="now"/>: never past its absolute expiry.</summary>
    public static DateTimeOffset IdleExpiry(DateTimeOffset now, DateTimeOffset absoluteExpiry, TimeSpan idle) =>
        now + idle < absoluteExpiry ? now + idle : absoluteExpiry;

    /// <summary>
    /// Whether a use at <paramref name="now"/> is worth writing: the stored idle expiry moves at most about once a
    /// minute per session (a tenth of the idle lifetime when that is shorter), so page views do not each write a row.
    /// </summary>
    public static bool ShouldSlide(DateTimeOffset storedIdleExpiry, DateTimeOffset now, TimeSpan idle)
    {
        var step = idle / 10 < TimeSpan.FromMinutes(1) ? idle / 10 : TimeSpan.FromMinutes(1);
        return now + idle - storedIdleExpiry >= step;
    }

    /// <summary>True while both the absolute and the idle expiry are ahead.</summary>
    public static bool IsLive(DateTimeOffset now, DateTimeOffset absoluteExpiry, DateTimeOffset idleExpiry) =>
        absoluteExpiry > now && idleExpiry > now;
}
