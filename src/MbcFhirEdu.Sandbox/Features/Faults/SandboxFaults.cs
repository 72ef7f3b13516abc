namespace MbcFhirEdu.Sandbox;

/// <summary>Which sandbox endpoints a fault applies to.</summary>
[Flags]
public enum FaultTarget
{
    /// <summary>FHIR reads, searches and creates (not <c>metadata</c> or discovery).</summary>
    Fhir = 1,
    /// <summary>The token endpoint.</summary>
    Token = 2,
    /// <summary>Only Communication creates (education write-back); <see cref="Fhir"/> covers them too.</summary>
    CommunicationWrite = 4,
    /// <summary>Bulk Data status polls (<c>GET {prefix}/fhir/$export-status/{job}</c>).</summary>
    BulkStatus = 8,
    /// <summary>Bulk Data file downloads (<c>GET {prefix}/fhir/$export-file/{job}/{file}</c>).</summary>
    BulkDownload = 16,
    All = Fhir | Token | CommunicationWrite | BulkStatus | BulkDownload,
}

/// <summary>Test hook: makes the next requests fail or slow down, so clients' retries, timeouts and circuit breakers
/// can be exercised against a real server. Resolve it from DI in tests; over HTTP only when
/// <c>Sandbox:EnableFaultInjection</c> is true.</summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private int _statusCode = StatusCodes.Status503ServiceUnavailable;
    private TimeSpan? _retryAfter;
    private FaultTarget _failTarget = FaultTarget.Fhir;
    private string? _failResourceType;
    private TimeSpan _latency;
    private FaultTarget _latencyTarget = FaultTarget.Fhir;
    private int _injected;
    private DateTimeOffset? _tokensExpiredBefore;

    /// <summary>How many failures have been served since start.</summary>
    public int InjectedFailures => Volatile.Read(ref _injected);

    /// <summary>Fail the next <paramref name="count"/> matching requests with <paramref name="statusCode"/>.</summary>
    /// <param name="resourceType">
    /// Only FHIR requests about this resource type (e.g. <c>Condition</c>: the Condition search fails while the rest of
    /// the record loads, a partial record); null for every type.
    /// </param>
    public void FailNext(int count, int statusCode = StatusCodes.Status503ServiceUnavailable, TimeSpan? retryAfter = null, FaultTarget target = FaultTarget.Fhir,
        string? resourceType = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate) (_failuresLeft, _statusCode, _retryAfter, _failTarget, _failResourceType) = (count, statusCode, retryAfter, target, resourceType);
    }

    /// <summary>Delay every matching request by <paramref name="latency"/> until reset.</summary>
    public void SetLatency(TimeSpan latency, FaultTarget target = FaultTarget.Fhir)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        lock (_gate) (_latency, _latencyTarget) = (latency, target);
    }

    /// <summary>Every access token issued before <paramref name="instant"/> is treated as expired (401), as when a
    /// token runs out in the middle of a long export; a token issued from then on works.</summary>
    public void ExpireAccessTokensIssuedBefore(DateTimeOffset instant)
    {
        lock (_gate) _tokensExpiredBefore = instant;
    }

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> was expired by <see cref="ExpireAccessTokensIssuedBefore"/>.</summary>
    public bool IsExpiredByFault(DateTimeOffset issuedAt)
    {
        lock (_gate) return _tokensExpiredBefore is { } cutoff && issuedAt < cutoff;
    }

    public void Reset()
    {
        lock (_gate) (_failuresLeft, _latency, _failResourceType, _tokensExpiredBefore) = (0, TimeSpan.Zero, null, null);
    }

    public FaultState State
    {
        get { lock (_gate) return new FaultState(_failuresLeft, _statusCode, _retryAfter, _failTarget, _latency, _latencyTarget, _failResourceType); }
    }

    /// <summary>Takes one planned fault for a request to <paramref name="target"/> about <paramref name="resourceType"/> (null: not a FHIR type).</summary>
    internal (TimeSpan Latency, int? Status, TimeSpan? RetryAfter) Take(FaultTarget target, string? resourceType = null)
    {
        lock (_gate)
        {
            var latency = (_latencyTarget & target) != 0 ? _latency : TimeSpan.Zero;
            if (_failuresLeft == 0 || (_failTarget & target) == 0) return (latency, null, null);
            if (_failResourceType is not null && !string.Equals(_failResourceType, resourceType, StringComparison.Ordinal)) return (latency, null, null);
            _failuresLeft--;
            _injected++;
            return (latency, _statusCode, _retryAfter);
        }
    }
}

/// <summary>What <see cref="SandboxFaults"/> will do next.</summary>
public sealed record FaultState(int FailuresLeft, int StatusCode, TimeSpan? RetryAfter, FaultTarget FailTarget, TimeSpan Latency, FaultTarget LatencyTarget,
    string? FailResourceType = null);
