using System.Text.Json.Serialization;
using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Faults;

/// <summary>Applies <see cref="SandboxFaults"/> to endpoints, and the optional HTTP control endpoint.</summary>
internal static class FaultInjection
{
    public static TBuilder WithFaults<TBuilder>(this TBuilder builder, FaultTarget target) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (latency, status, retryAfter) = http.RequestServices.GetRequiredService<SandboxFaults>().Take(target, ResourceType(http));
            if (latency > TimeSpan.Zero) await Task.Delay(latency, http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
            if (status is not { } code) return await next(context);
            http.RequestServices.GetRequiredService<ILogger<SandboxFaults>>().FaultInjected(code, (long)latency.TotalMilliseconds);
            if (retryAfter is { } delay) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return target == FaultTarget.Token
                ? TypedResults.Json(new OAuthError("temporarily_unavailable", "fault injected by the sandbox"), SandboxJson.Options, statusCode: code)
                : OperationOutcomes.Create(code, "transient", "fault injected by the sandbox");
        });

    /// <summary>The FHIR resource type a request is about: the <c>{type}</c> route value, or the segment after <c>/fhir/</c>.</summary>
    private static string? ResourceType(HttpContext http)
    {
        if (http.GetRouteValue("type") is string type) return type;
        var path = http.Request.Path.Value ?? "";
        var at = path.IndexOf("/fhir/", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = path[(at + "/fhir/".Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    /// <summary><c>GET|POST|DELETE {prefix}/_sandbox/faults</c>; mapped only when <c>Sandbox:EnableFaultInjection</c> is true.</summary>
    public static void MapFaultEndpoints(this IEndpointRouteBuilder group)
    {
        var faults = group.MapGroup("/_sandbox/faults");
        faults.MapGet("", (SandboxFaults f) => TypedResults.Json(f.State, SandboxJson.Options));
        faults.MapPost("", Configure).DisableAntiforgery();
        faults.MapDelete("", (SandboxFaults f) => { f.Reset(); return TypedResults.NoContent(); });
    }

    private static Results<NoContent, BadRequest<string>> Configure(FaultRequest request, SandboxFaults faults, TimeProvider time)
    {
        if (request.FailNext is < 0 || request.StatusCode is < 400 or > 599 || request.LatencyMs is < 0 or > 120_000
            || request.ResourceType is { Length: > 0 } type && !SearchParameters.ByType.ContainsKey(type))
            return TypedResults.BadRequest("failNext >= 0, statusCode 400-599, latencyMs 0-120000, resourceType a type this sandbox serves");
        var target = request.Target?.ToLowerInvariant() switch
        {
            "token" => FaultTarget.Token,
            "communication" => FaultTarget.CommunicationWrite,
            "bulk-status" => FaultTarget.BulkStatus,
            "bulk-download" => FaultTarget.BulkDownload,
            "all" => FaultTarget.All,
            _ => FaultTarget.Fhir,
        };
        // Whole seconds, as token iat is: a token issued in the next second works again.
        if (request.ExpireTokens == true) faults.ExpireAccessTokensIssuedBefore(TruncateToSecond(time.GetUtcNow()));
        if (request.FailNext is { } count)
            faults.FailNext(count, request.StatusCode ?? 503, request.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, target,
                string.IsNullOrEmpty(request.ResourceType) ? null : request.ResourceType);
        if (request.LatencyMs is { } ms) faults.SetLatency(TimeSpan.FromMilliseconds(ms), target);
        return TypedResults.NoContent();
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    internal sealed record FaultRequest(
        [property: JsonPropertyName("failNext")] int? FailNext,
        [property: JsonPropertyName("statusCode")] int? StatusCode,
        [property: JsonPropertyName("retryAfterSeconds")] int? RetryAfterSeconds,
        [property: JsonPropertyName("latencyMs")] int? LatencyMs,
        [property: JsonPropertyName("target")] string? Target,
        [property: JsonPropertyName("resourceType")] string? ResourceType = null,
        [property: JsonPropertyName("expireTokens")] bool? ExpireTokens = null);
}
