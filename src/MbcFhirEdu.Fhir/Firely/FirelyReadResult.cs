using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Firely;

/// <summary>The resources of one input in input order (nested Bundles depth-first), or the error that stopped the read.</summary>
public sealed record FirelyReadResult(IReadOnlyList<FirelyEntry> Entries, FhirReadError? Error)
{
    public bool Succeeded => Error is null;
}
