using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// Bearer tokens for <c>/api/*</c> from Microsoft Entra ID through Microsoft.Identity.Web (<c>AddMicrosoftIdentityWebApi</c>
/// bound to <c>Entra:Api</c>), under a scheme of its own (<see cref="ApiRoles.Scheme"/>): no default scheme is set, so
/// the SMART pages and the console's sign-in never see a bearer identity, and the API's policies name only this
/// scheme, so no cookie ever authorises an API call. Identity.Web checks the tenant's issuer (from its metadata), the
/// audience, the signature with the tenant's keys, the lifetime, and that the token carries <c>roles</c> or <c>scp</c>;
/// we add: asymmetric algorithms only (alg none and HMAC refused), unmapped claim names, and our JSON errors.
/// In Development the hosted sandbox's Entra-shaped issuer is the instance, through configuration only.
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

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<EntraApiOptions>().Bind(configuration.GetSection(EntraApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EntraApiOptions>>(new EntraApiOptionsValidator(environment));
        // Metadata and key fetches (JwtBearer's and Identity.Web's issuer validator's): bounded in time, no redirects,
        // through IHttpClientFactory (so tests can route them).
        services.AddHttpClient(MetadataClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false });
        services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = MetadataClientName);

        // ASP.NET makes a lone scheme the default, which would run the API's bearer handler on every request (the
        // hosted sandbox's FHIR calls, CDS Hooks' own JWTs). The API scheme must only run where a policy names it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        var entra = configuration.GetSection(EntraApiOptions.SectionName);
        var authentication = services.AddAuthentication();
        if (!string.IsNullOrWhiteSpace(entra["ClientId"])) authentication.AddMicrosoftIdentityWebApi(entra, ApiRoles.Scheme);
        // Not configured: the scheme still exists (the policies name it) but knows no issuer and no key, so every token is 401.
        else authentication.AddJwtBearer(ApiRoles.Scheme, o => o.TokenValidationParameters.ValidAudience = "urn:mbcfhiredu:api-not-configured");
        services.AddOptions<JwtBearerOptions>(ApiRoles.Scheme).Configure<IOptions<ApiOptions>, IOptions<EntraApiOptions>, IHttpClientFactory>(Configure);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(ApiRoles.ReadPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => ApiRoles.Allows(c.User, ApiRoles.Read, ApiRoles.Admin)));
            o.AddPolicy(ApiRoles.SendPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => ApiRoles.Allows(c.User, ApiRoles.Send, ApiRoles.Admin)));
            o.AddPolicy(ApiRoles.AdminPolicy, p => p.AddAuthenticationSchemes(ApiRoles.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => ApiRoles.Allows(c.User, ApiRoles.Admin)));
        });
        return services;
    }

    /// <summary>Runs after Identity.Web's own configuration of the scheme (registered before it), so it only adds.</summary>
    private static void Configure(JwtBearerOptions o, IOptions<ApiOptions> apiOptions, IOptions<EntraApiOptions> entraOptions, IHttpClientFactory httpClients)
    {
        o.MapInboundClaims = false;
        o.SaveToken = false;
        o.IncludeErrorDetails = false;
        o.RequireHttpsMetadata = entraOptions.Value.RequireHttpsMetadata;
        o.Backchannel = httpClients.CreateClient(MetadataClientName);
        var p = o.TokenValidationParameters;
        p.RequireSignedTokens = true;
        p.RequireExpirationTime = true;
        p.ValidateLifetime = true;
        p.ValidAlgorithms = AsymmetricAlgorithms;
        p.ClockSkew = apiOptions.Value.ClockSkew;
        p.RoleClaimType = ApiRoles.ClaimType;
        p.NameClaimType = "oid";
        o.Events ??= new JwtBearerEvents();
        o.Events.OnAuthenticationFailed = context =>
        {
            // The exception type says what was wrong (audience, issuer, signature, lifetime); never the token.
            WebLog.ApiTokenRejected(Logger(context.HttpContext), context.Exception.GetType().Name);
            return Task.CompletedTask;
        };
        o.Events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteAsync(context.Response, "invalid_token",
                context.AuthenticateFailure is null
                    ? "A bearer token is required (Authorization: Bearer <token> issued for this API)."
                    : "The bearer token was not accepted: wrong tenant, issuer or audience, bad signature, expired, or without roles or scopes.");
        };
        o.Events.OnForbidden = context => WriteAsync(context.Response, "insufficient_role",
            "The token is valid but does not carry the app role this endpoint needs (roles claim; for a user's token also the scp scope).");
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Web.Infrastructure.ApiAuth");

    internal static Task WriteAsync(HttpResponse response, string error, string message)
    {
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["message"] = message }));
    }
}
