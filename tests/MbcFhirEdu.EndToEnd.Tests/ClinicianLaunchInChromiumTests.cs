using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>In headless chromium: "Open from the chart (clinician)" gives the clinician view with the record entries; the home page passes axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClinicianLaunchInChromiumTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ChartLaunch_ShowsTheClinicianViewWithResourceIds()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Launch.ClickThroughAsync(page, "her2-low-ish-neg-skin", Launch.Chart);

        Assert.Equal("Education materials for this patient", await page.Locator("h1").InnerTextAsync());
        // Not framed by an EHR: the clinician view names the patient although the sandbox sends need_patient_banner=false.
        Assert.Equal("Philippa Oddington", await page.Locator("section.patient-banner strong").InnerTextAsync());
        Assert.Equal("Clinical profile read from the record", await page.Locator("#profile-heading").InnerTextAsync());
        var entries = await page.Locator("table.evidence td code").AllInnerTextsAsync();
        Assert.Contains(entries, e => e.StartsWith("Condition/", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("Observation/", StringComparison.Ordinal));
        Assert.True(await page.Locator("article[data-material='her2-low'] table.evidence").CountAsync() == 1);

        var path = Artifacts.PathFor("chart-her2-low-ish-neg-skin.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        await AssertNoSeriousViolationsAsync(page, "the clinician view");
    }

    [Fact]
    public async Task HomePage_HasNoSeriousAccessibilityViolations()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal(18, await page.Locator("li[data-patient]").CountAsync());
        await AssertNoSeriousViolationsAsync(page, "the home page");
    }

    private async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var violations = await Axe.RunAsync(page);
        output.WriteLine(violations.Count == 0 ? $"axe-core: no violations on {name}" : $"axe-core violations on {name}:\n{Axe.Describe(violations)}");
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {name}:\n{Axe.Describe(serious)}");
    }
}
