using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests.Entra;

/// <summary>Authorization code + PKCE at the Entra-shaped authorize and token endpoints: id and access tokens.</summary>
public sealed class EntraSignInTests(EntraFixture entra) : IClassFixture<EntraFixture>
{
    private async Task<HttpResponseMessage> RedeemAsync(string code, string verifier, string secret = EntraFixture.Secret, string redirect = EntraFixture.Redirect) =>
        await entra.TokenAsync(EntraFixture.Tenant, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
            ["client_id"] = EntraFixture.WebId, ["client_secret"] = secret,
        });

    [Fact]
    public async Task A_login_hint_signs_the_user_in_and_the_code_gives_an_id_token_and_an_API_access_token()
    {
        var verifier = EntraFixture.Verifier();
        var query = await entra.AuthorizeAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "Casey@Contoso.test", verifier));
        Assert.Equal("state-123", query["state"]);
        var body = await SmartFlow.ReadJsonAsync(await RedeemAsync(query["code"], verifier));

        var id = await entra.ValidateAsync(body.GetProperty("id_token").GetString()!, EntraFixture.WebId);
        Assert.Equal(EntraFixture.Tenant, id.GetClaim("tid").Value);
        Assert.Equal(EntraFixture.CoordinatorOid, id.GetClaim("oid").Value);
        Assert.Equal("nonce-456", id.GetClaim("nonce").Value);
        Assert.Equal("2.0", id.GetClaim("ver").Value);
        Assert.Equal("casey@contoso.test", id.GetClaim("preferred_username").Value);
        // The web app defines Education.Coordinator only: the user's API role is not in its id token.
        Assert.Equal(["Education.Coordinator"], id.Claims.Where(c => c.Type == "roles").Select(c => c.Value));

        var access = await entra.ValidateAsync(body.GetProperty("access_token").GetString()!, EntraFixture.ApiId);
        Assert.Equal("Education.Read", access.GetClaim("scp").Value);
        Assert.Equal(EntraFixture.WebId, access.GetClaim("azp").Value);
        Assert.Equal(["Education.Read"], access.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal("RS256", access.Alg);
    }

    [Theory]
    [InlineData(EntraFixture.SignedOut, true)]
    [InlineData("https://console.example.test/elsewhere", false)] // the app's origin, but not a registered redirect URI
    [InlineData("https://evil.example.test/signout-callback-oidc", false)]
    public async Task Sign_out_returns_to_a_post_logout_redirect_uri_only_when_it_is_a_registered_redirect_URI(string target, bool returns)
    {
        using var http = entra.Factory.CreateSandboxClient();
        using var response = await http.GetAsync(
            $"/sandbox/entra/{EntraFixture.Tenant}/oauth2/v2.0/logout?post_logout_redirect_uri={Uri.EscapeDataString(target)}&state=s-1");
        if (returns)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(target + "?state=s-1", response.Headers.Location!.AbsoluteUri);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("You are signed out of the sandbox directory", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Form_post_response_mode_posts_the_code_and_state_to_the_redirect_uri()
    {
        using var http = entra.Factory.CreateSandboxClient();
        var html = await http.GetStringAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "casey@contoso.test", EntraFixture.Verifier(), responseMode: "form_post"));
        Assert.Contains($"action=\"{EntraFixture.Redirect}\"", html);
        Assert.Contains("name=\"code\"", html);
        Assert.Contains("name=\"state\" value=\"state-123\"", html);
    }

    [Fact]
    public async Task Without_a_login_hint_a_sign_in_page_lists_the_test_users_as_links_that_carry_one()
    {
        using var http = entra.Factory.CreateSandboxClient();
        using var response = await http.GetAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, null, EntraFixture.Verifier()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Casey Coordinator", html);
        Assert.Contains("&amp;login_hint=pat@contoso.test\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_PKCE_S256_the_request_is_refused_back_to_the_client()
    {
        var query = await entra.AuthorizeAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "casey@contoso.test", EntraFixture.Verifier(), challengeMethod: "plain"));
        Assert.Equal("invalid_request", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_never_redirected_to()
    {
        using var http = entra.Factory.CreateSandboxClient();
        using var response = await http.GetAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "casey@contoso.test", EntraFixture.Verifier(), redirect: "https://evil.example.test/cb"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AADSTS50011", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_verifier_a_wrong_secret_and_a_reused_code_are_refused()
    {
        var verifier = EntraFixture.Verifier();
        var code = (await entra.AuthorizeAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "casey@contoso.test", verifier)))["code"];
        Assert.Equal(HttpStatusCode.Unauthorized, (await RedeemAsync(code, verifier, secret: "wrong-secret-0123456789")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(code, verifier)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync(code, verifier)).StatusCode);

        var other = (await entra.AuthorizeAsync(EntraFixture.AuthorizeUrl(EntraFixture.Tenant, "casey@contoso.test", verifier)))["code"];
        var body = await SmartFlow.ReadJsonAsync(await RedeemAsync(other, EntraFixture.Verifier()), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }
}
