using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// PD-L1, rule 13: a coded positive/negative or an interpretation (POS/NEG, and H/L for expression) wins;
/// otherwise a combined positive score (CPS) of 10 or more is positive and below 10 negative. Tumour
/// proportion (TPS, LOINC 83053-9), immune-cell (IC) and unlabelled numbers stay unknown, with a warning,
/// because their cut-offs differ by assay and drug. Newest final result wins; same-date conflicts warn
/// and use positive.
/// </summary>
internal static partial class Pdl1Reader
{
    public const decimal CpsCutoff = 10m;

    private static readonly string[] Priority = [MarkerCodes.Pdl1TumourCells, MarkerCodes.Pdl1];

    public static string Read(ObservationIndex index, ExtractionLog log)
    {
        var readings = new List<(string Reference, DateOnly? Date, string Value)>();
        var parts = new List<ResultPart>(1);
        foreach (var observation in index.Pdl1)
        {
            ResultParts.Of(observation, MarkerCodes.IsPdl1, Priority, index, log, parts);
            if (parts.Count == 0) continue;
            var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
            if (state == ResultState.Ignored) continue;
            if (Categorise(observation, parts, log) is not { } value) continue;
            if (state == ResultState.Final) readings.Add((observation.Reference, observation.Date, value));
            else log.Evidence($"pdl1:{value}", observation.Reference, observation.Date, confirmed: false);
        }
        if (readings.Count == 0) return ProfileValues.Unknown;

        var newestDate = readings.Max(r => r.Date);
        var newest = readings.Where(r => r.Date == newestDate).ToList();
        var values = newest.Select(r => r.Value).Distinct().OrderBy(v => v == ProfileValues.Positive ? 0 : 1).ToList();
        if (values.Count > 1)
            log.Warn(newest.Select(r => r.Reference).Order(StringComparer.Ordinal).First(), "contradictory PD-L1 results on the same date; positive used");
        foreach (var r in newest.Where(r => r.Value == values[0]))
            log.Evidence($"pdl1:{values[0]}", r.Reference, r.Date);
        return values[0];
    }

    private static string? Categorise(ObservationRecord observation, IReadOnlyList<ResultPart> parts, ExtractionLog log)
    {
        foreach (var part in parts)
        {
            var answer = ValueAnswers.FromValue(part.Value, observation.Reference, log);
            if (answer == Answer.None) answer = ValueAnswers.FromInterpretation(part.Interpretations, part.InterpretationText);
            if (answer == Answer.None) answer = ValueAnswers.FromHighLow(part.Interpretations);
            if (answer is Answer.Positive) return ProfileValues.Positive;
            if (answer is Answer.Negative) return ProfileValues.Negative;
        }

        // Parts are per code; the score type is named by the test code, component text or unit.
        var labels = string.Join(" ", observation.Codes.Select(c => c.Display).Append(observation.CodeText)
            .Concat(observation.Components.SelectMany(c => c.Codes.Select(x => x.Display).Append(c.CodeText))).OfType<string>());
        foreach (var component in observation.Components)
        {
            if (ComparedNumber.FromValue(component.Value) is not { } n) continue;
            var text = string.Join(" ", component.Codes.Select(c => c.Display).Append(component.CodeText).Append(component.Value?.Unit).OfType<string>());
            if (Cps().IsMatch(text)) return FromCps(n.Number);
        }
        foreach (var part in parts)
        {
            if (ComparedNumber.FromValue(part.Value) is not { } n) continue;
            var unit = n.Unit ?? "";
            if (part.Kind == MarkerCodes.Pdl1 && (Cps().IsMatch(unit) || (!part.IsComponent && Cps().IsMatch(labels) && !Tps().IsMatch(labels))))
                return FromCps(n.Number);
            log.Warn(observation.Reference, part.Kind == MarkerCodes.Pdl1TumourCells || Tps().IsMatch(labels)
                ? "PD-L1 TPS or IC score has no profile cut-off (rule 13)"
                : "PD-L1 number is not labelled as a combined positive score (rule 13)");
            return null;
        }
        return null;
    }

    private static string FromCps(ComparedNumber n) => n.AtLeast(CpsCutoff) ? ProfileValues.Positive : ProfileValues.Negative;

    [GeneratedRegex(@"\bCPS\b|combined positive score", RegexOptions.IgnoreCase)] private static partial Regex Cps();
    [GeneratedRegex(@"\bTPS\b|tumou?r proportion|\bIC\b|immune cell", RegexOptions.IgnoreCase)] private static partial Regex Tps();
}
