using System.Globalization;
using System.Threading.RateLimiting;
using MbcFhirEdu.Web.Features.Api;
using MbcFhirEdu.Web.Features.CdsHooks;
using MbcFhirEdu.Web.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.RateLimiting;

/// <summary>
/// Which limit a request counts against and who the caller is (issue 15): the client IP for anonymous browsers at
/// <c>/launch</c> and <c>/callback</c> and for Infobutton; the API client id from the verified bearer token at
/// <c>/api</c> (authorization has run, so only authenticated calls get here); for CDS Hooks the client <c>iss</c> once its
/// JWT is verified (<see cref="VerifiedCdsClient"/>, called by the service), or the IP when CDS authentication is off.
/// The IP is the connection's, i.e. the forwarded client only where a trusted proxy set it. One fixed-window limiter per
/// key, from ASP.NET Core's System.Threading.RateLimiting; idle keys are dropped by the limiter itself.
/// </summary>
internal sealed class RateLimitPartitions : IDisposable
{
    public const string Launch = "launch";
    public const string Api = "api";
    public const string Cds = "cds";
    public const string Infobutton = "infobutton";

    private readonly RateLimitOptions _options;
    private readonly IOptions<CdsHooksOptions> _cds;
    private readonly ILogger _logger;

    public RateLimitPartitions(IOptions<RateLimitOptions> options, IOptions<CdsHooksOptions> cds, ILogger<RateLimitPartitions> logger)
    {
        _options = options.Value;
        _cds = cds;
        _logger = logger;
        Limiter = PartitionedRateLimiter.Create<RateLimitKey, RateLimitKey>(key => Limits(key.Policy) is { } limits
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.Permits, Window = limits.Window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(key));
    }

    public PartitionedRateLimiter<RateLimitKey> Limiter { get; }

    /// <summary>The key the rate-limiting middleware uses for <paramref name="context"/>.</summary>
    public RateLimitKey KeyFor(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/launch") || path.StartsWithSegments("/callback")) return new(Launch, "ip", Ip(context));
        if (path.StartsWithSegments("/infobutton")) return new(Infobutton, "ip", Ip(context));
        if (path.StartsWithSegments("/api"))
            return ApiCaller.ClientId(context.User) is { } client ? new(Api, "client", client) : new(Api, "ip", Ip(context));
        if (path.StartsWithSegments("/cds-services"))
            return _cds.Value.RequireAuthentication && HttpMethods.IsPost(context.Request.Method) ? RateLimitKey.None : new(Cds, "ip", Ip(context));
        return RateLimitKey.None;
    }

    /// <summary>Counts a CDS call against its verified client; the 429 to return when that client is over its limit, else null.</summary>
    public static IResult? VerifiedCdsClient(HttpContext context, string issuer)
    {
        var partitions = context.RequestServices.GetRequiredService<RateLimitPartitions>();
        var key = new RateLimitKey(Cds, "client", issuer);
        using var lease = partitions.Limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : partitions.Rejected(context, key, lease);
    }

    /// <summary>429 with Retry-After and a body in the caller's error shape.</summary>
    public IResult Rejected(HttpContext context, RateLimitKey key, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Math.Ceiling((Limits(key.Policy)?.Window ?? TimeSpan.FromMinutes(1)).TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        ErrorLog.RateLimited(_logger, key.Policy ?? "-", key.Kind, seconds);
        return ErrorResponses.For(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests; try again in {seconds} seconds.", "rate_limited");
    }

    public void Dispose() => Limiter.Dispose();

    private (int Permits, TimeSpan Window)? Limits(string? policy) => policy switch
    {
        Launch => (_options.LaunchPermitLimit, _options.LaunchWindow),
        Api => (_options.ApiPermitLimit, _options.ApiWindow),
        Cds => (_options.CdsPermitLimit, _options.CdsWindow),
        Infobutton => (_options.InfobuttonPermitLimit, _options.InfobuttonWindow),
        _ => null,
    };

    private static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
