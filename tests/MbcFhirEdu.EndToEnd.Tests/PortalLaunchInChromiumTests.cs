using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// In headless chromium against the real app process: click "Open as the patient (portal)" on the home page, follow
/// the SMART launch through the hosted sandbox EHR, and check the patient's page, its accessibility (axe-core) and
/// keep a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalLaunchInChromiumTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task BonePatientWithPik3ca_SeesUrgentBoneGuidanceFirst_ThenBoneAndPik3caMaterials()
    {
        var page = await OpenAsPatientAsync("de-novo-bone-pik3ca");

        var ids = await MaterialIdsAsync(page);
        // The universal warning signs come first for every metastatic patient, then the site's own (issue 13 item 8).
        Assert.Equal(["signs-that-need-help-now", "bone-emergency-signs"], ids.Take(2));
        Assert.Contains("bone-metastases", ids);
        Assert.Contains("variant-pik3ca", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.DoesNotContain("brain-metastases", ids);
        Assert.Equal("group-urgent", await page.Locator("section.group h2").First.GetAttributeAsync("id"));
        Assert.Equal("When to get help right away", await page.Locator("#group-urgent").InnerTextAsync());
        Assert.True(await page.Locator("article[data-material='signs-that-need-help-now'].urgent details").GetAttributeAsync("open") is not null,
            "urgent guidance is open from the start");
        Assert.True(await page.Locator("article[data-material='bone-emergency-signs'].urgent details").GetAttributeAsync("open") is not null,
            "urgent guidance is open from the start");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await AssertReasonsShownAsync(page, "Why you are seeing this");
        await CheckAccessibilityAndScreenshotAsync(page, "de-novo-bone-pik3ca");
    }

    [Fact]
    public async Task Her2LowPatientWithSkinSpread_SeesHer2Low_NotHer2PositiveOrBone()
    {
        var page = await OpenAsPatientAsync("her2-low-ish-neg-skin");

        var ids = await MaterialIdsAsync(page);
        Assert.Contains("her2-low", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.DoesNotContain("triple-negative", ids);
        Assert.DoesNotContain("bone-emergency-signs", ids);
        Assert.DoesNotContain("bone-metastases", ids);
        var her2Low = page.Locator("article[data-material='her2-low']");
        Assert.Contains("HER2", await her2Low.Locator("h3").InnerTextAsync());
        Assert.NotEmpty(await her2Low.Locator(".why li").AllInnerTextsAsync());
        await AssertReasonsShownAsync(page, "Why you are seeing this");
        await CheckAccessibilityAndScreenshotAsync(page, "her2-low-ish-neg-skin");
    }

    [Fact]
    public async Task SpanishSpeakerWithBoneAndEyeSpread_GetsTheSpanishPage()
    {
        var page = await OpenAsPatientAsync("spanish-bone-eye");

        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Materiales educativos para usted", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Cuándo pedir ayuda de inmediato", await page.Locator("#group-urgent").InnerTextAsync());
        var ids = await MaterialIdsAsync(page);
        Assert.Equal(["signs-that-need-help-now", "bone-emergency-signs"], ids.Take(2));
        Assert.Equal("es", await page.Locator("article[data-material='signs-that-need-help-now']").GetAttributeAsync("lang"));
        Assert.Contains("bone-metastases", ids);
        Assert.Equal("es", await page.Locator("article[data-material='bone-metastases']").GetAttributeAsync("lang"));
        Assert.Equal("Cuando el cáncer de mama llega a los huesos",
            (await page.Locator("article[data-material='bone-metastases'] h3").InnerTextAsync()).Trim());
        await AssertReasonsShownAsync(page, "Por qué ve esto");
        await CheckAccessibilityAndScreenshotAsync(page, "spanish-bone-eye");
    }

    private async Task<IPage> OpenAsPatientAsync(string patientId)
    {
        var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Launch.ClickThroughAsync(page, patientId, Launch.Portal);
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
        Assert.NotNull(await page.Locator("section.patient-banner").ElementHandleAsync());
        return page;
    }

    private static async Task<IReadOnlyList<string>> MaterialIdsAsync(IPage page)
    {
        var ids = await page.Locator("article[data-material]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.material)");
        Assert.NotEmpty(ids);
        return ids;
    }

    /// <summary>Every recommended material shows its "why you are seeing this" heading and at least one reason.</summary>
    private static async Task AssertReasonsShownAsync(IPage page, string heading)
    {
        var cards = page.Locator("article[data-material]");
        var count = await cards.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var card = cards.Nth(i);
            Assert.Equal(heading, (await card.Locator(".why h4").InnerTextAsync()).Trim());
            Assert.True(await card.Locator(".why li").CountAsync() > 0, $"{await card.GetAttributeAsync("data-material")} has no reason");
            Assert.True(await card.Locator(".why li").First.IsVisibleAsync());
        }
    }

    private async Task CheckAccessibilityAndScreenshotAsync(IPage page, string name)
    {
        var path = Artifacts.PathFor($"portal-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");

        var violations = await Axe.RunAsync(page);
        if (violations.Count > 0) output.WriteLine($"axe-core violations on {name}:\n{Axe.Describe(violations)}");
        else output.WriteLine($"axe-core: no violations on {name}");
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {name}:\n{Axe.Describe(serious)}");
    }
}
