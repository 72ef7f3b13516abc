using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// One coded result inside an Observation: the Observation itself or one of its components, with the
/// test kind (a <see cref="MarkerCodes"/> meaning) its codes give.
/// </summary>
internal readonly record struct ResultPart(
    string Kind,
    ObservationValue? Value,
    IReadOnlyList<Code> Interpretations,
    string? InterpretationText,
    bool IsComponent);

internal static class ResultParts
{
    /// <summary>
    /// The parts of <paramref name="observation"/> that are tests of one marker family. The Observation's
    /// own code counts only if it names that family alone: a code list mixing ER and PR cannot say which
    /// marker its single value belongs to. The parts are written into <paramref name="parts"/> (cleared first), a
    /// list each reader reuses from one Observation to the next and reads before asking for the next one.
    /// </summary>
    public static List<ResultPart> Of(
        ObservationRecord observation, Func<string, bool> family, IReadOnlyList<string> priority, ObservationIndex index, ExtractionLog log,
        List<ResultPart> parts)
    {
        parts.Clear();
        var own = index.MarkerTests(observation.Codes);
        var (ownNamesFamily, _, ownNamesOtherMarker) = Names(own, family);
        if (ownNamesFamily)
        {
            if (ownNamesOtherMarker)
                log.Warn(observation.Reference, "codes name more than one marker; the value is not used");
            else
                parts.Add(new ResultPart(MostSpecific(own, family, priority), observation.Value,
                    observation.Interpretations, observation.InterpretationText, false));
        }

        var components = observation.Components;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var meanings = index.MarkerTests(component.Codes);
            if (Names(meanings, family) is (true, false, _))
                parts.Add(new ResultPart(MostSpecific(meanings, family, priority), component.Value, component.Interpretations, null, true));
        }
        return parts;
    }

    /// <summary>
    /// Whether <paramref name="meanings"/> name the family, name anything else, and name another marker than Ki-67
    /// (which may stand beside any marker's code). Loops, not LINQ: this runs for every marker Observation.
    /// </summary>
    private static (bool Family, bool Other, bool OtherMarker) Names(IReadOnlyList<string> meanings, Func<string, bool> family)
    {
        bool named = false, other = false, otherMarker = false;
        for (var i = 0; i < meanings.Count; i++)
        {
            if (family(meanings[i])) named = true;
            else
            {
                other = true;
                otherMarker |= meanings[i] != MarkerCodes.Ki67;
            }
        }
        return (named, other, otherMarker);
    }

    // The meaning earliest in priority (unlisted ones last), ties broken ordinally.
    private static string MostSpecific(IReadOnlyList<string> meanings, Func<string, bool> family, IReadOnlyList<string> priority)
    {
        string? best = null;
        var bestRank = int.MaxValue;
        foreach (var meaning in meanings)
        {
            if (!family(meaning)) continue;
            var rank = priority.IndexOf(meaning) is var i and >= 0 ? i : int.MaxValue;
            if (best is null || rank < bestRank || (rank == bestRank && string.CompareOrdinal(meaning, best) < 0))
            {
                best = meaning;
                bestRank = rank;
            }
        }
        return best!;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
