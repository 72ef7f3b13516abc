using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// One JSON value as <see cref="FhirJson"/> read it: its resources in input order (a Bundle's entries depth-first), the
/// warnings about it as a whole (a skipped entry, an incomplete searchset), how many resources it held (Bundles and
/// unused types included, as <see cref="FhirReadLimits.MaxResources"/> counts them), or why it is not FHIR.
/// </summary>
internal sealed class FhirJsonValue
{
    public List<ReadEntry> Entries { get; } = [];
    public List<string> Warnings { get; } = [];
    public int Resources { get; set; }
    /// <summary>Why the value is not a FHIR resource, or null.</summary>
    public string? Error { get; private init; }

    public static FhirJsonValue NotFhir(string why) => new() { Error = why };
}

/// <summary>One resource as read: the POCO, its Bundle entry's fullUrl (if any), and Firely's issues about it ("element: message").</summary>
internal sealed record ReadEntry(Resource Resource, string? FullUrl, IReadOnlyList<string> Issues);
