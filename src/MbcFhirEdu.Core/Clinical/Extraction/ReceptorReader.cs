using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A final ER or PR result: positive, low or negative.</summary>
internal sealed record ReceptorReading(string Reference, DateOnly? Date, string Category);

/// <summary>The profile value of one marker and whether it flipped over time (rule 6).</summary>
internal sealed record MarkerOutcome(string Value, bool Changed, IReadOnlyList<string> Resources)
{
    public static readonly MarkerOutcome Unknown = new(ProfileValues.Unknown, false, []);
}

/// <summary>
/// ER and PR (CODES.md "Tumour markers", ASCO/CAP 2020): positive above 10 %, low 1-10 %, negative below 1 %.
/// Within one Observation a coded value wins over the interpretation, which wins over a number (rule 8).
/// Across Observations the newest final date wins. Results on the same date that disagree raise a warning
/// and the more positive one is used: IHC's known failure mode is the false negative (cold ischaemia,
/// fixation), so a positive stain is the stronger statement.
/// </summary>
internal static class ReceptorReader
{
    public static MarkerOutcome Read(IReadOnlyList<ObservationRecord> observations, string name, ExtractionLog log)
    {
        Func<string, bool> family = name == "er" ? MarkerCodes.IsEr : MarkerCodes.IsPr;
        string[] priority = name == "er" ? [MarkerCodes.ErPercent, MarkerCodes.Er] : [MarkerCodes.PrPercent, MarkerCodes.Pr];
        var readings = new List<ReceptorReading>();
        foreach (var observation in observations)
        {
            var parts = ResultParts.Of(observation, family, priority, log);
            if (parts.Count == 0) continue;
            var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
            if (state == ResultState.Ignored || Categorise(observation.Reference, parts, name, log) is not { } category) continue;
            if (state == ResultState.Unconfirmed)
                log.Evidence($"{name}:{category}", observation.Reference, observation.Date, confirmed: false);
            else
                readings.Add(new ReceptorReading(observation.Reference, observation.Date, category));
        }
        return Resolve(readings, name, log);
    }

    private static MarkerOutcome Resolve(List<ReceptorReading> readings, string name, ExtractionLog log)
    {
        if (readings.Count == 0) return MarkerOutcome.Unknown;
        var byDate = readings.GroupBy(r => r.Date)
            .Select(g => (Date: g.Key, Readings: g.ToList(), Category: PickSameDate(g.ToList(), name, log)))
            .OrderBy(g => g.Date.HasValue).ThenBy(g => g.Date)
            .ToList();
        var newest = byDate[^1];
        foreach (var r in newest.Readings.Where(r => r.Category == newest.Category))
            log.Evidence($"{name}:{newest.Category}", r.Reference, r.Date);

        // Rule 6: a flip between positive/low and negative across dated results.
        var dated = byDate.Where(g => g.Date.HasValue).ToList();
        var lastPositive = dated.LastOrDefault(g => g.Category != ProfileValues.Negative);
        var lastNegative = dated.LastOrDefault(g => g.Category == ProfileValues.Negative);
        var changed = lastPositive.Readings is not null && lastNegative.Readings is not null;
        if (changed)
        {
            var deciding = lastPositive.Readings!.Where(r => r.Category == lastPositive.Category)
                .Concat(lastNegative.Readings!.Where(r => r.Category == lastNegative.Category));
            foreach (var r in deciding)
                log.Evidence($"receptor-change:{name}", r.Reference, r.Date);
        }
        var resources = newest.Readings.Where(r => r.Category == newest.Category).Select(r => r.Reference).ToList();
        return new MarkerOutcome(newest.Category, changed, resources);
    }

    private static string PickSameDate(List<ReceptorReading> sameDate, string name, ExtractionLog log)
    {
        var categories = sameDate.Select(r => r.Category).Distinct().OrderBy(Rank).ToList();
        if (categories.Count > 1)
        {
            var date = sameDate[0].Date?.ToString("yyyy-MM-dd") ?? "an unknown date";
            var detail = string.Join(", ", sameDate.OrderBy(r => r.Reference, StringComparer.Ordinal).Select(r => $"{r.Reference} {r.Category}"));
            log.Warn(sameDate.Select(r => r.Reference).Order(StringComparer.Ordinal).First(), $"contradictory {name.ToUpperInvariant()} results on {date} ({detail}); {categories[0]} used");
        }
        return categories[0];
    }

    private static int Rank(string category) => category switch
    {
        ProfileValues.Positive => 0,
        ProfileValues.Low => 1,
        _ => 2,
    };

    /// <summary>One Observation's category, or null when it holds no usable result (equivocal, not tested).</summary>
    private static string? Categorise(string reference, IReadOnlyList<ResultPart> parts, string name, ExtractionLog log)
    {
        var coded = parts.Select(p => FromAnswer(ValueAnswers.FromValue(p.Value, reference, log))).OfType<string>().Distinct().OrderBy(Rank).ToList();
        var numbers = parts.Select(Percent).OfType<string>().Distinct().OrderBy(Rank).ToList();
        if (coded.Count > 1)
            log.Warn(reference, $"{name.ToUpperInvariant()} values inside one Observation disagree; {coded[0]} used");
        if (coded.Count > 0)
        {
            if (numbers.Count > 0 && IsNegative(numbers[0]) != IsNegative(coded[0]))
                log.Warn(reference, $"{name.ToUpperInvariant()} coded value {coded[0]} disagrees with its percentage ({numbers[0]}); coded value used (rule 8)");
            return coded[0];
        }
        var interpreted = parts.Select(p => FromAnswer(ValueAnswers.FromInterpretation(p.Interpretations, p.InterpretationText))).OfType<string>().FirstOrDefault();
        return interpreted ?? numbers.FirstOrDefault();
    }

    private static bool IsNegative(string category) => category == ProfileValues.Negative;

    private static string? FromAnswer(Answer answer) => answer switch
    {
        Answer.Positive => ProfileValues.Positive,
        Answer.LowPositive => ProfileValues.Low,
        Answer.Negative => ProfileValues.Negative,
        _ => null,
    };

    /// <summary>A percentage of stained cells, when the unit or the test code says it is one.</summary>
    private static string? Percent(ResultPart part)
    {
        if (ComparedNumber.FromValue(part.Value) is not { } reading) return null;
        var isPercentCode = part.Kind is MarkerCodes.ErPercent or MarkerCodes.PrPercent;
        var unit = reading.Unit ?? "";
        var isPercent = unit.Contains('%') || (isPercentCode && (unit.Length == 0 || unit.Contains("100", StringComparison.Ordinal)));
        if (!isPercent || reading.Number.Value > 100) return null;
        var n = reading.Number;
        if (n.GreaterThan(10)) return ProfileValues.Positive;
        return n.AtLeast(1) ? ProfileValues.Low : ProfileValues.Negative;
    }
}
