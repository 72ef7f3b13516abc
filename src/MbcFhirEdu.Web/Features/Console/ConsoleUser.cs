using System.Security.Claims;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>The signed-in coordinator, from the Entra ID token's claims: object id (the audit actor), tenant and display name.</summary>
public sealed record ConsoleUser(string ObjectId, string TenantId, string? Name)
{
    public const string ObjectIdClaim = "oid";
    public const string TenantIdClaim = "tid";
    public const string RolesClaim = "roles";
    private const string ItemKey = "mbcedu.console.user";

    /// <summary>The user the console's access filter admitted for this request.</summary>
    public static ConsoleUser Of(HttpContext context) => (ConsoleUser)context.Items[ItemKey]!;

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    internal static ConsoleUser? From(ClaimsPrincipal principal)
    {
        var oid = principal.FindFirst(ObjectIdClaim)?.Value;
        var tid = principal.FindFirst(TenantIdClaim)?.Value;
        if (string.IsNullOrWhiteSpace(oid) || string.IsNullOrWhiteSpace(tid)) return null;
        var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value;
        return new ConsoleUser(oid, tid, name is { Length: > 200 } ? name[..200] : name);
    }

    // The name is the person's: it never reaches a log through ToString.
    public override string ToString() => $"ConsoleUser {{ ObjectId = {ObjectId} }}";
}
