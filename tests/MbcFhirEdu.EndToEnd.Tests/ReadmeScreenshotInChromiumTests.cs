using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// The README's picture of the patient materials page, taken from the real app after a portal launch of a sandbox
/// patient. Every run takes it and checks it shows the page and stays small; with MBCEDU_WRITE_SCREENSHOTS=1 it also
/// replaces <c>docs/images/patient-page.png</c>, so the picture is refreshed by running this one test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotInChromiumTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string WriteVariable = "MBCEDU_WRITE_SCREENSHOTS";
    // A README image is downloaded by every visitor of the repository page.
    private const int MaxBytes = 300 * 1024;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task PatientMaterialsPage_ScreenshotShowsTheFirstMaterials_AndFitsTheReadmeBudget()
    {
        var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Launch.ClickThroughAsync(page, "de-novo-bone-pik3ca", Launch.Portal);
        var firstMaterial = page.Locator("article[data-material]").First;
        await firstMaterial.WaitForAsync();
        Assert.True(await firstMaterial.IsVisibleAsync(), "the first material is not in the picture");
        Assert.True(await page.Locator("section.patient-banner").IsVisibleAsync(), "the patient banner is not in the picture");

        // The viewport only (1280 x 900): the banner and the first materials, as a newcomer first sees the page.
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });

        Assert.Equal(PngSignature, png.Take(PngSignature.Length));
        Assert.True(png.Length <= MaxBytes, $"the screenshot is {png.Length / 1024} KB, over the README budget of {MaxBytes / 1024} KB");
        await File.WriteAllBytesAsync(Artifacts.PathFor("readme-patient-page.png"), png);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var target = Path.Combine(RepoRoot(), "docs", "images", "patient-page.png");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, png);
            output.WriteLine($"wrote {target} ({png.Length / 1024} KB)");
        }
        await context.CloseAsync();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MbcFhirEdu.sln not found above " + AppContext.BaseDirectory);
    }
}
