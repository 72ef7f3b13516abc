using System.Security.Claims;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>The signed-in coordinator, from the Entra ID token's claims: object id (the audit actor), tenant and display name.</summary>
public sealed record ConsoleUser(string ObjectId, string TenantId, string? Name)
{
    public const string ObjectIdClaim = "oid";
    public const string TenantIdClaim = "tid";
    public const string RolesClaim = "roles";
    // The same claims under the names a token handler that maps inbound claims gives them.
    private const string LongObjectId = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string LongTenantId = "http://schemas.microsoft.com/identity/claims/tenantid";
    private const string ItemKey = "mbcedu.console.user";

    /// <summary>The user the console's access filter admitted for this request.</summary>
    public static ConsoleUser Of(HttpContext context) => (ConsoleUser)context.Items[ItemKey]!;

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    internal static ConsoleUser? From(ClaimsPrincipal principal)
    {
        var oid = principal.FindFirst(ObjectIdClaim)?.Value ?? principal.FindFirst(LongObjectId)?.Value;
        var tid = TenantOf(principal);
        if (string.IsNullOrWhiteSpace(oid) || string.IsNullOrWhiteSpace(tid)) return null;
        var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value;
        return new ConsoleUser(oid, tid, name is { Length: > 200 } ? name[..200] : name);
    }

    internal static string? TenantOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst(TenantIdClaim)?.Value ?? principal?.FindFirst(LongTenantId)?.Value;

    /// <summary>Whether the sign-in carried the app role (<c>roles</c>, or the mapped role claim).</summary>
    internal static bool HasRole(ClaimsPrincipal principal, string role) =>
        principal.HasClaim(RolesClaim, role) || principal.HasClaim(ClaimTypes.Role, role);

    // The name is the person's: it never reaches a log through ToString.
    public override string ToString() => $"ConsoleUser {{ ObjectId = {ObjectId} }}";
}
