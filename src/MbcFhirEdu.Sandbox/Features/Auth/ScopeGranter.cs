using System.Collections.Frozen;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Grants what was asked within what the client is registered for: a requested scope may come back
/// narrower (fewer permissions or a single resource type) or not at all.</summary>
internal static class ScopeGranter
{
    /// <summary>Non-resource scopes the sandbox understands (SMART App Launch 2.2 §"Scopes").</summary>
    private static readonly FrozenSet<string> Known =
        new[] { "openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access" }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> Split(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <param name="requested">Scopes the app asked for.</param>
    /// <param name="allowed">Scopes the client is registered for.</param>
    /// <param name="contexts">Which resource-scope contexts this grant type may carry.</param>
    public static List<string> Grant(IEnumerable<string> requested, IReadOnlyList<string> allowed, params ScopeContext[] contexts)
    {
        var allowedResource = allowed.Select(ResourceScope.Parse).OfType<ResourceScope>().ToList();
        var granted = new List<string>();
        foreach (var scope in requested)
        {
            if (Known.Contains(scope))
            {
                if (allowed.Contains(scope, StringComparer.Ordinal)) granted.Add(scope);
                continue;
            }
            if (ResourceScope.Parse(scope) is not { } asked || !contexts.Contains(asked.Context)) continue;
            foreach (var registration in allowedResource)
                if (asked.Intersect(registration) is { } result) granted.Add(result.ToString());
        }
        if (granted.Contains("offline_access")) granted.Remove("online_access");
        return granted.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<ResourceScope> ResourceScopes(IEnumerable<string> scopes) =>
        scopes.Select(ResourceScope.Parse).OfType<ResourceScope>().ToList();
}
