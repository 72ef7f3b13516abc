using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// The Observations that name a test of each marker family (in their own code or a component's), found in one
/// pass over the record. Each marker reader then looks only at its own family instead of at every Observation;
/// an Observation naming no test of a family yields no <see cref="ResultPart"/> for it, so nothing is lost.
/// Input order is kept.
/// </summary>
internal sealed class MarkerObservations
{
    private readonly List<ObservationRecord> er = [], pr = [], her2 = [], pdl1 = [];

    public MarkerObservations(IReadOnlyList<ObservationRecord> observations)
    {
        foreach (var observation in observations)
        {
            var families = Families(observation.Codes);
            foreach (var component in observation.Components) families |= Families(component.Codes);
            if (families == Family.None) continue;
            if (families.HasFlag(Family.Er)) er.Add(observation);
            if (families.HasFlag(Family.Pr)) pr.Add(observation);
            if (families.HasFlag(Family.Her2)) her2.Add(observation);
            if (families.HasFlag(Family.Pdl1)) pdl1.Add(observation);
        }
    }

    public IReadOnlyList<ObservationRecord> Er => er;
    public IReadOnlyList<ObservationRecord> Pr => pr;
    public IReadOnlyList<ObservationRecord> Her2 => her2;
    public IReadOnlyList<ObservationRecord> Pdl1 => pdl1;

    [Flags]
    private enum Family { None = 0, Er = 1, Pr = 2, Her2 = 4, Pdl1 = 8 }

    private static Family Families(IReadOnlyList<Code> codes)
    {
        var families = Family.None;
        for (var i = 0; i < codes.Count; i++)
        {
            if (MarkerCodes.Tests.Find(codes[i]) is not { } meaning) continue;
            if (MarkerCodes.IsEr(meaning)) families |= Family.Er;
            else if (MarkerCodes.IsPr(meaning)) families |= Family.Pr;
            else if (MarkerCodes.IsHer2(meaning)) families |= Family.Her2;
            else if (MarkerCodes.IsPdl1(meaning)) families |= Family.Pdl1;
        }
        return families;
    }
}
