using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>Clicks a launch link on the app's home page and follows the real SMART launch to the launch's own <c>/app/l/{ctx}</c>.</summary>
public static partial class Launch
{
    public const string Portal = "Open as the patient (portal)";
    public const string Chart = "Open from the chart (clinician)";
    public const string Coordinator = "Open as care coordinator";

    public static async Task ClickThroughAsync(IPage page, string patientId, string linkText)
    {
        await ClickThroughToAsync(page, patientId, linkText, AppPage());
    }

    /// <summary>The coordinator launch: ends on <c>/coordinator/l/{ctx}</c>.</summary>
    public static Task ClickThroughToWorkspaceAsync(IPage page, string patientId) =>
        ClickThroughToAsync(page, patientId, Coordinator, WorkspacePage());

    private static async Task ClickThroughToAsync(IPage page, string patientId, string linkText, Regex landing)
    {
        await page.GotoAsync("/");
        var card = page.Locator($"li[data-patient='{patientId}']");
        await card.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = linkText }).ClickAsync();

        // sandbox launch → /launch → sandbox authorize → (sign-in form, when it shows one) → /callback → /app
        await page.WaitForURLAsync(AuthorizeOrLanding());
        var allow = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allow and continue" });
        if (page.Url.Contains("/sandbox/auth/authorize", StringComparison.Ordinal) && await allow.CountAsync() > 0)
            await allow.ClickAsync();
        await page.WaitForURLAsync(landing);
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/(sandbox/auth/authorize|app|coordinator)(/l/[A-Za-z0-9_-]{43})?(\?|$)")]
    private static partial Regex AuthorizeOrLanding();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/coordinator/l/[A-Za-z0-9_-]{43}(\?.*)?$")]
    private static partial Regex WorkspacePage();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/app/l/[A-Za-z0-9_-]{43}(\?.*)?$")]
    private static partial Regex AppPage();
}
