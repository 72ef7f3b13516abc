using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Finds the profile evidence behind a fact. Evidence facts are colon-separated ("site:bone", "er:positive",
/// "variant:PIK3CA:detected", "receptor-change:er"); matching is by leading segments, case-insensitive, so a
/// longer or differently cased fact from the extractor still counts.
/// </summary>
internal static class FactEvidence
{
    /// <summary>Evidence whose fact starts with all of <paramref name="segments"/> (segment by segment).</summary>
    public static IEnumerable<Evidence> Matching(IEnumerable<Evidence> evidence, params string[] segments) =>
        evidence.Where(e => StartsWith(e.Fact, segments));

    private static bool StartsWith(string fact, string[] segments)
    {
        var parts = fact.Split(':');
        if (parts.Length < segments.Length)
        {
            return false;
        }
        for (var i = 0; i < segments.Length; i++)
        {
            if (!string.Equals(parts[i].Trim(), segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }
}
