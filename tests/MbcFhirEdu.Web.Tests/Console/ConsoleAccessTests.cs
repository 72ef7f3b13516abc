using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Console;

/// <summary>Who may use the console: a sign-in of this tenant with the app role Education.Coordinator, nobody else.</summary>
public sealed class ConsoleAccessTests : IDisposable
{
    private readonly ConsoleHost _host = new();

    [Fact]
    public async Task A_signed_in_user_without_the_Education_Coordinator_role_gets_a_403_page_naming_the_missing_role()
    {
        var browser = _host.SignIn("oid-no-role", _host.Tenant, "Education.Read");
        using var response = await browser.GetAsync("/console/worklist");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Education.Coordinator", html);
        Assert.DoesNotContain("worklist-filter", html);
    }

    [Fact]
    public async Task A_sign_in_from_another_tenant_is_refused_even_with_the_role()
    {
        var browser = _host.SignIn("oid-other-tenant", ConsoleHost.OtherTenant, ConsoleHost.Coordinator);
        using var response = await browser.GetAsync("/console/patients?mrn=SBX-1005");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("organisation (Entra ID tenant)", html);
        Assert.DoesNotContain("SBX-1005)", html);
    }

    [Fact]
    public async Task A_form_posted_without_a_console_sign_in_is_401_and_nothing_is_sent()
    {
        var browser = _host.App.NewBrowser();
        using var response = await browser.PostFormAsync("/console/patients/her2-low-ihc1-akt1/send",
            [new("form", "AAAAAAAAAAAAAAAAAAAAAA"), new("lang", "en"), new("material", "bone-metastases")]);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await _host.DbAsync();
        Assert.Empty(db.Deliveries);
    }

    [Fact]
    public async Task A_coordinator_with_the_role_gets_the_console_and_its_sign_out_is_a_post_with_an_antiforgery_token()
    {
        var browser = _host.SignIn("oid-coordinator", _host.Tenant, ConsoleHost.Coordinator);
        var html = await browser.GetHtmlAsync("/console/patients");
        Assert.Contains("<form class=\"signout-form\" method=\"post\" action=\"/console/signout\">", html);
        // Without the token the sign-out is refused and the sign-in still works.
        using var forged = await browser.PostFormAsync("/console/signout", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/patients")).StatusCode);
    }

    [Fact]
    public async Task Without_an_Entra_registration_the_console_says_it_is_not_set_up()
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?> { ["Entra:Console:ClientId"] = "" });
        using var response = await app.NewBrowser().GetAsync("/console/worklist");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Entra:Console:ClientId", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _host.Dispose();
}
