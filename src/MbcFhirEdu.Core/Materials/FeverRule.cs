using System.Text;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// The fever rule of issue 13 item 8: a fever while on treatment can be an emergency, so a material that mentions
/// fever (EN "fever", ES "fiebre") carries the right-away wording — EN "100.4 °F" and "day or night", ES "38.0 °C"
/// and "de día o de noche" — and never lists fever under a "same day" / "mismo día" heading or lead-in (a line
/// that introduces a list), nor on a line that itself says "same day".
/// </summary>
internal static partial class FeverRule
{
    public static IEnumerable<ContentProblem> Check(Material material, Func<Material, string, int?> lineOf)
    {
        var spanish = material.Language == MaterialCatalog.Spanish;
        // Composed form, so an accent typed as a combining mark still matches "día".
        var body = material.Body.Normalize(NormalizationForm.FormC).Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var all = string.Join('\n', [material.Title, material.Summary, .. body]).Normalize(NormalizationForm.FormC);
        if (!Fever().IsMatch(all))
        {
            yield break;
        }
        var line = FirstFeverLine(material, body, lineOf);
        var (temperature, anyTime) = spanish ? (Celsius(), DayOrNightEs()) : (Fahrenheit(), DayOrNightEn());
        if (!temperature.IsMatch(all))
        {
            yield return new(material.Path, "fever", spanish
                ? "mentions fever (fiebre) but not the call-right-away temperature: write \"38.0 °C\" (a temperature of 38.0 °C or higher, or shaking chills, while on treatment: call right away, day or night)"
                : "mentions fever but not the call-right-away temperature: write \"100.4 °F\" (a temperature of 100.4 °F (38.0 °C) or higher, or shaking chills, while on treatment: call right away, day or night)", line);
        }
        if (!anyTime.IsMatch(all))
        {
            yield return new(material.Path, "fever", spanish
                ? "mentions fever (fiebre) but not that it needs a call right away \"de día o de noche\""
                : "mentions fever but not that it needs a call right away \"day or night\"", line);
        }
        foreach (var index in FeverLinesUnderSameDay(body))
        {
            yield return new(material.Path, "fever", spanish
                ? "lists fever (fiebre) under \"mismo día\": a fever while on treatment needs a call right away, de día o de noche; move it to the right-away list"
                : "lists fever under \"same day\": a fever while on treatment needs a call right away, day or night; move it to the right-away list",
                material.BodyLine + index);
        }
    }

    /// <summary>0-based body lines that mention fever inside a "same day" heading section or lead-in list, or beside "same day".</summary>
    private static IEnumerable<int> FeverLinesUnderSameDay(string[] body)
    {
        int? headingLevel = null; // level of the "same day" heading whose section we are in
        var leadIn = false;       // inside the list a "same day" lead-in line introduced
        for (var i = 0; i < body.Length; i++)
        {
            var text = body[i];
            var trimmed = text.TrimStart();
            var heading = Heading().Match(text);
            if (heading.Success)
            {
                var level = heading.Groups[1].Length;
                if (headingLevel is { } open && level <= open)
                {
                    headingLevel = null;
                }
                leadIn = false;
                if (SameDay().IsMatch(text))
                {
                    headingLevel = level;
                }
            }
            else if (trimmed.Length > 0 && !ListItem().IsMatch(text) && !char.IsWhiteSpace(text[0]))
            {
                // A paragraph line: it ends any lead-in list, and starts one when it says "same day".
                leadIn = SameDay().IsMatch(text);
            }
            if (Fever().IsMatch(text) && (headingLevel is not null || leadIn || SameDay().IsMatch(text)))
            {
                yield return i;
            }
        }
    }

    private static int? FirstFeverLine(Material material, string[] body, Func<Material, string, int?> lineOf)
    {
        if (Fever().IsMatch(material.Title))
        {
            return lineOf(material, "title");
        }
        if (Fever().IsMatch(material.Summary))
        {
            return lineOf(material, "summary");
        }
        var index = Array.FindIndex(body, l => Fever().IsMatch(l));
        return index < 0 ? null : material.BodyLine + index;
    }

    [GeneratedRegex(@"\bfever|\bfiebre", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Fever();

    [GeneratedRegex(@"\bsame[\s-]+day\b|\bmismo\s+d[ií]a\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SameDay();

    [GeneratedRegex(@"100\.4\s*°\s*F\b", RegexOptions.CultureInvariant)]
    private static partial Regex Fahrenheit();

    [GeneratedRegex(@"38[.,]0\s*°\s*C\b", RegexOptions.CultureInvariant)]
    private static partial Regex Celsius();

    [GeneratedRegex(@"\bday\s+or\s+night\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayOrNightEn();

    [GeneratedRegex(@"\bde\s+d[ií]a\s+o\s+de\s+noche\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayOrNightEs();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+[.)])\s")]
    private static partial Regex ListItem();
}
