using System.Text.Json;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// A FHIR search across its pages (FHIR R4 §3.1.1 "search", §3.1.1.6 paging): every entry.resource read (standalone
/// JsonElement clones) and every problem met. Pages read before a problem are kept.
/// </summary>
public sealed record FhirSearchResult(IReadOnlyList<JsonElement> Resources, IReadOnlyList<FhirProblem> Problems, int Pages, long Bytes)
{
    /// <summary>Not even the first page could be read.</summary>
    public bool Failed => Pages == 0;

    /// <summary>Every page was read (server warnings aside).</summary>
    public bool Complete => Pages > 0 && Problems.All(p => p.Kind == FhirProblemKind.ServerWarning);
}
