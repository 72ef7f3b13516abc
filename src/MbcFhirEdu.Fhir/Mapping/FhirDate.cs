namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// FHIR date, dateTime and instant values (datatypes.html#date, #dateTime, #instant) as calendar dates.
/// Partial dates ("2019", "2019-03") give the first day of the period; the time and zone are ignored,
/// so the date is the one written (a clinical date, not a UTC conversion).
/// </summary>
public static class FhirDate
{
    /// <summary>The date part, or null when <paramref name="value"/> is missing or not a FHIR date/dateTime/instant.</summary>
    public static DateOnly? ToDateOnly(string? value) => TryParse(value, out var date) ? date : null;

    public static bool TryParse(string? value, out DateOnly date)
    {
        date = default;
        if (value is null) return false;
        var s = value.AsSpan().Trim();
        if (s.Length < 4 || !TryDigits(s[..4], out var year) || year < 1) return false;
        var month = 1;
        var day = 1;
        if (s.Length > 4)
        {
            if (s.Length < 7 || s[4] != '-' || !TryDigits(s[5..7], out month) || month is < 1 or > 12) return false;
            if (s.Length > 7)
            {
                if (s.Length < 10 || s[7] != '-' || !TryDigits(s[8..10], out day)) return false;
                if (day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
                // A time part must start with 'T'; a space is accepted because spreadsheets export it that way.
                if (s.Length > 10 && s[10] is not ('T' or ' ')) return false;
            }
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
