using System.Globalization;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Rule 8: a number with its comparator. <c>&lt;</c> and <c>&lt;=</c> read as just below the number
/// (<c>&lt; 1 %</c> is negative); <c>&gt;</c> and <c>&gt;=</c> as the number itself. "Just below" is an
/// infinitesimal step, so comparisons stay exact: just below 1 is under 1 but not under 0.99.
/// </summary>
internal readonly partial record struct ComparedNumber(decimal Value, bool JustBelow)
{
    public bool GreaterThan(decimal threshold) => Value > threshold;

    public bool AtLeast(decimal threshold) => JustBelow ? Value > threshold : Value >= threshold;

    public bool LessThan(decimal threshold) => !AtLeast(threshold);

    /// <summary>An exact whole number (no comparator), e.g. an IHC score.</summary>
    public int? Whole => !JustBelow && decimal.Truncate(Value) == Value && Value is >= 0 and <= int.MaxValue ? (int)Value : null;

    public static ComparedNumber Of(decimal value, string? comparator) =>
        new(value, comparator is "<" or "<=");

    /// <summary>Number and unit from a Quantity, Integer or Ratio value; strings are parsed by <see cref="FromText"/>.</summary>
    public static (ComparedNumber Number, string? Unit)? FromValue(ObservationValue? value)
    {
        switch (value)
        {
            case { Kind: ValueKind.Quantity or ValueKind.Integer, Number: { } n }:
                return (Of(n, value.Comparator), value.Unit);
            case { Kind: ValueKind.Ratio, Numerator: { } num, Denominator: { } den } when den != 0:
                return (Of(num / den, value.NumeratorComparator), "ratio");
            case { Kind: ValueKind.Ratio, Numerator: { } num, Denominator: null }:
                return (Of(num, value.NumeratorComparator), "ratio");
            case { Kind: ValueKind.String, Text: { } text }:
                return FromText(text) is { } parsed ? (parsed, text.Contains('%') ? "%" : null) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A number written as text: "95%", "&lt; 1 %", "greater than 2.2", "less than 1.8", "&gt;=10".
    /// Returns null when the text holds no number or more than one (a range, a sentence).
    /// </summary>
    public static ComparedNumber? FromText(string text)
    {
        var matches = NumberPattern().Matches(text);
        if (matches.Count != 1) return null;
        var m = matches[0];
        if (!decimal.TryParse(m.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return null;
        var cmp = m.Groups["cmp"].Value.Trim().ToLowerInvariant();
        var below = cmp.StartsWith('<') || cmp.StartsWith('≤') || cmp.StartsWith("less", StringComparison.Ordinal) || cmp.StartsWith("under", StringComparison.Ordinal)
            || cmp.StartsWith("below", StringComparison.Ordinal);
        return new ComparedNumber(n, below);
    }

    [GeneratedRegex(@"(?<cmp><=|>=|<|>|≤|≥|less than|greater than|more than|under|below|above)?\s*(?<n>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
