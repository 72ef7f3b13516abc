using Hl7.Fhir.Model;
using static MbcFhirEdu.Sandbox.Features.Cohort.CohortResources;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>
/// Applies the advances to one patient's record: new resources (a metastasis, a receptor result, a PD-L1 or PIK3CA
/// result) and a death on the Patient, each with meta.lastUpdated = the advance's time. Changes that no longer make
/// sense (a second death, a fifth site) become a new PD-L1 result, so every advance changes every patient it picks.
/// </summary>
internal static class CohortChanges
{
    public static IEnumerable<Resource> Apply(SandboxCohortOptions options, CohortProfile p, string type, IReadOnlyList<CohortAdvance> advances)
    {
        var deceased = p.Deceased is not null;
        var er = p.Er;
        var sites = p.Sites.Select(s => s.Site.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var advance in advances)
        {
            if (!advance.Changes.TryGetValue(p.Index, out var kind)) continue;
            var id = $"{p.PatientId}-a{advance.Number}";
            var next = CohortCodes.Sites.FirstOrDefault(s => !sites.Contains(s.Key));
            if ((kind == CohortChangeKind.Death && deceased) || (kind == CohortChangeKind.NewMetastaticSite && next is null)) kind = CohortChangeKind.NewPdl1Result;
            switch (kind)
            {
                case CohortChangeKind.Death:
                    deceased = true;
                    break;
                case CohortChangeKind.NewMetastaticSite:
                    sites.Add(next!.Key);
                    if (type == "Condition") yield return Metastasis(id + "-met", p.PatientId, new CohortSite(next, 0, advance.At), advance.At);
                    break;
                case CohortChangeKind.ReceptorChange:
                    er = er == ReceptorStatus.Positive ? ReceptorStatus.Negative : ReceptorStatus.Positive;
                    if (type == "Observation")
                        yield return Marker(id + "-er", p.PatientId, "85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain", er == ReceptorStatus.Positive, advance.At, advance.At);
                    break;
                case CohortChangeKind.NewPdl1Result when type == "Observation":
                    var positive = new CohortRandom(CohortRandom.Mix(options.Seed, p.Index, 100 + advance.Number)).Chance(0.5);
                    yield return Marker(id + "-pdl1", p.PatientId, "83052-1", "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain", positive, advance.At, advance.At);
                    break;
                case CohortChangeKind.NewPik3caResult when type == "Observation":
                    yield return Variant(id + "-pik3ca", p.PatientId, "HGNC:8975", "PIK3CA", true, advance.At, advance.At);
                    break;
            }
        }
    }

    /// <summary>The Patient as of the advances: deceased (and updated) at the first Death change that applied.</summary>
    public static Patient Patient(CohortProfile p, IReadOnlyList<CohortAdvance> advances)
    {
        var patient = CohortRecord.Patient(p);
        if (p.Deceased is not null) return patient;
        foreach (var advance in advances)
            if (advance.Changes.TryGetValue(p.Index, out var kind) && kind == CohortChangeKind.Death)
            {
                patient.Deceased = CohortRandom.DateTime(advance.At);
                patient.Meta = CohortRandom.Meta(advance.At);
                return patient;
            }
        return patient;
    }
}
