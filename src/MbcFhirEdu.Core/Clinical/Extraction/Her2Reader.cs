using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// HER2 (CODES.md "Derived categories", rules 4 and 6). Final results are grouped into test episodes; the
/// newest episode decides. Undated results form one episode older than every dated one.
/// </summary>
internal static class Her2Reader
{
    private static readonly string[] Priority =
        [MarkerCodes.Her2IshRatio, MarkerCodes.Her2IshCopies, MarkerCodes.Her2Ish, MarkerCodes.Her2Ihc, MarkerCodes.Her2Interpretation];

    public static MarkerOutcome Read(ObservationIndex index, ExtractionLog log)
    {
        var readings = new List<Her2Reading>();
        var parts = new List<ResultPart>(1);
        foreach (var observation in index.Her2)
        {
            ResultParts.Of(observation, MarkerCodes.IsHer2, Priority, index, log, parts);
            if (parts.Count == 0) continue;
            var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
            if (state == ResultState.Ignored) continue;
            foreach (var part in parts)
            {
                if (Her2PartReader.Read(observation, part, log) is not { } reading) continue;
                if (state == ResultState.Final)
                {
                    readings.Add(reading);
                    continue;
                }
                var alone = Her2Episode.Resolve([reading], log);
                log.Evidence($"her2:{alone.Category}", reading.Reference, reading.Date, confirmed: false);
            }
        }
        if (readings.Count == 0) return MarkerOutcome.Unknown;

        var episodes = Her2Episode.Split(readings).Select(e => Her2Episode.Resolve(e, log)).ToList();
        var newest = episodes[^1];
        var fact = $"her2:{newest.Category}";
        foreach (var r in newest.Deciding)
            log.Evidence(fact, r.Reference, r.Date);

        // Rule 6: positive <-> not positive across dated episodes; equivocal says neither, low <-> zero is no change.
        var dated = episodes.Where(e => e.Date is not null && e.Category != ProfileValues.Equivocal).ToList();
        var lastPositive = dated.LastOrDefault(e => e.Category == ProfileValues.Positive);
        var lastOther = dated.LastOrDefault(e => e.Category != ProfileValues.Positive);
        var changed = lastPositive is not null && lastOther is not null;
        if (changed)
        {
            foreach (var r in lastPositive!.Deciding.Concat(lastOther!.Deciding))
                log.Evidence("receptor-change:her2", r.Reference, r.Date);
        }
        return new MarkerOutcome(newest.Category, changed, [.. newest.Deciding.Select(r => r.Reference)]);
    }
}
