using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

internal enum SearchKind { Id, PatientReference, CodeableConcept, Code, Identifier }

/// <summary>The search parameters the sandbox supports per type (FHIR R4 search, token and reference types).</summary>
internal sealed record SearchParameter(string Name, SearchKind Kind, string Element);

internal static class SearchParameters
{
    private static readonly SearchParameter Id = new("_id", SearchKind.Id, "id");
    private static readonly SearchParameter Patient = new("patient", SearchKind.PatientReference, "subject");
    private static readonly SearchParameter Subject = new("subject", SearchKind.PatientReference, "subject");
    private static readonly SearchParameter Category = new("category", SearchKind.CodeableConcept, "category");
    private static readonly SearchParameter CodeParam = new("code", SearchKind.CodeableConcept, "code");
    private static readonly SearchParameter Status = new("status", SearchKind.Code, "status");
    private static readonly SearchParameter Identifier = new("identifier", SearchKind.Identifier, "identifier");

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<SearchParameter>> ByType = new Dictionary<string, IReadOnlyList<SearchParameter>>(StringComparer.Ordinal)
    {
        ["Patient"] = [Id, Identifier],
        ["Practitioner"] = [Id, Identifier],
        ["Condition"] = [Id, Patient, Subject, Category, CodeParam, new("clinical-status", SearchKind.CodeableConcept, "clinicalStatus")],
        ["Observation"] = [Id, Patient, Subject, Category, CodeParam, Status],
        ["DiagnosticReport"] = [Id, Patient, Subject, Category, CodeParam, Status],
        ["Communication"] = [Id, Patient, Subject, Category, Status, Identifier],
    };

    public static SearchParameter? Find(string resourceType, string name) =>
        ByType.TryGetValue(resourceType, out var list) ? list.FirstOrDefault(p => p.Name == name) : null;

    /// <summary>One parameter value; a comma separates alternatives (OR).</summary>
    public static bool Matches(StoredResource resource, SearchParameter parameter, string value) =>
        value.Split(',').Any(alternative => MatchesOne(resource, parameter, alternative.Trim()));

    /// <summary>A scope constraint such as <c>category=laboratory</c>, applied to a single resource.</summary>
    public static bool MatchesConstraint(StoredResource resource, string query) =>
        ParseQuery(query).All(p => Find(resource.ResourceType, p.Key) is { } parameter && Matches(resource, parameter, p.Value));

    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => KeyValuePair.Create(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""))
            .ToList();

    private static bool MatchesOne(StoredResource resource, SearchParameter parameter, string value)
    {
        if (value.Length == 0) return false;
        switch (parameter.Kind)
        {
            case SearchKind.Id: return resource.Id == value;
            case SearchKind.PatientReference: return resource.PatientId is { } id && FhirReference.PatientId(value) == id;
        }
        if (!resource.Json.TryGetProperty(parameter.Element, out var element)) return false;
        var (system, code) = SplitToken(value);
        return parameter.Kind switch
        {
            SearchKind.Code => system is null or "" && element.ValueKind == JsonValueKind.String && element.GetString() == code,
            SearchKind.Identifier => Items(element).Any(i => TokenMatches(i, "system", "value", system, code)),
            _ => Items(element).Any(concept => concept.TryGetProperty("coding", out var codings)
                && codings.EnumerateArray().Any(coding => TokenMatches(coding, "system", "code", system, code))),
        };
    }

    /// <summary><c>system|code</c>, <c>|code</c> (no system), <c>system|</c> (any code), or <c>code</c> (any system).</summary>
    private static (string? System, string Code) SplitToken(string value)
    {
        var bar = value.IndexOf('|');
        return bar < 0 ? (null, value) : (value[..bar], value[(bar + 1)..]);
    }

    private static bool TokenMatches(JsonElement item, string systemName, string codeName, string? system, string code)
    {
        var actualSystem = item.TryGetProperty(systemName, out var s) ? s.GetString() : null;
        var actualCode = item.TryGetProperty(codeName, out var c) ? c.GetString() : null;
        var systemOk = system is null || (system.Length == 0 ? actualSystem is null : actualSystem == system);
        var codeOk = code.Length == 0 ? system is { Length: > 0 } : actualCode == code;
        return systemOk && codeOk;
    }

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];
}
