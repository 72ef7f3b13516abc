using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Turns a stage value into a group <c>0|I|II|III|IV</c>: SNOMED stage-group codes (AJCC and Synthea),
/// cancerstaging.org codes ("4", "IV", "c3A") and plain text ("Stage IV", "IVC", "stage 2b").
/// </summary>
internal static partial class StageValueParser
{
    public static string? FromCodes(IEnumerable<Code> codes)
    {
        foreach (var code in codes)
        {
            if (StageCodes.StageValues.Find(code) is { } group) return group;
            // cancerstaging.org ("4", "c3A") and UICC ("IVC", rule 18) codes are the stage written out.
            if (code.System is CodeSystems.CancerStaging or CodeSystems.Uicc && FromText(code.Value) is { } staged) return staged;
        }
        return null;
    }

    /// <summary>"Stage IV", "IV", "4", "IVC", "c3A", "pT..." is not a stage group and gives null.</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var m = StagePattern().Match(text.Trim());
        if (!m.Success) return null;
        var roman = m.Groups["roman"].Value.ToUpperInvariant();
        return m.Groups["digit"].Value switch
        {
            "0" => "0",
            "1" => "I",
            "2" => "II",
            "3" => "III",
            "4" => "IV",
            _ => roman switch
            {
                "I" or "II" or "III" or "IV" => roman,
                "0" or "IS" => "0",
                _ => null,
            },
        };
    }

    /// <summary>
    /// A stage group named inside a longer text: "cT2 cN1 cM0 – UICC IIB", "Stadium IIIA". Only after a word that
    /// says a stage group follows (UICC, AJCC, stage, Stadium), so "ypT0 ypN0" or "G3" give null.
    /// </summary>
    public static string? FromNarrative(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var m = NarrativePattern().Match(text);
        return m.Success ? FromText(m.Groups["group"].Value) : null;
    }

    /// <summary>M category from codes or text ("M1", "cM1", "pM1a", "M0", "cM0(i+)").</summary>
    public static string? MFrom(IEnumerable<Code> codes, string? text)
    {
        if (StageCodes.MValues.FindAll(codes) is [var coded, ..]) return coded;
        foreach (var candidate in codes.Select(c => c.Value).Append(text))
        {
            if (candidate is null) continue;
            var m = MPattern().Match(candidate.Trim());
            if (m.Success) return m.Groups["m"].Value == "1" ? StageCodes.MetastasisPresent : StageCodes.MetastasisAbsent;
        }
        return null;
    }

    public static int Order(string group) => group switch { "0" => 0, "I" => 1, "II" => 2, "III" => 3, "IV" => 4, _ => -1 };

    // Optional "stage"/"AJCC"/"UICC" words, an optional c/p/yc/yp/r prefix, then a roman or arabic group with
    // optional sub-stage letters/digits. The whole text must be the stage: "stage 2 of 4 trials" fails.
    [GeneratedRegex(@"^(?:(?:ajcc|uicc|tnm|clinical|pathologic(?:al)?|stage|group|:)\s*)*(?:y?[cpr]|a)?\s*(?:(?<digit>[0-4])|(?<roman>IV|III|II|I|IS|0))(?:[a-d]?[0-9]?|is|a|\s*bulky)?(?:\s*\(.*\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StagePattern();

    [GeneratedRegex(@"\b(?:uicc|ajcc|stage|stadium)(?:\s+group)?\s*[:\-]?\s*(?<group>(?:IV|III|II|I|0|[0-4])(?:[a-c][0-9]?)?)(?![\w+])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NarrativePattern();

    [GeneratedRegex(@"^(?:y?[cp])?M(?<m>[01])(?:[a-d]|\(i\+\)|\s*\(.*\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MPattern();
}
