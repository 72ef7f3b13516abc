using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>Which resources an export includes (<c>_since</c>, <c>_typeFilter</c>), and which it cannot export.</summary>
internal static class BulkFilter
{
    /// <summary>True when the resource belongs in the export; <paramref name="problem"/> is set (and the result false)
    /// when it should have been exported but is not valid R4 (the sandbox's deliberately broken records).</summary>
    public static bool Includes(BulkExportSpec spec, Resource resource, out string? problem)
    {
        problem = null;
        if (spec.Since is { } since && resource.Meta?.LastUpdated is { } updated && updated <= since) return false;
        if (spec.Filters.TryGetValue(resource.TypeName, out var filters))
        {
            // Search matching works on the served JSON; only types with a filter pay for it.
            var stored = StoredResource.From(resource);
            if (!filters.Any(f => f.Parameters.All(p => SearchParameters.Matches(stored, SearchParameters.Find(f.Type, p.Key)!, p.Value)))) return false;
        }
        problem = MissingRequired(resource);
        return problem is null;
    }

    /// <summary>The R4 1..1 elements a consumer needs to read the resource at all.</summary>
    private static string? MissingRequired(Resource resource) => resource switch
    {
        Observation { Status: null } => "Observation.status is required (1..1)",
        Observation { Code: null } => "Observation.code is required (1..1)",
        DiagnosticReport { Status: null } => "DiagnosticReport.status is required (1..1)",
        DiagnosticReport { Code: null } => "DiagnosticReport.code is required (1..1)",
        Condition { Subject: null } => "Condition.subject is required (1..1)",
        _ => null,
    };
}
