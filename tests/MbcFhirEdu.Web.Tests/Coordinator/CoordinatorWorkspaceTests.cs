using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Coordinator;

/// <summary>
/// The care coordinator workspace: practitioner EHR launch at /launch/coordinator (user-level scopes with
/// Communication create) through the hosted sandbox to /coordinator, and who may not see it.
/// </summary>
public sealed partial class CoordinatorWorkspaceTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Coordinator = "coord-brightwater";

    private static string CoordinatorUrl(string patient, string practitioner = Coordinator) =>
        $"/sandbox/launch-ehr?patient={Uri.EscapeDataString(patient)}&practitioner={practitioner}&app={Uri.EscapeDataString(WebAppFactory.Origin + "/launch/coordinator")}";

    [Fact]
    public async Task CoordinatorLaunch_PutsTheNoteAndASendButtonBeforeTheMaterials_AndAnotherAfter()
    {
        // Issue 20: the send controls are found without scrolling past every material.
        var browser = factory.NewBrowser();
        var (response, _) = await browser.FollowAsync(CoordinatorUrl("her2-positive-brain"));
        var html = await response.Content.ReadAsStringAsync();
        var list = html.IndexOf("<fieldset id=\"materials\"", StringComparison.Ordinal);
        var buttons = Regex.Matches(html, "<button type=\"submit\" class=\"send-button\"").Select(m => m.Index).ToList();

        Assert.True(list > 0);
        Assert.True(Html.MaterialIds(html).Count > 5);
        Assert.True(html.IndexOf("id=\"personal-note\"", StringComparison.Ordinal) < list, "the note comes before the list");
        Assert.Equal(2, buttons.Count);
        Assert.True(buttons[0] < list, "a send button before the list");
        Assert.True(buttons[1] > html.IndexOf("</fieldset>", StringComparison.Ordinal), "and one after it");
        Assert.DoesNotContain("<details open", html); // previews stay closed, urgent ones included
    }

    [Fact]
    public async Task WorkspaceViews_LogNoAntiforgeryWarning_AndAreNotCached()
    {
        // Issue 20: every view logged "The 'Cache-Control' and 'Pragma' headers have been overridden" because the page
        // said no-store and antiforgery, which issues the form's token, rewrites it to no-cache, no-store.
        await using var app = new WebAppFactory();
        var browser = app.NewBrowser();
        var (first, url) = await browser.FollowAsync(CoordinatorUrl("her2-positive-brain"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = await browser.GetAsync(url.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var patientPage = await Launches.AsPatientAsync(app.NewBrowser(), "her2-positive-brain");
        Assert.Contains("class=\"care-team\"", patientPage);

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.Contains("no-store", again.Headers.CacheControl!.ToString());
        Assert.True(again.Headers.CacheControl.NoCache);
    }

    [Fact]
    public async Task CoordinatorLaunch_ShowsThatPatientsMaterialsWithReasonsEvidencePreviewAndTheSelection()
    {
        var browser = factory.NewBrowser();
        var (response, url) = await browser.FollowAsync(CoordinatorUrl("her2-low-ihc1-akt1"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^/coordinator/l/[A-Za-z0-9_-]{43}$", url.AbsolutePath);

        Assert.Contains("<h1>Care coordinator workspace</h1>", html);
        Assert.Contains("class=\"patient-banner\"", html);
        var ids = Html.MaterialIds(html);
        Assert.Contains("her2-low", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.Contains("Evidence for HER2-low", html);
        Assert.Contains("<code>Observation/", html);
        // Every recommended material has a labelled checkbox and an in-place preview.
        foreach (var id in ids)
        {
            var checkbox = Regex.Match(html, $"<input[^>]*id=\"select-{Regex.Escape(id)}\"[^>]*>");
            Assert.True(checkbox.Success, $"no checkbox for {id}");
            Assert.Contains("type=\"checkbox\"", checkbox.Value);
            Assert.Contains("name=\"material\"", checkbox.Value);
            Assert.Contains($"value=\"{id}\"", checkbox.Value);
            Assert.Contains($"<label for=\"select-{id}\">", html);
        }
        Assert.Equal(ids.Count, Html.Count(html, "<details"));
        Assert.Contains("<label for=\"personal-note\">", html);
        Assert.Contains($"maxlength=\"{CoordinatorEndpoints.NoteMaxLength}\"", html);
        // The form really posts, with ASP.NET's antiforgery token and a per-render form id.
        Assert.Contains($"method=\"post\" action=\"{url.AbsolutePath}/send\"", html); // this launch's own workspace
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.Contains("type=\"submit\"", html);
        Assert.Contains("Sent to this patient", html);
    }

    [Fact]
    public async Task CoordinatorLaunch_AsksForUserScopesWithCommunicationCreate()
    {
        var browser = factory.NewBrowser();
        var (_, authorize) = await browser.FollowAsync(CoordinatorUrl("her2-positive-brain"), stopAt: u => u.AbsolutePath == "/sandbox/auth/authorize");
        var scope = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)["scope"].ToString().Split(' ');
        Assert.Contains("launch", scope);
        Assert.Contains("openid", scope);
        Assert.Contains("fhirUser", scope);
        Assert.Contains("user/Patient.rs", scope);
        Assert.Contains("user/Condition.rs", scope);
        Assert.Contains("user/Observation.rs", scope);
        Assert.Contains("user/Communication.cru", scope);
        Assert.DoesNotContain(scope, s => s.StartsWith("patient/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PatientSession_Gets403OnTheWorkspace_AndNoSessionGets401()
    {
        var patient = factory.NewBrowser();
        await Launches.AsPatientAsync(patient, "her2-low-ihc1-akt1");
        using var refused = await patient.GetAsync("/coordinator");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This page is for the care team", html);
        Assert.Empty(Html.MaterialIds(html));

        using var anonymous = await factory.NewBrowser().GetAsync("/coordinator");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task PatientCannotBeChosenInTheAddress_AndTheLaunchNeedsTheEhrsLaunchParameter()
    {
        var browser = factory.NewBrowser();
        await browser.GetHtmlAsync(CoordinatorUrl("her2-low-ihc1-akt1"));
        using var chosen = await browser.GetAsync("/coordinator?patient=tnbc-pdl1-leptomeninges");
        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);

        using var noLaunch = await factory.NewBrowser().GetAsync("/launch/coordinator?iss=" + Uri.EscapeDataString(WebAppFactory.Issuer));
        Assert.Equal(HttpStatusCode.BadRequest, noLaunch.StatusCode);
    }

    [Fact]
    public async Task Workspace_IsWellStructured_OneH1NoSkippedHeadingsAndEveryInputLabelled()
    {
        var html = await factory.NewBrowser().GetHtmlAsync(CoordinatorUrl("tnbc-pdl1-leptomeninges"));
        Assert.Equal(1, Html.Count(html, "<h1"));
        var levels = Html.HeadingLevels(html);
        for (var i = 1; i < levels.Count; i++) Assert.True(levels[i] <= levels[i - 1] + 1, $"heading h{levels[i]} follows h{levels[i - 1]}");
        foreach (Match input in InputId().Matches(html)) Assert.Contains($"<label for=\"{input.Groups[1].Value}\"", html);
        Assert.Contains("<fieldset id=\"materials\">", html);
        Assert.Contains("<legend>", html);
    }

    [Fact]
    public async Task Home_OffersTheCoordinatorLaunchForEveryPatient()
    {
        var html = await factory.NewBrowser().GetHtmlAsync("/");
        Assert.Equal(18, Html.Count(html, "Open as care coordinator"));
        Assert.Contains("practitioner=coord-brightwater&amp;app=http%3A%2F%2Flocalhost%2Flaunch%2Fcoordinator", html);
    }

    [Theory]
    [InlineData("user/Communication.cru", true)]
    [InlineData("user/Communication.c", true)]
    [InlineData("user/Communication.write", true)]
    [InlineData("user/*.cruds", true)]
    [InlineData("user/Communication.rs", false)]
    [InlineData("patient/Communication.c", false)]
    [InlineData("user/Observation.c", false)]
    public void CommunicationWriteScope_IsRecognised(string scope, bool expected) =>
        Assert.Equal(expected, CoordinatorAccess.CommunicationWrite(scope));

    [GeneratedRegex("<(?:input|textarea)[^>]*\\sid=\"([^\"]+)\"")]
    private static partial Regex InputId();
}
