using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>Looks up tenants, apps and users of <see cref="SandboxEntraOptions"/>.</summary>
internal sealed class EntraDirectory(IOptions<SandboxEntraOptions> options)
{
    public SandboxEntraOptions Options => options.Value;

    /// <summary>The configured tenant or one of the other tenants (ordinal, as ids are case-sensitive in issuers).</summary>
    public bool IsTenant(string tenant) =>
        Options.IsEnabled && (tenant == Options.TenantId || Options.OtherTenantIds.Contains(tenant, StringComparer.Ordinal));

    public SandboxEntraApp? App(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? null : Options.Apps.Values.FirstOrDefault(a => a.ClientId == clientId);

    /// <summary>The API a scope names: <c>{AppIdUri or ClientId}/{scope}</c>; returns the API and the bare scope.</summary>
    public (SandboxEntraApp Api, string Scope)? Resource(string scope)
    {
        var slash = scope.LastIndexOf('/');
        if (slash <= 0 || slash == scope.Length - 1) return null;
        var resource = scope[..slash];
        var api = Options.Apps.Values.FirstOrDefault(a =>
            string.Equals(a.AppIdUri, resource, StringComparison.Ordinal) || a.ClientId == resource || "api://" + a.ClientId == resource);
        return api is null ? null : (api, scope[(slash + 1)..]);
    }

    /// <summary>A user by <c>login_hint</c>: the sign-in name (case-insensitive) or the object id.</summary>
    public SandboxEntraUser? User(string? hint) =>
        string.IsNullOrWhiteSpace(hint) ? null : Options.Users.Values.FirstOrDefault(u =>
            string.Equals(u.Username, hint, StringComparison.OrdinalIgnoreCase) || u.Oid == hint);

    public SandboxEntraUser? UserByOid(string oid) => Options.Users.Values.FirstOrDefault(u => u.Oid == oid);

    /// <summary>The roles a token for <paramref name="target"/> carries: those it defines (all, when it defines none).</summary>
    public static string[] RolesFor(SandboxEntraApp target, IEnumerable<string> assigned) =>
        [.. assigned.Where(r => target.AppRoles.Count == 0 || target.AppRoles.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
}
