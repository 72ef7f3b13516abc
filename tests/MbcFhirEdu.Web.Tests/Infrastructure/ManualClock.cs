namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand. Only the wall clock is faked: timers and timestamps stay real, so deadlines and
/// retry waits behave as in production while expiry checks (state, tokens) see the moved time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
