using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// The Observations sorted, in one pass, into what each reader looks at: tests of each marker family (named by
/// the Observation's own code or a component's), stage groups and M categories, sites of metastasis,
/// HistoryOfMetastaticCancer assertions and variant tests. An Observation goes into every bucket it fits, and
/// input order is kept within each. A reader given its bucket sees exactly the Observations its own test would
/// have let through, so nothing is lost; it only stops walking the rest of the chart.
/// </summary>
internal sealed class ObservationIndex
{
    private readonly List<ObservationRecord> er = [], pr = [], her2 = [], pdl1 = [];
    private readonly List<ObservationRecord> stage = [], spread = [], history = [], variants = [];
    private readonly IdentityMemo<IReadOnlyList<Code>, IReadOnlyList<string>> markerTests = new(MarkerCodes.Tests.FindAll);

    public ObservationIndex(IReadOnlyList<ObservationRecord> observations)
    {
        var kinds = new IdentityMemo<IReadOnlyList<Code>, Kind>(KindOf);
        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            var kind = kinds[observation.Codes];
            var components = observation.Components;
            for (var c = 0; c < components.Count; c++) kind |= kinds[components[c].Codes] & Kind.Markers;
            if (kind == Kind.None) continue;
            if (kind.HasFlag(Kind.Er)) er.Add(observation);
            if (kind.HasFlag(Kind.Pr)) pr.Add(observation);
            if (kind.HasFlag(Kind.Her2)) her2.Add(observation);
            if (kind.HasFlag(Kind.Pdl1)) pdl1.Add(observation);
            if (kind.HasFlag(Kind.Stage)) stage.Add(observation);
            if ((kind & (Kind.SiteOfMetastasis | Kind.History)) != 0) spread.Add(observation);
            if (kind.HasFlag(Kind.History)) history.Add(observation);
            if (kind.HasFlag(Kind.Variant)) variants.Add(observation);
        }
    }

    public IReadOnlyList<ObservationRecord> Er => er;
    public IReadOnlyList<ObservationRecord> Pr => pr;
    public IReadOnlyList<ObservationRecord> Her2 => her2;
    public IReadOnlyList<ObservationRecord> Pdl1 => pdl1;
    /// <summary>Stage group or M category codes (<see cref="StageReader"/>).</summary>
    public IReadOnlyList<ObservationRecord> Stage => stage;
    /// <summary>Site-of-metastasis or history codes (<see cref="ObservationSiteFinder"/>).</summary>
    public IReadOnlyList<ObservationRecord> Spread => spread;
    /// <summary>HistoryOfMetastaticCancer, coded or by display (<see cref="ObservationSiteFinder.IsHistory"/>).</summary>
    public IReadOnlyList<ObservationRecord> History => history;
    /// <summary>Variant assessments and germline tests (<see cref="VariantReader"/>).</summary>
    public IReadOnlyList<ObservationRecord> Variants => variants;

    /// <summary><c>MarkerCodes.Tests.FindAll(codes)</c>, remembered per list: the marker readers ask it of every part.</summary>
    public IReadOnlyList<string> MarkerTests(IReadOnlyList<Code> codes) => markerTests[codes];

    [Flags]
    private enum Kind
    {
        None = 0,
        Er = 1, Pr = 2, Her2 = 4, Pdl1 = 8,
        Markers = Er | Pr | Her2 | Pdl1,
        Stage = 16, SiteOfMetastasis = 32, History = 64, Variant = 128,
    }

    private Kind KindOf(IReadOnlyList<Code> codes)
    {
        var kind = Kind.None;
        foreach (var meaning in MarkerTests(codes))
        {
            if (MarkerCodes.IsEr(meaning)) kind |= Kind.Er;
            else if (MarkerCodes.IsPr(meaning)) kind |= Kind.Pr;
            else if (MarkerCodes.IsHer2(meaning)) kind |= Kind.Her2;
            else if (MarkerCodes.IsPdl1(meaning)) kind |= Kind.Pdl1;
        }
        if (StageCodes.StageGroupObservations.ContainsAny(codes) || StageCodes.MCategoryObservations.ContainsAny(codes)) kind |= Kind.Stage;
        if (MetastasisCodes.SiteObservations.ContainsAny(codes)) kind |= Kind.SiteOfMetastasis;
        if (ObservationSiteFinder.IsHistory(codes, out _)) kind |= Kind.History;
        if (GeneCodes.Observations.FindFirst(codes) is not null) kind |= Kind.Variant;
        return kind;
    }
}
