using MbcFhirEdu.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's sign-in: Microsoft Entra ID through Identity.Web's <c>AddMicrosoftIdentityWebApp</c> (section
/// <c>Entra:Console</c>), authorization code + PKCE, with schemes of its own (<see cref="CookieScheme"/>,
/// <see cref="OidcScheme"/>) so the app's SMART session cookie and the API's bearer scheme are untouched: no default
/// scheme is set, and only the console's access filter authenticates with these. Identity.Web refuses a token whose
/// issuer is another tenant's; the <c>tid</c> check here says the same again in the console's own words.
/// </summary>
internal static class ConsoleAuthentication
{
    public const string SectionName = "Entra:Console";
    public const string CookieScheme = "Console";
    public const string OidcScheme = "ConsoleOidc";
    public const string MetadataClientName = "console-oidc";
    /// <summary>How long a console sign-in lasts (a working day), whatever the ID token's lifetime; then Entra ID again.</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    /// <summary>True when <c>Entra:Console:ClientId</c> is set; otherwise no handler is registered and <c>/console</c> says so.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[SectionName + ":ClientId"]);

    public static void AddConsoleSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // Unconfigured, nothing is registered: the OIDC handler runs on every request and would fail them all.
        services.AddOptions<EntraConsoleOptions>().Bind(configuration.GetSection(SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EntraConsoleOptions>, EntraConsoleOptionsValidator>();
        if (!IsConfigured(configuration)) return;
        services.AddHttpClient(MetadataClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false });
        services.AddAuthentication()
            .AddMicrosoftIdentityWebApp(configuration.GetSection(SectionName), OidcScheme, CookieScheme);
        var tenant = configuration[SectionName + ":TenantId"] ?? "";
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IHttpClientFactory, IOptions<EntraConsoleOptions>>((o, clients, console) =>
        {
            ConfigureOidc(o, clients, tenant);
            o.CallbackPath = console.Value.CallbackPath;
            o.SignedOutCallbackPath = console.Value.SignedOutCallbackPath;
            // Identity.Web does not carry this one over from the section; http metadata is for the loopback sandbox only.
            o.RequireHttpsMetadata = console.Value.RequireHttpsMetadata;
            // One tenant: the issuer must be this tenant's v2.0 issuer (or the one configured), nothing else. Replaces
            // Identity.Web's multi-tenant-capable AAD issuer validator, which knows only Microsoft's own instances.
            var issuers = new[] { $"{console.Value.Instance}{console.Value.TenantId}/v2.0", o.TokenValidationParameters.ValidIssuer }
                .Where(i => !string.IsNullOrEmpty(i)).ToArray();
            o.TokenValidationParameters.IssuerValidator = (issuer, _, _) => issuers.Contains(issuer, StringComparer.Ordinal)
                ? issuer
                : throw new Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException("The token's issuer is not this console's tenant.");
        });
        // Identity.Web keeps callback paths of its own (default /signin-oidc) and scopes the correlation and nonce
        // cookies with them: unset in configuration, a browser never sent those cookies to /console/signin-oidc
        // ("Correlation failed"). Its options get the console's paths, whether or not the section names them.
        services.AddOptions<MicrosoftIdentityOptions>(OidcScheme).Configure<IOptions<EntraConsoleOptions>>((m, console) =>
        {
            m.CallbackPath = console.Value.CallbackPath;
            m.SignedOutCallbackPath = console.Value.SignedOutCallbackPath;
        });
        services.Configure<CookieAuthenticationOptions>(CookieScheme, ConfigureCookie);
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, IHttpClientFactory clients, string tenant)
    {
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
        // (form_post would need SameSite=None for a cross-site POST).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        // The console never calls anything with the coordinator's tokens (the EHR is read with Backend Services).
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = ConsoleUser.RolesClaim;
        o.Backchannel = clients.CreateClient(MetadataClientName);
        o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        var validated = o.Events.OnTokenValidated;
        o.Events.OnTokenValidated = async context =>
        {
            await validated(context);
            var tid = ConsoleUser.TenantOf(context.Principal);
            if (!string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
                context.Fail("The account belongs to another organisation (tenant) than the one this console serves.");
        };
        var failed = o.Events.OnRemoteFailure;
        o.Events.OnRemoteFailure = async context =>
        {
            await failed(context);
            if (context.Result?.Handled == true) return;
            // A refused sign-in (another tenant, a bad token, a stale or replayed callback) is a page, not an exception.
            context.HandleResponse();
            // IdentityModel leaves personal data out of its messages (PII logging is off); the reason helps the administrator.
            ConsoleLog.SignInRefused(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Web.Features.Console"),
                context.Failure?.GetType().Name ?? "none", context.Failure?.Message ?? "");
            var page = Pages.Message(403, "Sign-in was refused",
                context.Failure?.Message.Contains("another organisation", StringComparison.Ordinal) == true
                    ? "Your account belongs to another organisation than the one this console serves."
                    : "The sign-in could not be completed or was not accepted.",
                nextStep: "Go to the coordinator console and sign in again with your organisation account.");
            await page.ExecuteAsync(context.HttpContext);
        };
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie = new ConsoleCookieBuilder();
        o.ExpireTimeSpan = SignInLifetime;
        o.SlidingExpiration = false;
        // Sign-out at this address answers with a redirect to the "signed out" page.
        o.LogoutPath = ConsoleEndpoints.SignOutPath;
        // Not signed in: the console's access filter challenges the OIDC scheme itself (GET) or answers 401 (POST).
        o.ForwardChallenge = OidcScheme;
    }
}
