using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>What the tests read from a page.</summary>
public static partial class Html
{
    /// <summary>The recommended materials in page order (each card carries data-material).</summary>
    public static IReadOnlyList<string> MaterialIds(string html) => [.. MaterialAttribute().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The levels of h1–h6 in document order.</summary>
    public static IReadOnlyList<int> HeadingLevels(string html) => [.. Heading().Matches(html).Select(m => m.Groups[1].Value[0] - '0')];

    /// <summary>The launch's own app address (<c>/app/l/{ctx}</c>) the page's links carry; fails when a page has none.</summary>
    public static string AppPath(string html) => AppLink().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("the page carries no /app/l/{ctx} link");

    /// <summary>The patient banner's name, or null when the page has no banner.</summary>
    public static string? BannerName(string html) => BannerStrong().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    /// <summary>The delivery history's row for delivery <paramref name="id"/> (the workspace's and the console's patient page).</summary>
    public static string HistoryRow(string html, Guid id)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-delivery=\"{id:D}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no history row for {id}");
        return match.Value;
    }

    [GeneratedRegex("data-material=\"([a-z0-9-]+)\"")]
    private static partial Regex MaterialAttribute();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex Heading();

    [GeneratedRegex("href=\"(/app/l/[A-Za-z0-9_-]{43})[/?\"]")]
    private static partial Regex AppLink();

    [GeneratedRegex("<section class=\"patient-banner\"[^>]*>\\s*<p>\\s*<span class=\"label\">[^<]*</span>\\s*<strong>([^<]*)</strong>")]
    private static partial Regex BannerStrong();
}
