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
    public static MarkerOutcome Read(ObservationIndex index, string name, ExtractionLog log)
    {
        var observations = name == "er" ? index.Er : index.Pr;
        Func<string, bool> family = name == "er" ? MarkerCodes.IsEr : MarkerCodes.IsPr;
        string[] priority = name == "er" ? [MarkerCodes.ErPercent, MarkerCodes.Er] : [MarkerCodes.PrPercent, MarkerCodes.Pr];
        var readings = new List<ReceptorReading>();
        var parts = new List<ResultPart>(1);
        foreach (var observation in observations)
        {
            ResultParts.Of(observation, family, priority, index, log, parts);
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
        // Grouped by date: undated first, then oldest to newest, input order within a date. The key is the date
        // then the position, so the sort is stable and groups are runs, without a list per date.
        var sorted = readings.ToArray();
        var keys = new long[sorted.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = ((long)(sorted[i].Date is { } d ? d.DayNumber + 1 : 0) << 32) | (uint)i;
        Array.Sort(keys, sorted);

        // Each run's category (PickSameDate warns about contradictions in every run, as before).
        var groups = new List<(int Start, int Length, string Category)>();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end].Date == sorted[start].Date) end++;
            var group = new ArraySegment<ReceptorReading>(sorted, start, end - start);
            groups.Add((start, end - start, PickSameDate(group, name, log)));
            start = end;
        }
        var newest = groups[^1];
        var fact = $"{name}:{newest.Category}";
        foreach (var r in Deciding(sorted, newest))
            log.Evidence(fact, r.Reference, r.Date);

        // Rule 6: a flip between positive/low and negative across dated results.
        (int Start, int Length, string Category)? lastPositive = null, lastNegative = null;
        foreach (var g in groups)
        {
            if (sorted[g.Start].Date is null) continue;
            if (g.Category == ProfileValues.Negative) lastNegative = g;
            else lastPositive = g;
        }
        var changed = lastPositive is not null && lastNegative is not null;
        if (changed)
        {
            var changeFact = $"receptor-change:{name}";
            foreach (var r in Deciding(sorted, lastPositive!.Value).Concat(Deciding(sorted, lastNegative!.Value)))
                log.Evidence(changeFact, r.Reference, r.Date);
        }
        var resources = Deciding(sorted, newest).Select(r => r.Reference).ToList();
        return new MarkerOutcome(newest.Category, changed, resources);
    }

    /// <summary>The readings of one date group that carry the group's category.</summary>
    private static IEnumerable<ReceptorReading> Deciding(ReceptorReading[] sorted, (int Start, int Length, string Category) group) =>
        new ArraySegment<ReceptorReading>(sorted, group.Start, group.Length).Where(r => r.Category == group.Category);

    private static string PickSameDate(ArraySegment<ReceptorReading> sameDate, string name, ExtractionLog log)
    {
        var first = sameDate[0].Category;
        var allSame = true;
        foreach (var r in sameDate) allSame &= r.Category == first;
        if (allSame) return first;
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
        // Categories rank positive < low < negative, so "the best of each kind" is the lowest rank; no LINQ here:
        // this runs for every ER/PR Observation.
        string? coded = null, number = null;
        var disagree = false;
        foreach (var part in parts)
        {
            if (FromAnswer(ValueAnswers.FromValue(part.Value, reference, log)) is not { } category) continue;
            disagree |= coded is not null && coded != category;
            if (coded is null || Rank(category) < Rank(coded)) coded = category;
        }
        foreach (var part in parts)
        {
            if (Percent(part) is { } category && (number is null || Rank(category) < Rank(number))) number = category;
        }
        if (disagree)
            log.Warn(reference, $"{name.ToUpperInvariant()} values inside one Observation disagree; {coded} used");
        if (coded is not null)
        {
            if (number is not null && IsNegative(number) != IsNegative(coded))
                log.Warn(reference, $"{name.ToUpperInvariant()} coded value {coded} disagrees with its percentage ({number}); coded value used (rule 8)");
            return coded;
        }
        foreach (var part in parts)
        {
            if (FromAnswer(ValueAnswers.FromInterpretation(part.Interpretations, part.InterpretationText)) is { } interpreted) return interpreted;
        }
        return number;
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
