using System.Net;
using System.Text.Json.Nodes;
using MbcFhirEdu.Web.Features.Console;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Console;

/// <summary>
/// The console's sign-in end to end against the hosted sandbox's Entra-shaped provider, with Microsoft.Identity.Web
/// unmodified: the authorization code flow with PKCE, the app role, the tenant, and a signed-out user sent to sign in;
/// an id token that is expired, for another app or of another tenant is refused (<see cref="ConsoleHost.IdTokenClaims"/>).
/// </summary>
public sealed class ConsoleSignInTests : IDisposable
{
    private readonly ConsoleHost _host = new();

    [Fact]
    public async Task A_signed_out_user_is_sent_to_Entra_ID_with_PKCE_and_after_sign_in_gets_the_page_with_a_console_only_cookie()
    {
        var browser = _host.App.NewBrowser();
        using var challenge = await browser.GetAsync(ConsoleEndpoints.SearchPath);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        Assert.StartsWith($"{ApiHost.Instance}{_host.Tenant}/oauth2/v2.0/authorize?", authorize);
        Assert.Contains("response_type=code", authorize);
        Assert.Contains("code_challenge_method=S256", authorize);
        Assert.DoesNotContain("response_mode=form_post", authorize); // the code comes back in the query of a GET
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(WebAppFactory.Origin + "/console/signin-oidc"), authorize);

        var (page, url) = await ConsoleHost.SignInThroughEntraAsync(browser, ConsoleEndpoints.SearchPath, ConsoleHost.CoordinatorLogin);
        Assert.True(page.StatusCode == HttpStatusCode.OK, string.Join('\n', _host.App.Logs.Lines.Where(l => l.Contains("sign-in", StringComparison.Ordinal))));
        Assert.Equal(ConsoleEndpoints.SearchPath, url.AbsolutePath);
        Assert.Contains("<h1>Find a patient</h1>", await page.Content.ReadAsStringAsync());
        var cookie = Assert.Single(browser.SetCookieHeaders, h => h.StartsWith("mbcedu-console=", StringComparison.Ordinal));
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        // The coordinator's Entra tokens are not kept: nothing but the sign-in's claims is in the cookie's ticket.
        Assert.DoesNotContain(browser.SetCookieHeaders, h => h.Contains(".Token.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_the_tenant_gave_no_Education_Coordinator_role_signs_in_and_gets_403_naming_the_role()
    {
        var (page, _) = await ConsoleHost.SignInThroughEntraAsync(_host.App.NewBrowser(), ConsoleEndpoints.SearchPath, ConsoleHost.NoRoleLogin);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Education.Coordinator", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_at_another_tenant_is_refused_and_leaves_no_console_sign_in()
    {
        var browser = _host.App.NewBrowser();
        var (page, _) = await ConsoleHost.SignInThroughEntraAsync(browser, ConsoleEndpoints.SearchPath, ConsoleHost.CoordinatorLogin,
            authorize: u => new Uri(u.AbsoluteUri.Replace(_host.Tenant, ConsoleHost.OtherTenant, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Sign-in was refused", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("mbcedu-console", browser.Cookies.Keys);
    }

    [Fact]
    public async Task An_id_token_signed_again_with_nothing_changed_signs_in_so_the_refusals_below_are_about_the_one_change()
    {
        _host.IdTokenClaims = _ => { };
        var (page, _) = await ConsoleHost.SignInThroughEntraAsync(_host.App.NewBrowser(), ConsoleEndpoints.SearchPath, ConsoleHost.CoordinatorLogin);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Find a patient</h1>", await page.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> IdTokenRefusals => new()
    {
        { "expired", "The sign-in could not be completed" },
        { "another audience", "The sign-in could not be completed" },
        { "another tenant's issuer", "The sign-in could not be completed" },
        { "another tenant's tid", "belongs to another organisation" },
    };

    [Theory]
    [MemberData(nameof(IdTokenRefusals))]
    public async Task An_id_token_that_is_expired_or_for_another_app_or_of_another_tenant_is_refused_and_leaves_no_console_sign_in(string what, string says)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _host.IdTokenClaims = what switch
        {
            // An hour old and expired ten minutes ago: beyond the five minutes of clock skew the handler allows.
            "expired" => c => { c["iat"] = now - 4200; c["nbf"] = now - 4200; c["exp"] = now - 600; },
            "another audience" => c => c["aud"] = ApiHost.ConsoleId, // another app of the same tenant
            "another tenant's issuer" => c => { c["iss"] = $"{ApiHost.Instance}{ConsoleHost.OtherTenant}/v2.0"; c["tid"] = ConsoleHost.OtherTenant; },
            _ => c => c["tid"] = ConsoleHost.OtherTenant,
        };
        var browser = _host.App.NewBrowser();
        var (page, _) = await ConsoleHost.SignInThroughEntraAsync(browser, ConsoleEndpoints.SearchPath, ConsoleHost.CoordinatorLogin);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Sign-in was refused", html);
        Assert.Contains(says, html);
        Assert.DoesNotContain("mbcedu-console", browser.Cookies.Keys);
        Assert.DoesNotContain("Find a patient", html);
    }

    [Fact]
    public async Task An_id_token_whose_roles_lack_Education_Coordinator_signs_in_but_gets_403_naming_the_role()
    {
        _host.IdTokenClaims = c => c["roles"] = new JsonArray("Education.Read");
        var (page, _) = await ConsoleHost.SignInThroughEntraAsync(_host.App.NewBrowser(), ConsoleEndpoints.SearchPath, ConsoleHost.CoordinatorLogin);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("has not been given the app role Education.Coordinator", html);
        Assert.DoesNotContain("<h1>Find a patient</h1>", html);
    }

    public void Dispose() => _host.Dispose();
}
