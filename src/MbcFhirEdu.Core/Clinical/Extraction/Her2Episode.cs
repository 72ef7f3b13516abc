namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Rule 4: HER2 results within 60 days of each other form one test episode. The window is anchored on the
/// episode's first result (not chained), so monthly retests cannot stretch one episode across years.
/// </summary>
internal sealed record Her2Episode(DateOnly? Date, string Category, IReadOnlyList<Her2Reading> Deciding)
{
    public const int WindowDays = 60;

    /// <summary>Episodes oldest first; undated results first of all, as one episode.</summary>
    public static IReadOnlyList<IReadOnlyList<Her2Reading>> Split(IReadOnlyList<Her2Reading> readings)
    {
        var episodes = new List<IReadOnlyList<Her2Reading>>();
        List<Her2Reading>? undated = null;
        var dated = new List<Her2Reading>(readings.Count);
        var keys = new List<long>(readings.Count);
        foreach (var r in readings)
        {
            if (r.Date is not { } date) (undated ??= []).Add(r);
            else
            {
                // Date, then position: a stable sort by date, as OrderBy was.
                keys.Add(((long)date.DayNumber << 32) | (uint)dated.Count);
                dated.Add(r);
            }
        }
        if (undated is not null) episodes.Add(undated);
        var sorted = dated.ToArray();
        Array.Sort(keys.ToArray(), sorted);
        List<Her2Reading>? current = null;
        DateOnly anchor = default;
        foreach (var r in sorted)
        {
            if (current is null || r.Date!.Value.DayNumber - anchor.DayNumber > WindowDays)
            {
                current = [];
                episodes.Add(current);
                anchor = r.Date!.Value;
            }
            current.Add(r);
        }
        return episodes;
    }

    /// <summary>
    /// Inside an episode ISH decides IHC 2+, and a score or ISH result beats a bare interpretation.
    /// IHC 3+ or ISH amplified is positive; discordant pairs are kept but reported.
    /// </summary>
    public static Her2Episode Resolve(IReadOnlyList<Her2Reading> episode, ExtractionLog log)
    {
        var date = Newest(episode);
        List<Her2Reading>? scores = null, ish = null;
        foreach (var r in episode)
        {
            if (r.Score is not null) (scores ??= []).Add(r);
            if (r.Amplified is not null) (ish ??= []).Add(r);
        }
        if (scores is null && ish is null)
            return ResolveBare(episode, date, log);

        var score = Newest(scores, ScoreValue, log, "HER2 IHC scores differ");
        var amplified = Newest(ish, IshValue, log, "HER2 ISH results differ");
        var deciding = new List<Her2Reading>();
        if (score is not null) deciding.Add(score);
        if (amplified is not null) deciding.Add(amplified);
        var s = score?.Score;
        var a = amplified?.Amplified;
        if ((s == 3 && a == false) || (s is 0 or 1 && a == true))
        {
            var refs = string.Join(", ", deciding.Select(r => r.Reference).Order(StringComparer.Ordinal));
            log.Warn(deciding[0].Reference, $"HER2 IHC {s}+ and ISH {(a == true ? "amplified" : "not amplified")} disagree ({refs}); positive used");
        }

        string category = (s, a) switch
        {
            (3, _) or (_, true) => ProfileValues.Positive,
            (2, false) => ProfileValues.Low,
            (2, null) => ProfileValues.Equivocal,
            (1, _) => ProfileValues.Low,
            (0, _) when score!.Ultralow => ProfileValues.Ultralow,
            (0, _) => ProfileValues.Zero,
            _ => ProfileValues.Negative, // ISH not amplified and no score
        };
        if (s == 2 && a is null) deciding.RemoveAll(r => r.Amplified is not null);
        return new Her2Episode(date, category, deciding);
    }

    private static Her2Episode ResolveBare(IReadOnlyList<Her2Reading> episode, DateOnly? date, ExtractionLog log)
    {
        var newestDate = Newest(episode);
        var newest = episode.Where(r => r.Date == newestDate).ToList();
        var categories = newest.Select(r => r.Bare!).Distinct().OrderBy(Rank).ToList();
        if (categories.Count > 1)
            log.Warn(newest.Select(r => r.Reference).Order(StringComparer.Ordinal).First(),
                $"contradictory HER2 results on {newestDate?.ToString("yyyy-MM-dd") ?? "an unknown date"}; {categories[0]} used");
        return new Her2Episode(date, categories[0], [.. newest.Where(r => r.Bare == categories[0])]);
    }

    /// <summary>
    /// The newest reading; on a tie the highest value (3+ over 2+, amplified over not), then the first reference
    /// (ordinal), then the first in the list; a warning when the values differ. One pass, no sorting.
    /// </summary>
    private static Her2Reading? Newest(List<Her2Reading>? readings, Func<Her2Reading, int> value, ExtractionLog log, string message)
    {
        if (readings is null) return null;
        var best = readings[0];
        var bestValue = value(best);
        var firstValue = bestValue;
        var differ = false;
        var firstReference = best.Reference;
        for (var i = 1; i < readings.Count; i++)
        {
            var r = readings[i];
            var v = value(r);
            differ |= v != firstValue;
            if (string.CompareOrdinal(r.Reference, firstReference) < 0) firstReference = r.Reference;
            var order = (r.Date ?? DateOnly.MinValue).CompareTo(best.Date ?? DateOnly.MinValue);
            if (order == 0) order = v.CompareTo(bestValue);
            if (order == 0) order = string.CompareOrdinal(best.Reference, r.Reference);
            if (order > 0) (best, bestValue) = (r, v);
        }
        if (differ)
            log.Warn(firstReference, $"{message} within one episode");
        return best;
    }

    private static int ScoreValue(Her2Reading r) => r.Score!.Value;

    private static int IshValue(Her2Reading r) => r.Amplified!.Value ? 1 : 0;

    /// <summary>The newest date of an episode (null only when every reading is undated), as <c>Max(r => r.Date)</c>.</summary>
    private static DateOnly? Newest(IReadOnlyList<Her2Reading> episode)
    {
        DateOnly? newest = null;
        foreach (var r in episode)
        {
            if (r.Date is { } d && (newest is null || d > newest.Value)) newest = d;
        }
        return newest;
    }

    private static int Rank(string bare) => bare switch
    {
        ProfileValues.Positive => 0,
        ProfileValues.Equivocal => 1,
        ProfileValues.Low => 2,
        ProfileValues.Ultralow => 3,
        ProfileValues.Zero => 4,
        _ => 5,
    };
}
