using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Tests.Console;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// The app as its callers meet it, for <see cref="BadInputRouteTests"/>: the bearer API with a sending client, CDS Hooks
/// with client authentication on (one client whose key signs each call), and a coordinator's launched workspace whose
/// form gives a valid antiforgery token, and a coordinator signed in to the console (an app of its own with
/// <c>Entra:Console</c> set) with a console page's form. Each request is built as that caller would build it, then
/// spoiled by one probe.
/// </summary>
public sealed partial class BadInputHost : IDisposable
{
    private const string Patient = ApiDeliveryHost.Patient;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private string? _apiToken;
    private Workspace? _workspace;
    private Workspace? _consoleForm;
    private ConsoleHost? _console;

    public BadInputHost()
    {
        Api = ApiHost.Create("RS384", new Dictionary<string, string?>
        {
            ["CdsHooks:RequireAuthentication"] = "true",
            ["CdsHooks:Clients:0:Issuer"] = CdsClientKey.Issuer,
            ["CdsHooks:Clients:0:Jwks"] = CdsKey.JwksJson,
        });
    }

    public ApiHost Api { get; }

    public CdsClientKey CdsKey { get; } = new("bad-input-key");

    public async Task<HttpRequestMessage> RequestAsync(BadInputRouteTests.Reach reach, HttpMethod method, string pattern, string probe)
    {
        var request = new HttpRequestMessage(method, pattern);
        switch (reach)
        {
            case BadInputRouteTests.Reach.ApiBearer or BadInputRouteTests.Reach.ApiFallback:
                request.RequestUri = new Uri(pattern.Replace("{id}", Patient, StringComparison.Ordinal).Replace("{**rest}", "v1/no-such-thing", StringComparison.Ordinal), UriKind.Relative);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ApiTokenAsync());
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                request.Content = BadInput.Json(probe, ApiDeliveryHost.Body());
                break;
            case BadInputRouteTests.Reach.CdsClient:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CdsKey.Sign(audience: WebAppFactory.Origin + pattern));
                request.Content = BadInput.Json(probe, pattern.EndsWith("/feedback", StringComparison.Ordinal)
                    ? $$"""{"feedback":[{"card":"{{Guid.NewGuid()}}","outcome":"accepted","outcomeTimestamp":"2026-12-06T10:00:00Z"}]}"""
                    : CdsCalls.Request(Patient).ToJsonString());
                break;
            case BadInputRouteTests.Reach.CoordinatorForm:
                var workspace = await WorkspaceAsync();
                request.RequestUri = new Uri(pattern.Replace("{ctx}", workspace.Context, StringComparison.Ordinal), UriKind.Relative);
                request.Headers.Add("Cookie", workspace.Cookies);
                request.Content = BadInput.Form(probe, workspace.Fields);
                break;
            case BadInputRouteTests.Reach.SignOutForm:
                // A browser of its own per request: a sign-out that went through would end the shared workspace's launch.
                var (cookies, token) = await SignOutFormAsync();
                request.Headers.Add("Cookie", cookies);
                request.Content = BadInput.Form(probe, [token]);
                break;
            case BadInputRouteTests.Reach.ConsoleForm:
                var console = await ConsoleFormAsync();
                request.RequestUri = new Uri(pattern.Replace("{id}", pattern.Contains("/worklist/", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : Patient,
                    StringComparison.Ordinal), UriKind.Relative);
                request.Headers.Add("Cookie", console.Cookies);
                // Sign-out and close read only the antiforgery token, so the token is their last (spoilable) field.
                request.Content = BadInput.Form(probe, pattern.EndsWith("/send", StringComparison.Ordinal) ? console.Fields : [console.Fields[0]]);
                break;
            case BadInputRouteTests.Reach.ReadsNoBody:
                request.Content = BadInput.Json(probe, """{"check":"all"}""");
                break;
        }
        return request;
    }

    /// <summary>The app that serves <paramref name="reach"/>: the console's own for console forms, else the shared one.</summary>
    public HttpClient ClientFor(BadInputRouteTests.Reach reach) =>
        reach == BadInputRouteTests.Reach.ConsoleForm ? _console!.Api.NewClient() : Api.NewClient();

    public void Dispose()
    {
        _console?.Dispose();
        Api.Dispose();
        CdsKey.Dispose();
        _setup.Dispose();
    }

    private async Task<string> ApiTokenAsync()
    {
        await _setup.WaitAsync();
        try { return _apiToken ??= await Api.TokenAsync(ApiHost.SenderId); }
        finally { _setup.Release(); }
    }

    private sealed record Workspace(string Context, string Cookies, IReadOnlyList<KeyValuePair<string, string>> Fields);

    /// <summary>A coordinator's workspace, launched once: its launch id, cookies and a good send form's fields.</summary>
    private async Task<Workspace> WorkspaceAsync()
    {
        await _setup.WaitAsync();
        try
        {
            if (_workspace is not null) return _workspace;
            var browser = Api.Factory.NewBrowser();
            var (response, url) = await browser.FollowAsync(Launches.WorkspaceUrl(Patient));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            return _workspace = new Workspace(url.AbsolutePath.Split('/')[^1], string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}")), GoodSendForm(html));
        }
        finally { _setup.Release(); }
    }

    /// <summary>A signed-in coordinator's console cookies and a good send form's fields (its antiforgery token serves every console form).</summary>
    private async Task<Workspace> ConsoleFormAsync()
    {
        await _setup.WaitAsync();
        try
        {
            if (_consoleForm is not null) return _consoleForm;
            _console = new ConsoleHost();
            var browser = _console.SignIn("bad-input-coordinator", null, ConsoleHost.Coordinator);
            var html = await browser.GetHtmlAsync($"/console/patients/{Patient}");
            return _consoleForm = new Workspace("", string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}")), GoodSendForm(html));
        }
        finally { _setup.Release(); }
    }

    /// <summary>The fields of a good send form on <paramref name="html"/> (the workspace's or the console's patient page): a note, one material (last: the probes change the last field).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> GoodSendForm(string html)
    {
        var form = SendForm.Read(html);
        Assert.NotEmpty(form.Materials);
        return form.Fields(form.Materials.Take(1), "Hello");
    }

    /// <summary>A launched browser's cookies and the antiforgery field of its <c>/logout</c> page's sign-out form.</summary>
    private async Task<(string Cookies, KeyValuePair<string, string> Token)> SignOutFormAsync()
    {
        var browser = Api.Factory.NewBrowser();
        var (launched, _) = await browser.FollowAsync(Launches.WorkspaceUrl(Patient));
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        var html = await browser.GetHtmlAsync("/logout");
        var field = HiddenField().Match(html);
        Assert.True(field.Success, "the /logout page has no antiforgery field");
        return (string.Join("; ", browser.Cookies.Select(c => $"{c.Key}={c.Value}")),
            new(field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value)));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
