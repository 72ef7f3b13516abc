using System.Globalization;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Population;

/// <summary>
/// The evidence lines of one finding: the profile's confirmed evidence whose fact matches ("site:liver: Condition/7
/// (2026-11-30)"), then the profile's warnings that name one of those resources ("warning: ..."), so a coordinator sees
/// where the data disagrees. At most <see cref="MaxLines"/> lines.
/// </summary>
internal sealed class FindingEvidence(ClinicalProfile profile)
{
    public const int MaxLines = 20;

    public IReadOnlyList<string> For(Func<string, bool> fact)
    {
        var matching = profile.Evidence.Where(e => e.Confirmed && fact(e.Fact)).ToList();
        var lines = matching
            .Select(e => $"{e.Fact}: {e.Resource}" + (e.Date is { } d ? $" ({d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : ""))
            .Distinct(StringComparer.Ordinal).ToList();
        var resources = matching.Select(e => e.Resource).Distinct(StringComparer.Ordinal).ToList();
        lines.AddRange(profile.Warnings
            .Where(w => resources.Any(r => Names(w, r)))
            .Select(w => "warning: " + w));
        return lines.Take(MaxLines).ToList();
    }

    // A '.' continues an id only when an id character follows it (else it ends a sentence).
    private static bool IdCharacter(string text, int i) =>
        char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-' || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]));

    // "Observation/1" is named by "Observation/1: ..." but not by "Observation/12: ...": an id ends where id characters do.
    private static bool Names(string warning, string resource)
    {
        for (var at = warning.IndexOf(resource, StringComparison.Ordinal); at >= 0; at = warning.IndexOf(resource, at + 1, StringComparison.Ordinal))
        {
            var end = at + resource.Length;
            if (end == warning.Length || !IdCharacter(warning, end)) return true;
        }
        return false;
    }
}
