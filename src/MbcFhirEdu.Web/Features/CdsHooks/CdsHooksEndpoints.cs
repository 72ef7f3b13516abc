using System.Buffers;
using MbcFhirEdu.Data.CdsHooks;
using System.Text.Json;
using MbcFhirEdu.Web.Infrastructure.Json;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// CDS Hooks 2.0: <c>GET /cds-services</c> (discovery), <c>POST /cds-services/mbc-education</c> (the service) and
/// <c>POST /cds-services/mbc-education/feedback</c>. Errors follow the spec's HTTP rules (400 malformed, 401 untrusted
/// client, 412 data unobtainable) with a problem+json body naming the cause. CORS (<c>CdsHooks:AllowedOrigins</c>)
/// applies to these routes only.
/// </summary>
internal static class CdsHooksEndpoints
{
    public const string CorsPolicy = "cds-hooks";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CdsHooksOptions>().Bind(configuration.GetSection(CdsHooksOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsHooksOptions>, CdsHooksOptionsValidator>());
        // ICdsJtiStore and ICdsFeedbackStore live in the database (AddPersistence), so every replica shares them.
        services.AddSingleton<CdsJwksSource>();
        services.AddSingleton<CdsJwtVerifier>();
        services.AddSingleton<CdsCardBuilder>();
        services.AddTransient<CdsHookService>();
        services.AddHttpClient(CdsJwksSource.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(3), UseCookies = false });
        // Built from the bound options (not from configuration read now), so every configuration source is seen.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CdsHooksOptions>>((cors, cds) => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (cds.Value.AllowedOrigins.Count > 0) policy.WithOrigins([.. cds.Value.AllowedOrigins]);
            policy.WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type");
        }));
        return services;
    }

    public static WebApplication MapCdsHooks(this WebApplication app)
    {
        app.UseCors();
        var group = app.MapGroup("/cds-services").RequireCors(CorsPolicy).AddEndpointFilter(NoStore);
        group.MapGet("", () => TypedResults.Json(CdsDiscovery.Document(), CdsResponse.Json));
        group.MapPost("/" + CdsDiscovery.ServiceId, ServiceAsync);
        group.MapPost("/" + CdsDiscovery.ServiceId + "/feedback", FeedbackAsync);
        return app;
    }

    private static async Task<IResult> ServiceAsync(
        HttpContext context, CdsJwtVerifier verifier, CdsHookService service, IOptions<CdsHooksOptions> options,
        TimeProvider timeProvider, ILogger<CdsHookService> logger, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var deadline = new CancellationTokenSource(options.Value.Deadline, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var stage = "request body read";
        try
        {
            var (root, error) = await ReadBodyAsync(context, options.Value.MaxRequestBytes, linked.Token);
            if (root is null) return Refuse(logger, "body", 400, "Malformed CDS Hooks request", error!);
            using (root)
            {
                stage = "client JWT check";
                if (await AuthenticateAsync(context, verifier, options.Value, logger, linked.Token) is { } refused) return refused;
                return await AnswerVerifiedAsync(context, root.RootElement, service, options.Value.Deadline - timeProvider.GetElapsedTime(started), logger, audited: true, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            CdsLog.DeadlinePassed(logger, stage, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds, (long)options.Value.Deadline.TotalMilliseconds);
            return Refuse(logger, "deadline", 412, "Patient data could not be obtained", "The service could not finish within its deadline.");
        }
    }

    /// <summary>
    /// The call once its body is read and its client verified: the request checked, answered (the audit row written when
    /// <paramref name="audited"/>) and the cards or the 412 as the result. The start-up warm-up runs this too, unaudited.
    /// </summary>
    /// <param name="remaining">What is left of the deadline; the loader bounds its requests by it and reports parts it could not finish.</param>
    internal static async Task<IResult> AnswerVerifiedAsync(HttpContext context, JsonElement root, CdsHookService service, TimeSpan remaining,
        ILogger logger, bool audited, CancellationToken cancellationToken)
    {
        var (request, invalid) = CdsRequest.Parse(root);
        if (request is null) return Refuse(logger, "request", 400, "Malformed CDS Hooks request", invalid!);
        var result = await service.AnswerAsync(request, PublicUrls.Base(context), remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), audited, cancellationToken);
        return result.Answer is { } cards
            ? TypedResults.Json(new CdsResponse(cards), CdsResponse.Json)
            : Refuse(logger, "precondition", 412, "Patient data could not be obtained", result.PreconditionFailed!);
    }

    private static async Task<IResult> FeedbackAsync(
        HttpContext context, CdsJwtVerifier verifier, ICdsFeedbackStore store, IOptions<CdsHooksOptions> options,
        TimeProvider timeProvider, ILogger<CdsHookService> logger, CancellationToken cancellationToken)
    {
        var (root, error) = await ReadBodyAsync(context, 256 * 1024, cancellationToken);
        if (root is null) return Refuse(logger, "body", 400, "Malformed feedback", error!);
        using (root)
        {
            var verified = options.Value.RequireAuthentication ? await verifier.VerifyAsync(context.Request.Headers.Authorization, CdsJwtVerifier.AudienceFor(context), cancellationToken) : null;
            if (verified is { Succeeded: false })
            {
                CdsLog.JwtRefused(logger, verified.Code!);
                return Problem(401, "CDS client not trusted", verified.Message!);
            }
            if (verified?.Issuer is { } issuer && RateLimitPartitions.VerifiedCdsClient(context, issuer) is { } limited) return limited;
            var (items, invalid) = CdsFeedback.Parse(root.RootElement, CdsDiscovery.ServiceId, verified?.Issuer, timeProvider.GetUtcNow());
            if (items is null) return Refuse(logger, "feedback", 400, "Malformed feedback", invalid!);
            foreach (var item in items) await store.AddAsync(item, cancellationToken);
            CdsLog.FeedbackStored(logger, items.Count);
            return TypedResults.Ok();
        }
    }

    private static async Task<IResult?> AuthenticateAsync(HttpContext context, CdsJwtVerifier verifier, CdsHooksOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!options.RequireAuthentication) return null;
        var verified = await verifier.VerifyAsync(context.Request.Headers.Authorization, CdsJwtVerifier.AudienceFor(context), cancellationToken);
        if (verified.Succeeded) return RateLimitPartitions.VerifiedCdsClient(context, verified.Issuer!);
        CdsLog.JwtRefused(logger, verified.Code!);
        return Problem(401, "CDS client not trusted", verified.Message!);
    }

    /// <summary>The JSON body, at most <paramref name="maxBytes"/>, or why not.</summary>
    internal static async Task<(JsonDocument? Root, string? Error)> ReadBodyAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, "Content-Type must be application/json.");
        if (request.ContentLength > maxBytes) return (null, $"The body is larger than {maxBytes} bytes.");
        // Sized from Content-Length when sent (no regrowing copies); the read chunk is pooled. The buffer itself is not:
        // the parsed document keeps using it for as long as the caller holds the document.
        using var buffer = new MemoryStream((int)Math.Clamp(request.ContentLength ?? 0, 0, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, $"The body is larger than {maxBytes} bytes.");
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (buffer.Length == 0) return (null, "The body is empty; a JSON object is required.");
        return JsonBody.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
    }

    private static IResult Refuse(ILogger logger, string code, int status, string title, string detail)
    {
        CdsLog.Refused(logger, code);
        return Problem(status, title, detail);
    }

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
