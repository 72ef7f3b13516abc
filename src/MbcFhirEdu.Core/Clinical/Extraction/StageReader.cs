using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A stage group (0-IV) or an M category (M0/M1) from one resource.</summary>
internal sealed record StageFinding(string Reference, DateOnly? Date, string Value, bool FromCondition);

internal sealed record StageOutcome(string Stage, IReadOnlyList<StageFinding> Groups, IReadOnlyList<StageFinding> MCategories)
{
    public IEnumerable<StageFinding> StageIv => Groups.Where(g => g.Value == "IV");
    public IEnumerable<StageFinding> M1 => MCategories.Where(m => m.Value == StageCodes.MetastasisPresent);
}

/// <summary>
/// Stage (CODES.md "Stage"): the newest stage group wins. On the same date an Observation beats
/// Condition.stage.summary (the summary is meant to copy the assessment it references), then the higher
/// group wins. With no stage group at all, M1 means stage IV (AJCC: any T, any N, M1). Groups that differ and
/// M1 beside a lower group are reported in warnings (M0 beside spread is rule 17's one warning, in the extractor).
/// An Observation linked to another primary cancer is not about the breast cancer (rule 12); a stage IV or M1 not
/// linked to the breast primary while another primary cancer is active is of unclear origin (rule 15). A stage
/// read from free text ("cT2 cN1 cM0 – UICC IIB") is marked as text and warned about (rule 19).
/// </summary>
internal static class StageReader
{
    public static StageOutcome Read(ObservationIndex observations, IEnumerable<ConditionRecord> primaries, SpreadOrigins origins, ExtractionLog log)
    {
        var groups = new List<StageFinding>();
        var ms = new List<StageFinding>();
        foreach (var observation in observations.Stage)
        {
            var isGroup = StageCodes.StageGroupObservations.ContainsAny(observation.Codes);
            var isM = StageCodes.MCategoryObservations.ContainsAny(observation.Codes);
            if (!isGroup && !isM) continue;
            if (observation.Value is null or { Kind: ValueKind.Absent }) continue;
            var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
            if (state == ResultState.Ignored) continue;
            var value = isGroup
                ? GroupOf(observation.Reference, observation.Value.Codes, observation.Value.Text, log)
                : StageValueParser.MFrom(observation.Value.Codes, observation.Value.Text);
            if (value is null)
            {
                log.Warn(observation.Reference, $"unrecognised {(isGroup ? "stage group" : "M category")} value {Codes(observation.Value.Codes)}");
                continue;
            }
            var finding = new StageFinding(observation.Reference, observation.Date, value, false);
            if (!Belongs(finding, isGroup, origins, log)) continue;
            if (state == ResultState.Unconfirmed)
                log.Evidence(isGroup ? $"stage:{value}" : "metastatic", observation.Reference, observation.Date, confirmed: false);
            else (isGroup ? groups : ms).Add(finding);
        }

        foreach (var condition in primaries)
        {
            foreach (var stage in condition.Stages)
            {
                if (stage.Summary.Count == 0 && string.IsNullOrWhiteSpace(stage.SummaryText)) continue;
                if (GroupOf(condition.Reference, stage.Summary, stage.SummaryText, log) is { } group)
                    groups.Add(new StageFinding(condition.Reference, ClinicalDates.Of(condition), group, true));
                else
                    log.Warn(condition.Reference, $"unrecognised stage.summary {Codes(stage.Summary)}");
            }
        }
        return Decide(groups, ms, log);
    }

