namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Rule 11: the preferred Patient.communication language, else the first listed, else "en"; reduced to a
/// two-letter ISO 639-1 code ("es-MX" → "es", "spa" → "es").
/// </summary>
internal static class LanguageRule
{
    public const string Default = "en";

    // ISO 639-2/3 codes seen in US EHRs for the languages most often requested.
    private static readonly Dictionary<string, string> ThreeLetter = new(StringComparer.Ordinal)
    {
        ["eng"] = "en", ["spa"] = "es", ["fra"] = "fr", ["fre"] = "fr", ["deu"] = "de", ["ger"] = "de",
        ["por"] = "pt", ["zho"] = "zh", ["chi"] = "zh", ["vie"] = "vi", ["kor"] = "ko", ["rus"] = "ru",
        ["ara"] = "ar", ["tgl"] = "tl", ["hat"] = "ht", ["ita"] = "it", ["pol"] = "pl", ["jpn"] = "ja",
    };

    public static string Decide(PatientRecord patient, ExtractionLog log)
    {
        var chosen = patient.Languages.FirstOrDefault(l => l.Preferred) ?? patient.Languages.FirstOrDefault();
        if (chosen is null) return Default;
        if (TwoLetter(chosen.Code) is { } code)
        {
            log.Evidence($"language:{code}", patient.Reference, null);
            return code;
        }
        log.Warn(patient.Reference, $"language code '{ConditionStatus.Short(chosen.Code)}' not understood; {Default} used");
        return Default;
    }

    internal static string? TwoLetter(string? bcp47)
    {
        if (string.IsNullOrWhiteSpace(bcp47)) return null;
        var primary = bcp47.Trim().Split('-', '_')[0].ToLowerInvariant();
        if (primary.Length == 2 && primary.All(char.IsAsciiLetterLower)) return primary;
        return ThreeLetter.GetValueOrDefault(primary);
    }
}
