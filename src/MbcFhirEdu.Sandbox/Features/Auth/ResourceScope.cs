namespace MbcFhirEdu.Sandbox.Features.Auth;

internal enum ScopeContext { Patient, User, System }

/// <summary>A clinical-data scope, SMART App Launch 2.2 §"Scopes for requesting clinical data":
/// v2 <c>patient/Observation.rs?category=laboratory</c> or v1 <c>patient/Observation.read</c>.</summary>
/// <param name="Permissions">A subsequence of <c>cruds</c>.</param>
/// <param name="Query">v2 granular constraint, e.g. <c>category=laboratory</c>; null when none.</param>
internal sealed record ResourceScope(ScopeContext Context, string ResourceType, string Permissions, string? Query, bool IsV1)
{
    private const string AllPermissions = "cruds";

    public static ResourceScope? Parse(string scope)
    {
        if (scope.Length == 0) return null;
        var slash = scope.IndexOf('/');
        var dot = scope.LastIndexOf('.', scope.IndexOf('?') is var q and >= 0 ? q : scope.Length - 1);
        if (slash <= 0 || dot <= slash + 1) return null;
        ScopeContext? context = scope[..slash] switch
        {
            "patient" => ScopeContext.Patient,
            "user" => ScopeContext.User,
            "system" => ScopeContext.System,
            _ => null,
        };
        var type = scope[(slash + 1)..dot];
        if (context is null || !(type == "*" || IsResourceType(type))) return null;
        var rest = scope[(dot + 1)..];
        string? query = null;
        if (rest.IndexOf('?') is var qi and >= 0)
        {
            query = rest[(qi + 1)..];
            rest = rest[..qi];
            if (query.Length == 0) return null;
        }
        var (permissions, isV1) = rest switch
        {
            "read" => ("rs", true),
            "write" => ("cud", true),
            "*" => (AllPermissions, true),
            _ => (rest, false),
        };
        if (!isV1 && !IsOrderedSubset(permissions)) return null;
        if (isV1 && query is not null) return null;
        return new ResourceScope(context.Value, type, permissions, query, isV1);
    }

    public bool Allows(char permission) => Permissions.Contains(permission);

    public bool AppliesTo(string resourceType) => ResourceType == "*" || ResourceType == resourceType;

    /// <summary>What of this (requested) scope the <paramref name="allowed"/> registration permits; null when nothing.</summary>
    public ResourceScope? Intersect(ResourceScope allowed)
    {
        if (Context != allowed.Context) return null;
        var type = ResourceType == "*" ? allowed.ResourceType
            : allowed.AppliesTo(ResourceType) ? ResourceType : null;
        if (type is null) return null;
        var permissions = new string(AllPermissions.Where(p => Allows(p) && allowed.Allows(p)).ToArray());
        if (permissions.Length == 0) return null;
        var query = allowed.Query is null ? Query
            : Query is null || Query == allowed.Query ? allowed.Query : null;
        if (query is null && (Query ?? allowed.Query) is not null) return null;
        var v1 = IsV1 && query is null && permissions is "rs" or "cud" or AllPermissions;
        return new ResourceScope(Context, type, permissions, query, v1);
    }

    public override string ToString()
    {
        var prefix = Context.ToString().ToLowerInvariant() + "/" + ResourceType + ".";
        if (IsV1) return prefix + Permissions switch { "rs" => "read", "cud" => "write", _ => "*" };
        return prefix + Permissions + (Query is null ? "" : "?" + Query);
    }

    private static bool IsResourceType(string type) =>
        type.Length is > 0 and < 64 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter);

    private static bool IsOrderedSubset(string permissions)
    {
        if (permissions.Length == 0) return false;
        var last = -1;
        foreach (var p in permissions)
        {
            var index = AllPermissions.IndexOf(p);
            if (index <= last) return false;
            last = index;
        }
        return true;
    }
}
