using System.Globalization;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>
/// Reads a Bulk Data 2.0 kick-off (GET with query parameters): <c>_outputFormat</c>, <c>_type</c>, <c>_since</c>,
/// <c>_typeFilter</c>. Parameters it knows but does not implement are an error with <c>Prefer: handling=strict</c>
/// and a warning in the error file otherwise, as the IG allows.
/// </summary>
internal static class BulkKickOffParser
{
    private static readonly string[] OutputFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];
    private static readonly string[] NotImplemented = ["_elements", "patient", "includeAssociatedData", "_until", "organizeOutputBy", "allowPartialManifests"];
    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static BulkExportSpec? Parse(HttpRequest request, string requestUrl, string? groupId, IReadOnlyList<string> readableTypes, bool strict, out string? error)
    {
        error = null;
        var query = request.Query;
        var warnings = new List<string>();
        if (query.TryGetValue("_outputFormat", out var format) && !OutputFormats.Contains(format.ToString(), StringComparer.Ordinal))
            return Fail($"_outputFormat '{format}' is not supported; use application/fhir+ndjson", out error);

        var types = readableTypes;
        if (query.TryGetValue("_type", out var typeValues))
        {
            var asked = Split(typeValues).Distinct(StringComparer.Ordinal).ToList();
            if (asked.FirstOrDefault(t => !CohortStore.Types.Contains(t)) is { } unknown)
                return Fail($"_type {unknown} is not exported by this server (supported: {string.Join(", ", CohortStore.Types)})", out error);
            types = asked;
        }

        DateTimeOffset? since = null;
        if (query.TryGetValue("_since", out var sinceValue))
        {
            // A '+' offset sent unencoded arrives as a space.
            if (!DateTimeOffset.TryParseExact(sinceValue.ToString().Replace(' ', '+'), InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return Fail($"_since '{sinceValue}' is not a FHIR instant (e.g. 2026-11-30T08:00:00Z)", out error);
            since = parsed;
        }

        var filters = new Dictionary<string, List<BulkTypeFilter>>(StringComparer.Ordinal);
        var unusable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in query.TryGetValue("_typeFilter", out var filterValues) ? Split(filterValues) : [])
        {
            if (TypeFilter(text, out var problem) is not { } filter)
            {
                if (strict) return Fail($"_typeFilter '{text}' cannot be applied: {problem}", out error);
                warnings.Add($"_typeFilter '{text}' was not applied ({problem}); {TypeOf(text)} resources are exported unfiltered");
                unusable.Add(TypeOf(text));
                continue;
            }
            if (!filters.TryGetValue(filter.Type, out var list)) filters[filter.Type] = list = [];
            list.Add(filter);
        }
        // Dropping one alternative of an OR would export less than asked: a type with an unusable filter goes unfiltered.
        foreach (var type in unusable) filters.Remove(type);

        foreach (var name in NotImplemented.Where(query.ContainsKey))
        {
            if (strict) return Fail($"{name} is not supported by this server", out error);
            warnings.Add($"{name} is not supported by this server and was ignored");
        }
        return new BulkExportSpec(requestUrl, groupId, types, since,
            filters.ToDictionary(f => f.Key, f => (IReadOnlyList<BulkTypeFilter>)f.Value, StringComparer.Ordinal), warnings);
    }

    private static BulkTypeFilter? TypeFilter(string text, out string? problem)
    {
        problem = null;
        var question = text.IndexOf('?');
        var type = question < 0 ? text : text[..question];
        if (question <= 0 || question == text.Length - 1) problem = "a filter is Type?search-parameters";
        else if (!CohortStore.Types.Contains(type)) problem = $"{type} is not exported by this server";
        else
        {
            var parameters = SearchParameters.ParseQuery(text[(question + 1)..]);
            if (parameters.FirstOrDefault(p => p.Key.Contains(':', StringComparison.Ordinal) || SearchParameters.Find(type, p.Key) is null) is { Key: not null } bad)
                problem = $"search parameter '{bad.Key}' is not supported on {type} (supported: {string.Join(", ", SearchParameters.ByType[type].Select(p => p.Name))})";
            else return new BulkTypeFilter(type, parameters);
        }
        return null;
    }

    private static string TypeOf(string filter) => filter.IndexOf('?') is var q and > 0 ? filter[..q] : filter;

    private static IEnumerable<string> Split(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static BulkExportSpec? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
