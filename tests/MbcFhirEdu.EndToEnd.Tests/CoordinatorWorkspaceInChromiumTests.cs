using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>In headless chromium: "Open as care coordinator" runs the practitioner launch to the workspace, which is
/// keyboard-usable, sends through its real form, shows the delivery history, and passes axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorWorkspaceInChromiumTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task CoordinatorLaunch_ShowsTheWorkspace_SelectableByKeyboard_SendsThroughTheForm_AndPassesAxe()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Launch.ClickThroughToWorkspaceAsync(page, "her2-low-ihc1-akt1");

        Assert.Equal("Care coordinator workspace", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.Locator("section.patient-banner").CountAsync());
        Assert.Equal(1, await page.Locator("article[data-material='her2-low'] table.evidence").CountAsync());

        // The label names the material; Space on the focused checkbox selects it.
        var checkbox = page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Send “HER2-low", Exact = false }).First;
        await checkbox.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.True(await checkbox.IsCheckedAsync());
        var note = page.GetByLabel("Personal note to the patient (optional)");
        await note.FillAsync("See you on Tuesday.");
        Assert.Equal("See you on Tuesday.", await note.InputValueAsync());

        // The real form post (antiforgery cookie and token, SameSite=None) and the redirect back with the result.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send the chosen materials" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/coordinator/l/[A-Za-z0-9_-]{43}\?.*sent=1"));
        Assert.Contains("Sent 1 material.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var history = page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "Materials sent to this patient", Exact = false });
        // Newest first (the app's database file may hold earlier runs' deliveries for another port's issuer only).
        var newest = history.Locator("tbody tr").First;
        Assert.Contains("HER2-low", await newest.Locator("th").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Not opened yet", (await newest.Locator("td.delivery-opened").InnerTextAsync()).Trim());

        var path = Artifacts.PathFor("coordinator-her2-low-ihc1-akt1.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        var violations = await Axe.RunAsync(page);
        output.WriteLine(violations.Count == 0 ? "axe-core: no violations on the workspace" : Axe.Describe(violations));
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on the workspace:\n{Axe.Describe(serious)}");
    }
}
