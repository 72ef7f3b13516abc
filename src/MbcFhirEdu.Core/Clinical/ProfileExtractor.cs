using MbcFhirEdu.Core.Clinical.Codes;
using MbcFhirEdu.Core.Clinical.Extraction;

namespace MbcFhirEdu.Core.Clinical;

/// <summary>
/// Builds one patient's <see cref="ClinicalProfile"/> from neutral records (CODES.md, rules 1-19; DESIGN.md
/// "mbcedu profile"). Pure and deterministic: no I/O, no clock, no shared state, and the order of the
/// record lists never changes the result. Rules 9 (duplicates) and 12 (subjects) belong to the reader that
/// builds <see cref="PatientData"/>; its problems arrive in <see cref="PatientData.ReadWarnings"/> and lead
/// the profile's warnings. Rule 12's related-primary half (spread of another cancer) is read here, from the links
/// the reader resolved.
/// </summary>
public static class ProfileExtractor
{
    public static ClinicalProfile Extract(PatientData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var log = new ExtractionLog();
        WarnOnDuplicates(data, log);
        // Only the Observations a rule can read go further; population mode skips parsing the others by the same test.
        data = data with { Observations = [.. data.Observations.Where(ObservationRouting.ForOneRecord())] };

        var observations = new ObservationIndex(data.Observations);
        var clues = new ConditionClues();
        var primaries = PrimaryCancerFinder.Find(data.Conditions, clues, log);
        var others = OtherPrimaryFinder.Find(data.Conditions, clues, log);
        var origins = new SpreadOrigins(data, primaries, others);
        var negatives = new List<NegativeFinding>();
        var found = ConditionSiteFinder.Find(data.Conditions, clues, log).Concat(ObservationSiteFinder.Find(observations, data.Reports, log, negatives)).ToList();
        // Rules 12 and 15: spread linked to another cancer, or of unclear origin beside one, is not this cancer's.
        var spread = found.Where(f => origins.Counts(f.Reference, f.Site is null ? "metastasis" : $"metastasis ({f.Site})", log)).ToList();
        foreach (var finding in spread) finding.Log(log);
        var stage = StageReader.Read(observations, primaries.Where(p => p.Confirmed).Select(p => p.Condition), origins, log);

        var confirmedSpread = spread.Where(f => f.Confirmed).ToList();
        var distant = confirmedSpread.Where(f => f.IsDistant).ToList();
        var metastatic = distant.Count > 0 || stage.M1.Any() || stage.StageIv.Any();
        foreach (var s in stage.M1.Concat(stage.StageIv)) log.Evidence("metastatic", s.Reference, s.Date);
        negatives.AddRange(ObservationSiteFinder.Negations(observations));
        negatives.AddRange(stage.MCategories.Where(m => m.Value == StageCodes.MetastasisAbsent).Select(m => new NegativeFinding(m.Reference, m.Date, "M0")));
        NegativeEvidenceRule.Apply(metastatic,
            [.. distant.Select(f => (f.Reference, f.Date, "metastasis")), .. stage.M1.Select(m => (m.Reference, m.Date, "M1")), .. stage.StageIv.Select(g => (g.Reference, g.Date, "stage IV"))],
            negatives, data.Patient.Reference, log);

        var sites = confirmedSpread.Where(f => f.Current && f.Site is not null).Select(f => f.Site!)
            .Distinct().Order(StringComparer.Ordinal).ToList();

        var points = distant.Where(f => f.Date is not null).Select(f => new SpreadPoint(f.Reference, f.Date!.Value, f.DateIsUpperBound))
            .Concat(stage.M1.Concat(stage.StageIv).Where(s => s.Date is not null).Select(s => new SpreadPoint(s.Reference, s.Date!.Value, false)))
            .ToList();
        var recurrence = RecurrenceRule.Decide(metastatic, PrimaryCancerFinder.DiagnosisDate(primaries), points, log);

        ConsistencyRules.Check(data, spread, stage.Stage, recurrence, log);
        var breastCancer = BreastCancerRule.Decide(data, primaries,
            confirmedSpread.Select(f => f.Reference).Concat(stage.Groups.Concat(stage.MCategories).Where(g => !g.FromCondition).Select(g => g.Reference)),
            origins, log);
        if (data.Patient.Deceased) log.Evidence("deceased", data.Patient.Reference, null);

        var er = ReceptorReader.Read(observations, "er", log);
        var pr = ReceptorReader.Read(observations, "pr", log);
        var her2 = Her2Reader.Read(observations, log);
        var subtype = SubtypeRule.Decide(er.Value, pr.Value, her2.Value);
        if (subtype != ProfileValues.Unknown)
        {
            var fact = $"subtype:{subtype}";
            foreach (var resource in er.Resources.Concat(pr.Resources).Concat(her2.Resources))
                log.Evidence(fact, resource, null);
        }
        var variants = VariantReader.Read(observations, log);
        var pdl1 = Pdl1Reader.Read(observations, log);
        var language = LanguageRule.Decide(data.Patient, log);
        UnknownCodeRule.Check(data.Conditions, clues, log);
        TextFactRule.Check(data, observations, log);

        return new ClinicalProfile
        {
            Patient = data.Patient.Reference,
            Metastatic = metastatic,
            Sites = sites,
            Stage = stage.Stage,
            Recurrence = recurrence,
            Er = er.Value,
            Pr = pr.Value,
            Her2 = her2.Value,
            Subtype = subtype,
            Variants = variants,
            Pdl1 = pdl1,
            Language = language,
            ReceptorChange = er.Changed || pr.Changed || her2.Changed,
            BreastCancer = breastCancer,
            Deceased = data.Patient.Deceased,
            Evidence = log.SortedEvidence(),
            Warnings = [.. data.ReadWarnings, .. log.SortedWarnings()],
        };
    }

