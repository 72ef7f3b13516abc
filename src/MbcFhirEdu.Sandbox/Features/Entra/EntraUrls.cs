using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>The addresses of one tenant, laid out as Entra ID lays them out under its instance
/// (<c>{instance}/{tenant}/v2.0</c>, <c>/oauth2/v2.0/*</c>, <c>/discovery/v2.0/keys</c>); the instance is <c>{sandbox}/entra</c>.</summary>
internal sealed record EntraUrls(string Instance, string Tenant)
{
    public const string Segment = "/entra";

    public string Issuer => $"{Instance}/{Tenant}/v2.0";
    public string Metadata => Issuer + "/.well-known/openid-configuration";
    public string Authorize => $"{Instance}/{Tenant}/oauth2/v2.0/authorize";
    public string Token => $"{Instance}/{Tenant}/oauth2/v2.0/token";
    public string Logout => $"{Instance}/{Tenant}/oauth2/v2.0/logout";
    public string Keys => $"{Instance}/{Tenant}/discovery/v2.0/keys";

    public static EntraUrls From(HttpContext context, string tenant) => new(SandboxUrls.From(context).Root + Segment, tenant);
}