    private static StageOutcome Decide(List<StageFinding> groups, List<StageFinding> ms, ExtractionLog log)
    {
        var distinct = groups.Select(g => g.Value).Distinct().OrderBy(StageValueParser.Order).ToList();
        if (distinct.Count > 1)
            log.Warn(FirstRef(groups), $"stage values disagree ({Describe(groups)})");
        if (ms.Any(m => m.Value == StageCodes.MetastasisPresent) && groups.Any(g => g.Value != "IV"))
            log.Warn(FirstRef(groups), $"M1 disagrees with a stage below IV ({Describe(groups.Where(g => g.Value != "IV").Concat(ms.Where(m => m.Value == StageCodes.MetastasisPresent)))})");

        if (groups.Count > 0)
        {
            var chosen = groups
                .OrderByDescending(g => g.Date ?? DateOnly.MinValue)
                .ThenBy(g => g.FromCondition)
                .ThenByDescending(g => StageValueParser.Order(g.Value))
                .First();
            foreach (var g in groups.Where(g => g.Date == chosen.Date && g.Value == chosen.Value && g.FromCondition == chosen.FromCondition))
                log.Evidence($"stage:{g.Value}", g.Reference, g.Date);
            return new StageOutcome(chosen.Value, groups, ms);
        }
        var m1 = ms.Where(m => m.Value == StageCodes.MetastasisPresent).ToList();
        foreach (var m in m1) log.Evidence("stage:IV", m.Reference, m.Date);
        return new StageOutcome(m1.Count > 0 ? "IV" : ProfileValues.Unknown, groups, ms);
    }

    /// <summary>Rules 12 and 15 for one stage finding: another cancer's stage, or spread of unclear origin, is left out.</summary>
    private static bool Belongs(StageFinding finding, bool isGroup, SpreadOrigins origins, ExtractionLog log)
    {
        var spread = finding.Value is "IV" or StageCodes.MetastasisPresent;
        var what = isGroup ? $"stage {finding.Value}" : finding.Value;
        if (spread) return origins.Counts(finding.Reference, what, log);
        // A stage below IV or an M0 only needs leaving out when it is another cancer's.
        return origins.Of(finding.Reference) != Origin.Other || origins.Counts(finding.Reference, what, log);
    }

    /// <summary>
    /// Codes first; the value's own text next (the whole text a stage, or a "UICC IIB" inside a longer text); a
    /// code's display last. Anything but a code is warned about and its evidence marked as text (rule 19).
    /// </summary>
    private static string? GroupOf(string reference, IReadOnlyList<Code> codes, string? text, ExtractionLog log)
    {
        if (StageValueParser.FromCodes(codes) is { } coded) return coded;
        var whole = StageValueParser.FromText(text);
        if ((whole ?? StageValueParser.FromNarrative(text)) is { } fromText)
        {
            // A stage group inside a longer text: the rest of it (TNM categories, grades) is not used, and is named.
            var rest = whole is null && TextFactRule.Statements(text) is { Count: > 0 } unused ? $"; it also states {string.Join(", ", unused)}, not used" : "";
            log.Warn(reference, codes.Any(c => c.Value.Length > 0)
                ? $"stage {fromText} read from text; code {Codes(codes)} unrecognised{rest}"
                : $"stage {fromText} read from free text, no code{rest}");
            log.FromText(reference, "stage:", "metastatic", "recurrence:");
            return fromText;
        }
        foreach (var display in codes.Select(c => c.Display).OfType<string>())
        {
            if (StageValueParser.FromText(display) is { } fromDisplay)
            {
                log.Warn(reference, $"stage read from the display of unrecognised code {Codes(codes)}");
                log.FromText(reference, "stage:", "metastatic", "recurrence:");
                return fromDisplay;
            }
        }
        return null;
    }

    private static string FirstRef(IEnumerable<StageFinding> findings) =>
        findings.Select(f => f.Reference).Order(StringComparer.Ordinal).FirstOrDefault() ?? "stage";

    private static string Describe(IEnumerable<StageFinding> findings) => string.Join(", ", findings
        .Select(f => $"{f.Reference} {f.Value}{(f.Date is { } d ? " " + d.ToString("yyyy-MM-dd") : "")}")
        .Distinct().Order(StringComparer.Ordinal));

    private static string Codes(IReadOnlyList<Code> codes) =>
        codes.Count == 0 ? "(text only)" : string.Join(",", codes.Select(ValueAnswers.Describe));
}