    /// <summary>Rule 9 is the reader's job; a duplicate that still arrives is read as two records, and said so.</summary>
    private static void WarnOnDuplicates(PatientData data, ExtractionLog log)
    {
        // The FHIR reader hands over each list sorted by reference, every one of its own type: then no reference can
        // repeat, and a walk that checks just that spares hashing them all. Any other input is counted below.
        if (SortedAndDistinct(data.Conditions, static c => c.Reference, "Condition/")
            && SortedAndDistinct(data.Observations, static o => o.Reference, "Observation/")
            && SortedAndDistinct(data.Reports, static r => r.Reference, "DiagnosticReport/")) return;
        // One hash lookup per record; counts are kept only for the (rare) references met twice.
        var seen = new HashSet<string>(data.Conditions.Count + data.Observations.Count + data.Reports.Count, StringComparer.Ordinal);
        Dictionary<string, int>? repeated = null;
        foreach (var condition in data.Conditions) Count(seen, ref repeated, condition.Reference);
        foreach (var observation in data.Observations) Count(seen, ref repeated, observation.Reference);
        foreach (var report in data.Reports) Count(seen, ref repeated, report.Reference);
        if (repeated is null) return;
        foreach (var (reference, count) in repeated) log.Warn(reference, $"appears {count} times; every copy was read");
    }

    // True when every reference starts with the type's prefix and each is ordinally greater than the one before.
    private static bool SortedAndDistinct<T>(IReadOnlyList<T> records, Func<T, string> reference, string prefix)
    {
        string? previous = null;
        for (var i = 0; i < records.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var current = reference(records[i]);
            if (!current.StartsWith(prefix, StringComparison.Ordinal) || (previous is not null && string.CompareOrdinal(previous, current) >= 0))
                return false;
            previous = current;
        }
        return true;
    }

    private static void Count(HashSet<string> seen, ref Dictionary<string, int>? repeated, string reference)
    {
        if (seen.Add(reference)) return;
        repeated ??= new Dictionary<string, int>(StringComparer.Ordinal);
        repeated[reference] = repeated.GetValueOrDefault(reference, 1) + 1;
    }
}
