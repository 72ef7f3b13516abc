using System.Collections.Frozen;
using MbcFhirEdu.Sandbox.Features.Auth;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Whether a token may perform one interaction on one resource type, and within which patient.</summary>
/// <param name="CompartmentPatientId">Set when only patient-level access was granted: every result must belong to this patient.</param>
/// <param name="Scopes">The scopes that grant the interaction (their v2 query constraints still apply).</param>
internal sealed record AccessDecision(string? Denied, string? CompartmentPatientId, IReadOnlyList<ResourceScope> Scopes)
{
    /// <summary>Types whose resources belong to one patient (FHIR Patient compartment, as far as this sandbox serves).</summary>
    public static readonly FrozenSet<string> PatientCompartmentTypes =
        new[] { "Patient", "Condition", "Observation", "DiagnosticReport", "Communication" }.ToFrozenSet(StringComparer.Ordinal);

    /// <param name="permission">A SMART v2 permission: c, r, u, d or s.</param>
    public static AccessDecision Decide(FhirAccess access, string resourceType, char permission)
    {
        var scopes = access.Scopes.Where(s => s.AppliesTo(resourceType) && s.Allows(permission)).ToList();
        if (scopes.Count == 0) return Deny($"no granted scope allows '{permission}' on {resourceType}");
        var unrestricted = scopes.Where(s => s.Context == ScopeContext.System || (s.Context == ScopeContext.User && access.UserPatientId is null)).ToList();
        if (unrestricted.Count > 0) return new AccessDecision(null, null, unrestricted);
        var patient = scopes.Any(s => s.Context == ScopeContext.Patient) ? access.PatientId : access.UserPatientId;
        return patient is null
            ? Deny("patient-level scopes need a patient in the launch context")
            : new AccessDecision(null, patient, scopes);
    }

    /// <summary>Whether one resource is inside the granted compartment and satisfies a scope's constraint.</summary>
    public string? CheckResource(StoredResource resource)
    {
        if (CompartmentPatientId is { } patient && PatientCompartmentTypes.Contains(resource.ResourceType) && resource.PatientId != patient)
            return "the token's patient context does not cover this resource";
        return Scopes.Any(s => s.Query is null || SearchParameters.MatchesConstraint(resource, s.Query))
            ? null
            : "the granted scope's constraint does not cover this resource";
    }

    /// <summary>A constrained scope (e.g. <c>?category=laboratory</c>) allows a search only when the search repeats the constraint.</summary>
    public string? CheckSearch(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        Scopes.Any(s => s.Query is null || SearchParameters.ParseQuery(s.Query).All(parameters.Contains))
            ? null
            : "the search must include the constraint of the granted scope";

    private static AccessDecision Deny(string reason) => new(reason, null, []);
}
