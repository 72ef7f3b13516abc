namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Subtype (DESIGN.md values, rule 5). HR-positive means ER or PR positive or low. HR-negative needs both
/// ER and PR negative. Every subtype needs a known HER2: unknown or equivocal HER2 gives "unknown".
/// </summary>
internal static class SubtypeRule
{
    public static string Decide(string er, string pr, string her2)
    {
        if (her2 is ProfileValues.Unknown or ProfileValues.Equivocal) return ProfileValues.Unknown;
        var her2Positive = her2 == ProfileValues.Positive;
        if (IsHrPositive(er) || IsHrPositive(pr))
            return her2Positive ? ProfileValues.HrPositiveHer2Positive : ProfileValues.HrPositiveHer2Negative;
        if (er == ProfileValues.Negative && pr == ProfileValues.Negative)
            return her2Positive ? ProfileValues.HrNegativeHer2Positive : ProfileValues.TripleNegative;
        return ProfileValues.Unknown;
    }

    private static bool IsHrPositive(string value) => value is ProfileValues.Positive or ProfileValues.Low;
}
