using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.Console;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Tests.Console;

/// <summary>
/// The web app with the console on: <see cref="ApiHost"/>'s Backend Services registration at the hosted sandbox (the
/// console reads and writes the EHR with it), <c>Entra:Console</c> pointing at the sandbox's Entra-shaped issuer, the
/// outbox worker off (tests run its passes). <see cref="SignIn"/> gives a browser the console cookie the app itself
/// issues after an Entra ID sign-in, for tests of what the console does with a signed-in user; <see cref="IdTokenClaims"/>
/// changes the id token of a real sign-in, for tests of what the sign-in refuses.
/// </summary>
public sealed class ConsoleHost : IDisposable
{
    /// <summary>This host's own tenant, as for <see cref="ApiHost.Tenant"/> (one issuer validator per authority per process).</summary>
    public string Tenant { get; } = Guid.NewGuid().ToString();
    public const string OtherTenant = ApiHost.WrongTenant;
    public const string ClientId = "mbcedu-console-test";
    public const string Sender = "Practitioner/coord-brightwater";
    public const string Coordinator = "Education.Coordinator";
    public const string ClientSecret = "console-test-secret-0123456789";
    public const string CoordinatorOid = "c0c0c0c0-0000-4000-8000-0000000000a1";
    public const string CoordinatorLogin = "casey.coordinator@contoso.test";
    public const string NoRoleLogin = "rory.reader@contoso.test";

    public ConsoleHost(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            // As for the API: https metadata, the issuer read from it by Identity.Web's own validator.
            ["Entra:Console:Instance"] = ApiHost.Instance,
            ["Entra:Console:TenantId"] = Tenant,
            ["Entra:Console:ClientId"] = ClientId,
            ["Entra:Console:ClientSecret"] = ClientSecret,
            ["Entra:Console:CallbackPath"] = "/console/signin-oidc",
            ["Entra:Console:SignedOutCallbackPath"] = "/console/signout-callback-oidc",
            // Unlike appsettings.Development.json: https metadata, and no configured issuer.
            ["Entra:Console:RequireHttpsMetadata"] = "true",
            ["Entra:Console:TokenValidationParameters:ValidIssuer"] = "",
            ["Console:DeliverySender"] = Sender,
            // The sandbox's Entra-shaped provider (ApiHost's tenants): a coordinator, a user without the role, the console app.
            ["Sandbox:Entra:Users:console-coordinator:Oid"] = CoordinatorOid,
            ["Sandbox:Entra:Users:console-coordinator:Name"] = "Casey Coordinator",
            ["Sandbox:Entra:Users:console-coordinator:Username"] = CoordinatorLogin,
            ["Sandbox:Entra:Users:console-coordinator:Roles:0"] = Coordinator,
            ["Sandbox:Entra:Users:console-no-role:Oid"] = "c0c0c0c0-0000-4000-8000-0000000000b2",
            ["Sandbox:Entra:Users:console-no-role:Name"] = "Rory Reader",
            ["Sandbox:Entra:Users:console-no-role:Username"] = NoRoleLogin,
            ["Sandbox:Entra:Apps:console-test:ClientId"] = ClientId,
            ["Sandbox:Entra:Apps:console-test:Name"] = "MbcFhirEdu coordinator console (test)",
            ["Sandbox:Entra:Apps:console-test:ClientSecret"] = ClientSecret,
            ["Sandbox:Entra:Apps:console-test:RedirectUris:0"] = WebAppFactory.Origin + "/console/signin-oidc",
            ["Sandbox:Entra:Apps:console-test:RedirectUris:1"] = WebAppFactory.Origin + "/console/signout-callback-oidc",
            ["Sandbox:Entra:Apps:console-test:AppRoles:0"] = Coordinator,
            ["Deliveries:WorkerEnabled"] = "false",
            ["Smart:PageLoadDeadline"] = "00:00:40",
            ["Smart:PerTryTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        Api = ApiHost.Create("RS384", settings, Tenant);
        var before = App.ConfigureServices;
        App.ConfigureServices = services =>
        {
            before?.Invoke(services);
            services.AddHttpClient(ConsoleAuthentication.MetadataClientName).AddHttpMessageHandler(() => new IdTokenRewriter(this));
        };
    }

    /// <summary>
    /// When set, changes the claims of the id token the sandbox's token endpoint gives the console (the code redemption)
    /// and signs it again with the tenant's key, as the tenant signs: a refusal test changes one claim of a real sign-in.
    /// </summary>
    public Action<JsonObject>? IdTokenClaims { get; set; }

    public ApiHost Api { get; }
    public WebAppFactory App => Api.Factory;
    public IServiceProvider Services => App.Services;

    /// <summary>A browser holding a console sign-in for <paramref name="oid"/> (the cookie the app issues after Entra ID).</summary>
    public Browser SignIn(string oid, string? tenant = null, params string[] roles)
    {
        tenant ??= Tenant;
        var browser = App.NewBrowser();
        var cookie = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get("Console");
        var claims = new List<Claim> { new("oid", oid), new("tid", tenant), new("name", "Casey Coordinator") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, "ConsoleOidc", "name", "roles")),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, "Console");
        browser.SetCookie(cookie.Cookie.Name!, cookie.TicketDataFormat.Protect(ticket));
        return browser;
    }

    /// <summary>
    /// Opens <paramref name="path"/> and follows the sign-in through the sandbox's Entra provider as <paramref name="login"/>
    /// (its <c>login_hint</c>, what a click on its sign-in page adds), with <paramref name="authorize"/> changing the
    /// authorize address first when a test tampers with it. Returns the last answer and where it came from.
    /// </summary>
    public static Task<(HttpResponseMessage Response, Uri Url)> SignInThroughEntraAsync(Browser browser, string path, string login,
        Func<Uri, Uri>? authorize = null) =>
        browser.FollowAsync(path, rewrite: u =>
            u.AbsolutePath.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal) && !u.Query.Contains("login_hint", StringComparison.Ordinal)
                ? new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString((authorize?.Invoke(u) ?? u).AbsoluteUri, "login_hint", login))
                : u);

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    public async Task<MbcEduDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();

    public void Dispose() => Api.Dispose();

    /// <summary>On the console's backchannel: rewrites the token response's id token through <see cref="IdTokenClaims"/>.</summary>
    private sealed class IdTokenRewriter(ConsoleHost host) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (host.IdTokenClaims is not { } change || request.RequestUri?.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) != true
                || !response.IsSuccessStatusCode) return response;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            var claims = JsonNode.Parse(Base64UrlEncoder.Decode(new JsonWebToken(body["id_token"]!.GetValue<string>()).EncodedPayload))!.AsObject();
            change(claims);
            var key = new RsaSecurityKey(host.Api.SandboxKey) { KeyId = host.Api.KeyId };
            body["id_token"] = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
                .CreateToken(claims.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
