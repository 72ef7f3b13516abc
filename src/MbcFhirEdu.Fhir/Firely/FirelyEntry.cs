using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Firely;

/// <summary>
/// One resource read by <see cref="FirelyJson"/>: the POCO, its Bundle entry's fullUrl (if any), its reference
/// ("Type/id", else the fullUrl, else a positional label) and the issues Firely reported for it, as warnings.
/// </summary>
public sealed record FirelyEntry(string Reference, Resource Resource, string? FullUrl, IReadOnlyList<string> Warnings);
