using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// Which smart_style_url values may become CSS, and how. Each value must match a strict pattern (hex colours,
/// plain font-family lists, small lengths), so nothing the EHR sends can close a declaration or load a resource.
/// Colours are also checked for WCAG 2.1 contrast against the app's own colours; a pair that would fall below
/// 4.5:1 is dropped and the app's default kept.
/// </summary>
internal static partial class SmartStyleValues
{
    public const string Empty = "/* no EHR style */\n";

    // The app's fixed colours the EHR's must work with (wwwroot/css/site.css).
    private const string White = "#ffffff";
    private const string Link = "#0b4f8a";
    private const string Focus = "#1a4f8b";
    private const string Muted = "#4a4a57";
    private const string DefaultBackground = "#f7f7f9";

    public static string ToCss(JsonElement style)
    {
        if (style.ValueKind != JsonValueKind.Object) return Empty;
        var text = Colour(style, "color_text");
        var background = Colour(style, "color_background");
        var error = Colour(style, "color_error");
        var highlight = Colour(style, "color_highlight");

        var declarations = new List<(string Name, string Value)>();
        // Text sits on the page background and on white cards; links, muted text and focus rings on the background.
        var pageBackground = DefaultBackground;
        if (text is not null && background is not null
            && Contrast(text, background) >= 4.5 && Contrast(text, White) >= 4.5
            && Contrast(Link, background) >= 4.5 && Contrast(Muted, background) >= 4.5 && Contrast(Focus, background) >= 3)
        {
            declarations.Add(("--color-text", text));
            declarations.Add(("--color-background", background));
            pageBackground = background;
        }
        // The urgent group's heading is on the page background; urgent card edges on white.
        if (error is not null && Contrast(error, White) >= 4.5 && Contrast(error, pageBackground) >= 4.5)
            declarations.Add(("--color-error", error));
        // Decorative only (card edges), so no contrast requirement applies.
        if (highlight is not null) declarations.Add(("--color-highlight", highlight));
        if (Font(style, "font_family_body") is { } body) declarations.Add(("--font-body", body));
        if (Font(style, "font_family_heading") is { } heading) declarations.Add(("--font-heading", heading));
        if (Length(style, "dim_border_radius") is { } radius) declarations.Add(("--radius", radius));
        if (declarations.Count == 0) return Empty;

        var css = new StringBuilder("/* from the EHR's smart_style_url, validated */\n:root {\n");
        foreach (var (name, value) in declarations) css.Append("  ").Append(name).Append(": ").Append(value).Append(";\n");
        return css.Append("}\n").ToString();
    }

    /// <summary>#rgb or #rrggbb, returned as #rrggbb (alpha is not accepted: contrast cannot be judged through it).</summary>
    public static string? Colour(JsonElement style, string key)
    {
        if (Value(style, key) is not { } value || !HexColour().IsMatch(value)) return null;
        var hex = value.Length == 4 ? $"#{value[1]}{value[1]}{value[2]}{value[2]}{value[3]}{value[3]}" : value;
        return hex.ToLowerInvariant();
    }

    /// <summary>A comma-separated list of double-quoted family names or bare keywords.</summary>
    public static string? Font(JsonElement style, string key) =>
        Value(style, key) is { Length: <= 200 } value && FontList().IsMatch(value) ? value : null;

    public static string? Length(JsonElement style, string key) =>
        Value(style, key) is { } value && CssLength().IsMatch(value) ? value : null;

    /// <summary>WCAG 2.1 contrast ratio of two #rrggbb colours.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }

    private static string? Value(JsonElement style, string key) =>
        style.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();

    [GeneratedRegex("""^("[A-Za-z0-9 -]{1,40}"|-?[A-Za-z][A-Za-z0-9-]{0,40})(\s*,\s*("[A-Za-z0-9 -]{1,40}"|-?[A-Za-z][A-Za-z0-9-]{0,40}))*$""", RegexOptions.CultureInvariant)]
    private static partial Regex FontList();

    [GeneratedRegex(@"^[0-9]{1,2}(\.[0-9]{1,2})?(px|rem|em)$", RegexOptions.CultureInvariant)]
    private static partial Regex CssLength();
}
