using MbcFhirEdu.Core.Clinical.Codes;
using MbcFhirEdu.Core.Clinical.Extraction;

namespace MbcFhirEdu.Core.Clinical;

/// <summary>
/// Which Observations the extractor reads at all: one test, in one place. <see cref="ProfileExtractor"/> routes every
/// Observation through it before any rule runs, so an Observation it rejects cannot change a profile or a warning of the
/// extraction; population mode asks the same test of a staged line, from its code, components, note and value, and does
/// not parse the lines it rejects (the whole routine-lab and vital-sign part of a record).
/// An Observation may matter when its code or a component's names a test a rule reads (markers, Ki-67, stage, M
/// category, site of metastasis, history, variants: the <see cref="ObservationIndex"/> buckets and rule 19's known
/// codes), when its unknown code's name says it is a tumour marker test (rule 19), or when it carries free text a rule
/// reads (a note or a value text, rule 19). Anything else never reaches a rule.
/// </summary>
public static class ObservationRouting
{
    /// <summary>The test on a mapped Observation (the extractor's route).</summary>
    public static bool MayMatter(ObservationRecord observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return MayMatter(observation.Codes, observation.CodeText, observation.Components, observation.Note is not null, observation.Value?.Text is not null);
    }

    /// <summary>
    /// The same test on the parts it reads: the Observation's codes (normalised as <see cref="CodeSystems"/> does) and
    /// code text, its components' codes and texts, and whether it has a note or a value text. A caller that cannot tell
    /// those apart must say true for the flags (keep the resource).
    /// </summary>
    public static bool MayMatter(IReadOnlyList<Code> codes, string? codeText, IReadOnlyList<ComponentRecord> components, bool hasNote, bool hasValueText)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(components);
        return hasNote || hasValueText || CodesMayMatter(codes) || RestMayMatter(codeText, components);
    }

    /// <summary>
    /// The test for one record's extraction: the same as <see cref="MayMatter(ObservationRecord)"/>, with the half that
    /// depends on the code list alone judged once per list (a chart repeats a few code lists thousands of times).
    /// </summary>
    internal static Func<ObservationRecord, bool> ForOneRecord()
    {
        var codesMayMatter = new IdentityMemo<IReadOnlyList<Code>, bool>(CodesMayMatter);
        return observation => observation.Note is not null || observation.Value?.Text is not null
            || codesMayMatter[observation.Codes] || RestMayMatter(observation.CodeText, observation.Components);
    }

    // A code a rule reads, or an unknown code whose display names a marker (rule 19).
    private static bool CodesMayMatter(IReadOnlyList<Code> codes) => TextFactRule.IsKnownCode(codes) || TextFactRule.DisplaysNameMarker(codes);

    // A component coded as a marker test, or a code text or component label naming a marker (rule 19).
    private static bool RestMayMatter(string? codeText, IReadOnlyList<ComponentRecord> components)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (MarkerCodes.Tests.FindAll(components[i].Codes).Count > 0) return true;
        }
        return TextFactRule.TextNamesMarker(codeText, components);
    }
}
