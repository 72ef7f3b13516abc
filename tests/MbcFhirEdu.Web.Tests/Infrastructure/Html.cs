using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>What the tests read from a page.</summary>
public static partial class Html
{
    /// <summary>The recommended materials in page order (each card carries data-material).</summary>
    public static IReadOnlyList<string> MaterialIds(string html) => [.. MaterialAttribute().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The levels of h1–h6 in document order.</summary>
    public static IReadOnlyList<int> HeadingLevels(string html) => [.. Heading().Matches(html).Select(m => m.Groups[1].Value[0] - '0')];

    public static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [GeneratedRegex("data-material=\"([a-z0-9-]+)\"")]
    private static partial Regex MaterialAttribute();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex Heading();
}
