using System.Diagnostics;
using System.Security.Cryptography;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.CdsHooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Infrastructure.Warmup;

/// <summary>
/// Runs the CDS Hooks service's own code before the server starts listening (a hosted service's <c>StartAsync</c> runs
/// before Kestrel starts, so neither <c>/health/live</c> nor <c>/health/ready</c> answers until it is done), so the first
/// real call does not pay for compiling it: each sandbox record (<see cref="WarmupRecords"/>) goes through the endpoint's
/// body reading, request parsing, <see cref="CdsHookService"/> (prefetch reading with Firely, extraction, matching, cards)
/// and the response written by its result, as a verified call would; then <see cref="CdsJwtVerifier"/> with every
/// configured client's keys, the jti store and an audit insert. It writes no audit row (the audit insert is rolled back)
/// and one already-expired jti of its own issuer; a failure only logs: the warm-up never stops the app from starting.
/// <c>Warmup:Enabled=false</c> skips it (the web test hosts do).
/// </summary>
internal sealed class WarmupService(IServiceProvider services, IOptions<WarmupOptions> options, ILogger<WarmupService> logger) : IHostedService
{
    private const string Issuer = "urn:mbcedu:warm-up";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answered = await RunAsync(cancellationToken);
            WarmupLog.Done(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, answered);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WarmupLog.Failed(logger, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The whole warm-up; returns how many CDS calls answered 200 with cards.</summary>
    internal async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var answered = 0;
        foreach (var body in WarmupRecords.RequestBodies())
        {
            if (await CdsCallAsync(provider, body, cancellationToken) == StatusCodes.Status200OK) answered++;
        }
        await EndpointCallAsync(provider, cancellationToken);
        await JwtAsync(provider, cancellationToken);
        await DatabaseAsync(provider, cancellationToken);
        return answered;
    }

    // The routed endpoint itself (parameter binding, the no-store filter, body reading, the JWT check with the first
    // configured client's keys): a call with a token in that client's name signed by a throwaway key, refused with 401
    // at the signature; with authentication off, a body without a hook, refused with 400. Neither reaches the audit.
    // Its refusal is not logged: the call runs with a logger that drops everything.
    private static async Task EndpointCallAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        // Routing builds every endpoint's request delegate (minimal APIs compile theirs) on first use.
        var endpoint = provider.GetService<EndpointDataSource>()?.Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.RoutePattern.RawText == "/cds-services/" + CdsDiscovery.ServiceId
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true);
        if (endpoint?.RequestDelegate is not { } handle) return;
        var context = Context(new QuietCdsLogger(provider), "{}"u8.ToArray());
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuer = provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.Clients.FirstOrDefault()?.Issuer ?? Issuer;
        context.Request.Headers.Authorization = "Bearer " + Token(new JsonWebTokenHandler(), issuer, new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);
        context.RequestAborted = cancellationToken;
        await handle(context);
    }

    private static DefaultHttpContext Context(IServiceProvider provider, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/cds-services/" + CdsDiscovery.ServiceId;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(context.Response.Body));
        return context;
    }

    /// <summary>The app's services, except that the CDS endpoint's logger drops everything.</summary>
    private sealed class QuietCdsLogger(IServiceProvider inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(ILogger<CdsHookService>) ? NullLogger<CdsHookService>.Instance : inner.GetService(serviceType);
    }

    // One patient-view call through the endpoint's code after the JWT check, unaudited, its result written to memory.
    private static async Task<int> CdsCallAsync(IServiceProvider provider, byte[] body, CancellationToken cancellationToken)
    {
        var context = Context(provider, body);
        var options = provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
        var (root, error) = await CdsHooksEndpoints.ReadBodyAsync(context, options.MaxRequestBytes, cancellationToken);
        if (root is null) throw new InvalidOperationException("A warm-up request does not parse: " + error);
        using (root)
        {
            var result = await CdsHooksEndpoints.AnswerVerifiedAsync(context, root.RootElement, provider.GetRequiredService<CdsHookService>(),
                options.Deadline, provider.GetRequiredService<ILogger<CdsHookService>>(), audited: false, cancellationToken);
            await result.ExecuteAsync(context);
        }
        return context.Response.StatusCode;
    }

    // The service's verifier with each configured client's own keys (parsed and cached now): a token in that client's
    // name signed with a throwaway key is refused at the signature check, before any jti is written. Then a token
    // signed with a throwaway key of each allowed family is validated in full, for the success path's code.
    private static async Task JwtAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var keys = new (SecurityKey Key, string Algorithm)[] { (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256), (new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256) };
        var handler = new JsonWebTokenHandler();
        var verifier = provider.GetRequiredService<CdsJwtVerifier>();
        foreach (var client in provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.Clients)
        {
            foreach (var (key, algorithm) in keys)
                await verifier.VerifyAsync("Bearer " + Token(handler, client.Issuer, key, algorithm), Issuer, cancellationToken);
        }
        foreach (var (key, algorithm) in keys)
        {
            var validation = await handler.ValidateTokenAsync(handler.ReadJsonWebToken(Token(handler, Issuer, key, algorithm)), new TokenValidationParameters
            {
                ValidIssuer = Issuer, ValidAudience = Issuer, IssuerSigningKeys = [key],
                ValidAlgorithms = CdsKeys.AllowedAlgorithms, RequireSignedTokens = true, TryAllIssuerSigningKeys = true,
                ValidateLifetime = false, RequireExpirationTime = false,
            });
            if (!validation.IsValid || !((JsonWebToken)validation.SecurityToken).TryGetPayloadValue<string>("jti", out _))
                throw new InvalidOperationException("The warm-up token did not validate.");
        }
    }

    private static string Token(JsonWebTokenHandler handler, string issuer, SecurityKey key, string algorithm)
    {
        var now = DateTime.UtcNow;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = Issuer, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    // The EF Core model, the update pipeline and the jti store's queries: one jti of the warm-up's own issuer, expired
    // at once (the store's next sweep deletes it; no client can send that issuer); an audit row inserted in a
    // transaction that is rolled back (no row stays), and a read of the audit table.
    private static async Task DatabaseAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        await provider.GetRequiredService<ICdsJtiStore>().TryRecordAsync(Issuer, Guid.NewGuid().ToString("N"), DateTimeOffset.UnixEpoch, cancellationToken);
        await using var db = await provider.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync(cancellationToken);
        // Inside the provider's execution strategy: PostgreSQL's retrying strategy refuses a transaction begun outside it.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.AuditEvents.Add(new AuditRecord { Time = DateTimeOffset.UtcNow, Action = "warm-up", Outcome = "success", Actor = Issuer });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
        db.ChangeTracker.Clear();
        await db.AuditEvents.AsNoTracking().AnyAsync(a => a.Id < 0, cancellationToken);
    }
}
