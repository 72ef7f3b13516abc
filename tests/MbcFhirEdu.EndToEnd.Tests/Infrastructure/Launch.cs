using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>Clicks a launch link on the app's home page and follows the real SMART launch to <c>/app</c>.</summary>
public static partial class Launch
{
    public const string Portal = "Open as the patient (portal)";
    public const string Chart = "Open from the chart (clinician)";

    public static async Task ClickThroughAsync(IPage page, string patientId, string linkText)
    {
        await page.GotoAsync("/");
        var card = page.Locator($"li[data-patient='{patientId}']");
        await card.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = linkText }).ClickAsync();

        // sandbox launch → /launch → sandbox authorize → (sign-in form, when it shows one) → /callback → /app
        await page.WaitForURLAsync(AuthorizeOrApp());
        var allow = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allow and continue" });
        if (page.Url.Contains("/sandbox/auth/authorize", StringComparison.Ordinal) && await allow.CountAsync() > 0)
            await allow.ClickAsync();
        await page.WaitForURLAsync(AppPage());
    }

    [GeneratedRegex(@"/(sandbox/auth/authorize|app)(\?|$)")]
    private static partial Regex AuthorizeOrApp();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/app(\?.*)?$")]
    private static partial Regex AppPage();
}
