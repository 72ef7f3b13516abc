using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Firely;

/// <summary>
/// The resources of one input in input order (nested Bundles depth-first), warnings about the input as a whole (e.g. a
/// skipped entry), or the error that stopped the read.
/// </summary>
public sealed record FirelyReadResult(IReadOnlyList<FirelyEntry> Entries, IReadOnlyList<string> Warnings, FhirReadError? Error)
{
    public bool Succeeded => Error is null;
}
