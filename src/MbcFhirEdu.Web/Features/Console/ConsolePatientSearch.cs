using System.Text.Json;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>One patient the search found: the id (for the patient view's address), the banner and the identifiers.</summary>
public sealed record PatientHit(string Id, PatientBanner? Banner, IReadOnlyList<string> Identifiers)
{
    public override string ToString() => $"PatientHit {{ Id = {Id} }}";
}

/// <summary>What a search found: at most <see cref="ConsolePatientSearch.MaxResults"/>, whether there were more, or why it failed.</summary>
public sealed record PatientSearchResult(IReadOnlyList<PatientHit> Hits, bool More, string? Problem);

/// <summary>
/// Patient search through Backend Services: by MRN (FHIR <c>identifier</c>, any system or <c>system|value</c>) or by
/// name (FHIR <c>name</c>, each word the start of a name part). The results are checked against the query here too, so
/// a server that ignores a parameter it does not support (FHIR lenient handling) cannot turn a search into a list of
/// everyone. Bounded: one request of at most 1 MB, <see cref="MaxResults"/> shown.
/// </summary>
internal sealed class ConsolePatientSearch(FhirRestClient client)
{
    public const int MaxResults = 20;
    public const int MaxQueryLength = 100;
    private const long MaxBytes = 1024 * 1024;

    public async Task<PatientSearchResult> SearchAsync(FhirConnection connection, PatientQuery query, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] parameters = query.Mrn is { } mrn
            ? [KeyValuePair.Create("identifier", mrn), KeyValuePair.Create("_count", (MaxResults + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [KeyValuePair.Create("name", query.Name!), KeyValuePair.Create("_count", (MaxResults + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var result = await client.SearchAsync(connection, "Patient", parameters, new FhirLoadBudget(MaxBytes), cancellationToken);
        if (result.Failed)
            return new PatientSearchResult([], false, result.Problems.FirstOrDefault()?.Message ?? "The health record did not answer the search.");
        var hits = result.Resources
            .Where(r => r.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String && t.ValueEquals("Patient"))
            .Select(Hit).OfType<PatientHit>()
            .Where(h => query.Mrn is { } m ? h.Identifiers.Contains(MrnValue(m), StringComparer.Ordinal) : NameMatches(h.Banner?.Name, query.Name!))
            .Take(MaxResults + 1).ToList();
        var more = hits.Count > MaxResults || result.Problems.Any(p => p.Kind == FhirProblemKind.PageLimitReached);
        return new PatientSearchResult(hits.Take(MaxResults).ToList(), more, null);
    }

    private static PatientHit? Hit(JsonElement patient)
    {
        if (!patient.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !FhirPaths.IsValidId(id.GetString())) return null;
        var identifiers = new List<string>();
        if (patient.TryGetProperty("identifier", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var identifier in list.EnumerateArray())
            {
                if (identifier.ValueKind == JsonValueKind.Object && identifier.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String
                    && v.GetString() is { Length: > 0 and <= 64 } value && identifiers.Count < 5)
                    identifiers.Add(value);
            }
        }
        return new PatientHit(id.GetString()!, PatientBanner.Read(patient), identifiers);
    }

    private static string MrnValue(string mrn) => mrn.Contains('|', StringComparison.Ordinal) ? mrn[(mrn.IndexOf('|', StringComparison.Ordinal) + 1)..] : mrn;

    /// <summary>FHIR string search: every word of the query starts a word of the name, ignoring case.</summary>
    internal static bool NameMatches(string? name, string query)
    {
        if (name is null) return false;
        var words = name.Split([' ', ',', '-', '\''], StringSplitOptions.RemoveEmptyEntries);
        return query.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(q => words.Any(w => w.StartsWith(q, StringComparison.OrdinalIgnoreCase)));
    }
}
