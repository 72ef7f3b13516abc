using System.Text.Json;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// Bearer-token authentication for <c>/api/*</c> (JwtBearer, scheme <see cref="ApiRoles.Scheme"/>), separate from the
/// browser's SMART session cookie: no default scheme is set, so the launched pages never see a bearer identity, and
/// the API's policies name only this scheme, so a session cookie never authorises an API call. Tokens must carry the
/// configured audience and issuer, an asymmetric signature (RS/PS/ES; alg none and HMAC are refused) from the
/// issuer's keys, a valid lifetime, and the app role the endpoint needs in <c>roles</c>.
/// </summary>
internal static class ApiAuthentication
{
    public const string MetadataClientName = "api-auth-metadata";

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        // Metadata and JWKS fetches: bounded in time, no redirects, through IHttpClientFactory (so tests can route them).
        services.AddHttpClient(MetadataClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false });

        // ASP.NET makes a lone scheme the default, which would run the API's bearer handler on every request (the
        // hosted sandbox's FHIR calls, CDS Hooks' own JWTs). The API scheme must only run where a policy names it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddJwtBearer(ApiRoles.Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(ApiRoles.Scheme).Configure<IOptions<ApiOptions>, IHttpClientFactory>(Configure);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(ApiRoles.ReadPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser().RequireRole(ApiRoles.Read, ApiRoles.Admin));
            o.AddPolicy(ApiRoles.SendPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser().RequireRole(ApiRoles.Send, ApiRoles.Admin));
            o.AddPolicy(ApiRoles.AdminPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser().RequireRole(ApiRoles.Admin));
        });
        return services;
    }

    private static void Configure(JwtBearerOptions o, IOptions<ApiOptions> apiOptions, IHttpClientFactory httpClients)
    {
        var api = apiOptions.Value;
        o.MapInboundClaims = false;
        o.SaveToken = false;
        o.IncludeErrorDetails = false;
        o.Backchannel = httpClients.CreateClient(MetadataClientName);
        var metadataUrl = !string.IsNullOrWhiteSpace(api.JwksUrl) ? api.JwksUrl : api.Authority;
        o.RequireHttpsMetadata = metadataUrl is null || !IsLoopbackHttp(metadataUrl);
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            // An unconfigured API still validates: against an audience no token carries.
            ValidAudience = api.IsConfigured ? api.Audience : "urn:mbcfhiredu:api-not-configured",
            ValidateIssuer = true,
            ValidIssuers = api.Issuers.Count > 0 ? api.Issuers : null,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AsymmetricAlgorithms,
            ClockSkew = api.ClockSkew,
            RoleClaimType = ApiRoles.ClaimType,
            NameClaimType = "sub",
        };
        if (!string.IsNullOrWhiteSpace(api.JwksUrl))
        {
            o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                api.JwksUrl, new JwksOnlyRetriever(), new HttpDocumentRetriever(o.Backchannel) { RequireHttps = o.RequireHttpsMetadata });
        }
        else if (!string.IsNullOrWhiteSpace(api.Authority))
        {
            o.Authority = api.Authority;
        }
        o.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                // The exception type says what was wrong (audience, issuer, signature, lifetime); never the token.
                WebLog.ApiTokenRejected(Logger(context.HttpContext), context.Exception.GetType().Name);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await WriteAsync(context.Response, "invalid_token",
                    context.AuthenticateFailure is null
                        ? "A bearer token is required (Authorization: Bearer <token> issued for this API)."
                        : "The bearer token was not accepted: wrong audience or issuer, bad signature, or expired.");
            },
            OnForbidden = context => WriteAsync(context.Response, "insufficient_role",
                "The token is valid but does not carry the app role this endpoint needs (roles claim)."),
        };
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Web.Infrastructure.ApiAuth");

    internal static Task WriteAsync(HttpResponse response, string error, string message)
    {
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["message"] = message }));
    }

    private static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && IssuerAllowList.TryNormalize(url, out _);
}

/// <summary>Start-up checks of the <c>Api</c> section, naming the key that is wrong.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        var hasJwks = !string.IsNullOrWhiteSpace(options.JwksUrl);
        if (string.IsNullOrWhiteSpace(options.Authority) && !hasJwks) problems.Add("Api:Authority (or Api:JwksUrl with Api:Issuers) is required when Api:Audience is set.");
        if (hasJwks && options.Issuers.Count == 0) problems.Add("Api:Issuers is required with Api:JwksUrl (a bare JWKS names no issuer).");
        foreach (var url in new[] { options.Authority, options.JwksUrl }.Where(u => !string.IsNullOrWhiteSpace(u)))
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !IssuerAllowList.TryNormalize(url, out _)))
                problems.Add($"Api: '{url}' must be an absolute https URL (http only on localhost).");
        if (!string.IsNullOrWhiteSpace(options.FhirBase) && !IssuerAllowList.TryNormalize(options.FhirBase, out _))
            problems.Add("Api:FhirBase must be an absolute https URL (http only on localhost) without query or fragment.");
        if (!string.IsNullOrEmpty(options.DeliverySender) && !Features.Api.ApiDeliveryRequest.SenderReference().IsMatch(options.DeliverySender))
            problems.Add("Api:DeliverySender must be a Practitioner or PractitionerRole reference, e.g. PractitionerRole/care-team.");
        foreach (var (client, i) in options.Clients.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(client.ClientId)) problems.Add($"Api:Clients:{i}:ClientId is required.");
            else if (options.Clients.Count(c => c.ClientId == client.ClientId) > 1) problems.Add($"Api:Clients:{i}:ClientId '{client.ClientId}' is listed twice.");
            foreach (var sender in client.Senders.Where(s => !Features.Api.ApiDeliveryRequest.SenderReference().IsMatch(s)))
                problems.Add($"Api:Clients:{i}:Senders: '{sender}' is not a Practitioner or PractitionerRole reference.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
