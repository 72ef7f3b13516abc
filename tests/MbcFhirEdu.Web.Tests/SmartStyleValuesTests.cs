using System.Text.Json;
using MbcFhirEdu.Web.Features.Patient;

namespace MbcFhirEdu.Web.Tests;

/// <summary>smart_style_url values become CSS only when they match strict patterns and keep text readable.</summary>
public sealed class SmartStyleValuesTests
{
    [Fact]
    public void SafeValues_BecomeCssVariables()
    {
        var css = Css("""{"color_text":"#222","color_background":"#FFFFFF","color_error":"#a4001d","font_family_body":"\"Open Sans\", Arial, sans-serif","dim_border_radius":"4px"}""");

        Assert.Contains("--color-text: #222222;", css);
        Assert.Contains("--color-background: #ffffff;", css);
        Assert.Contains("--color-error: #a4001d;", css);
        Assert.Contains("--font-body: \"Open Sans\", Arial, sans-serif;", css);
        Assert.Contains("--radius: 4px;", css);
    }

    [Theory]
    [InlineData("""{"font_family_body":"Arial; } body { background: url(https://evil.example/x) "}""")]
    [InlineData("""{"font_family_body":"</style><script>alert(1)</script>"}""")]
    [InlineData("""{"font_family_heading":"\"A\\\" ; x\""}""")]
    [InlineData("""{"color_highlight":"red; background: url(x)"}""")]
    [InlineData("""{"color_highlight":"expression(alert(1))"}""")]
    [InlineData("""{"dim_border_radius":"4px;}*{display:none"}""")]
    [InlineData("""{"color_text":"#1b1b1b","color_background":"#1c1c1c"}""")]
    [InlineData("""{"color_error":"#ff9999"}""")]
    [InlineData("""{"color_text":"#000000","color_background":"#b0b0b0"}""")]
    [InlineData("""["not", "an", "object"]""")]
    public void UnsafeOrUnreadableValues_AreDropped(string json)
    {
        var css = Css(json);

        Assert.Equal(SmartStyleValues.Empty, css);
    }

    [Fact]
    public void TextColourThatFailsContrastOnWhiteCards_KeepsTheDefaults()
    {
        var css = Css("""{"color_text":"#f0f0f0","color_background":"#000000","color_highlight":"#336699"}""");

        Assert.DoesNotContain("--color-text", css);
        Assert.DoesNotContain("--color-background", css);
        Assert.Contains("--color-highlight: #336699;", css);
    }

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#1b1b1b", "#f7f7f9", 16.1)]
    [InlineData("#777777", "#ffffff", 4.48)]
    public void Contrast_FollowsWcag(string a, string b, double expected) =>
        Assert.Equal(expected, SmartStyleValues.Contrast(a, b), 1);

    private static string Css(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SmartStyleValues.ToCss(document.RootElement);
    }
}
