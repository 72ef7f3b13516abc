using System.Globalization;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The app's stylesheet as served: headings read as headings, and a phone scrolls tables rather than splitting words (issue 20).</summary>
public sealed partial class StyleSheetTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task EveryHeadingSize_IsLargerThanBodyText_AndNoH3OutgrowsASectionHeading()
    {
        var rules = await RulesAsync();
        var body = Rem(rules.Single(r => r.Selector == "body" && FontSize().IsMatch(r.Body)).Body);
        var headings = rules.Where(r => IsHeading(r.Selector) && FontSize().IsMatch(r.Body)).ToList();

        Assert.NotEmpty(headings);
        foreach (var (selector, declarations) in headings)
        {
            Assert.True(Rem(declarations) > body, $"{selector} is not larger than body text");
        }

        // A section's heading (h2, also the notes' and care team's) is never smaller than a material's title (h3).
        var h3 = Rem(rules.Single(r => r.Selector == "h3" && FontSize().IsMatch(r.Body)).Body);
        Assert.All(headings.Where(r => r.Selector.EndsWith("h2", StringComparison.Ordinal)), r => Assert.True(Rem(r.Body) >= h3, r.Selector));
    }

    [Fact]
    public async Task EvidenceTableCells_DoNotBreakWordsAnywhere_OnlyCodeIdsDo()
    {
        var rules = await RulesAsync();

        var cells = rules.Where(r => r.Selector.Contains("table.evidence td", StringComparison.Ordinal)
            && r.Body.Contains("overflow-wrap", StringComparison.Ordinal)).ToList();
        Assert.Contains(cells, r => r.Body.Contains("overflow-wrap: normal", StringComparison.Ordinal) && r.Body.Contains("word-break: normal", StringComparison.Ordinal));
        Assert.Contains("overflow-x: auto", rules.Single(r => r.Selector == ".table-scroll").Body);
        Assert.Contains("overflow-wrap: anywhere", rules.Single(r => r.Selector == "code").Body);
    }

    private async Task<List<(string Selector, string Body)>> RulesAsync()
    {
        var response = await factory.NewBrowser().GetAsync("/css/site.css");
        response.EnsureSuccessStatusCode();
        var css = CommentPattern().Replace(await response.Content.ReadAsStringAsync(), "");
        // Top-level rules only: media blocks (narrow screens, print) adjust sizes and are outside this check.
        var topLevel = MediaBlock().Replace(css, "");
        return [.. Rule().Matches(topLevel).SelectMany(m => m.Groups[1].Value.Split(',')
            .Select(s => (Selector: s.Trim(), Body: m.Groups[2].Value)))];
    }

    private static bool IsHeading(string selector) => HeadingSelector().IsMatch(selector);

    private static double Rem(string declarations) =>
        double.Parse(FontSize().Match(declarations).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}")]
    private static partial Regex MediaBlock();

    [GeneratedRegex(@"([^{}]+)\{([^{}]*)\}")]
    private static partial Regex Rule();

    [GeneratedRegex(@"(?:^|\s)h[1-6]$")]
    private static partial Regex HeadingSelector();

    [GeneratedRegex(@"font-size:\s*([0-9.]+)rem")]
    private static partial Regex FontSize();
}
