using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.CdsHooks;
using MbcFhirEdu.Web.Features.Patient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Infrastructure.Warmup;

/// <summary>
/// Runs the CDS Hooks path once on a made-up request before the server starts listening (a hosted service's
/// <c>StartAsync</c> runs before Kestrel starts, so neither <c>/health/live</c> nor <c>/health/ready</c> answers until it
/// is done): the JIT compiles, and the caches fill, for FHIR reading, extraction, matching, card building, the response
/// JSON, ES256/RS256 JWT validation with the configured client keys, the database model and the jti store's queries,
/// and every endpoint's request delegate. Without it
/// the first CDS call after a start took 760–830 ms and ran past its 500 ms deadline (docs/performance.md).
/// It writes one already-expired jti of its own issuer and no audit row; a failure only logs: the warm-up never stops the app from starting.
/// </summary>
internal sealed class WarmupService(IServiceProvider services, ILogger<WarmupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            CdsAnswer(provider);
            await JwtAsync(provider);
            await DatabaseAsync(provider, cancellationToken);
            // Routing builds every endpoint's request delegate (minimal APIs compile theirs) on first use.
            _ = provider.GetService<EndpointDataSource>()?.Endpoints.Count;
            WarmupLog.Done(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WarmupLog.Failed(logger, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The service's path on a full prefetch, without its audit row: body parse, prefetch reading (Firely), extraction,
    // matching, cards, and the response serialized as the endpoint does. Not through CdsHookService itself: that
    // resolves the FHIR HttpClient, which must not be created while the host is still starting.
    private static void CdsAnswer(IServiceProvider provider)
    {
        using var body = JsonDocument.Parse(WarmupRequest.Json);
        var (request, error) = CdsRequest.Parse(body.RootElement);
        if (request is null) throw new InvalidOperationException("The warm-up request does not parse: " + error);
        var parts = CdsDiscovery.PrefetchParts
            .Select(p => (p.Value, PrefetchReader.Read(request.Prefetch[p.Key], p.Value, request.PatientId).Result
                ?? throw new InvalidOperationException("The warm-up prefetch does not read: " + p.Key)))
            .ToList();
        var (cards, _) = CdsHookService.Cards(provider.GetRequiredService<RecordRecommender>(), provider.GetRequiredService<CdsCardBuilder>(),
            parts, 0, "http://localhost", request.PatientId, []);
        JsonSerializer.SerializeToUtf8Bytes(new CdsResponse(cards), CdsResponse.Json);
    }

    // The configured client key sets are parsed (and cached), then a token signed with a throwaway key of each allowed
    // family is validated the way CdsJwtVerifier does.
    private static async Task JwtAsync(IServiceProvider provider)
    {
        var keySource = provider.GetRequiredService<CdsJwksSource>();
        foreach (var client in provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.Clients) keySource.Configured(client);

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var handler = new JsonWebTokenHandler();
        foreach (var (key, algorithm) in new (SecurityKey, string)[] { (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256), (new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256) })
        {
            var now = DateTime.UtcNow;
            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "urn:mbcedu:warm-up", Audience = "urn:mbcedu:warm-up", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(1),
                Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("N") },
                SigningCredentials = new SigningCredentials(key, algorithm),
            });
            var parsed = handler.ReadJsonWebToken(token);
            var validation = await handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = "urn:mbcedu:warm-up", ValidAudience = "urn:mbcedu:warm-up", IssuerSigningKeys = [key],
                ValidAlgorithms = CdsKeys.AllowedAlgorithms, RequireSignedTokens = true, TryAllIssuerSigningKeys = true,
                ValidateLifetime = false, RequireExpirationTime = false,
            });
            if (!validation.IsValid || !parsed.TryGetPayloadValue<string>("jti", out _)) throw new InvalidOperationException("The warm-up token did not validate.");
        }
    }

    // The EF Core model, the update pipeline and the jti store's queries: one jti of the warm-up's own issuer, expired
    // at once (the store's next sweep deletes it; no client can send that issuer), and a read of the audit table.
    private static async Task DatabaseAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        await provider.GetRequiredService<ICdsJtiStore>().TryRecordAsync("urn:mbcedu:warm-up", Guid.NewGuid().ToString("N"), DateTimeOffset.UnixEpoch, cancellationToken);
        await using var db = await provider.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.AuditEvents.AsNoTracking().AnyAsync(a => a.Id < 0, cancellationToken);
    }
}
