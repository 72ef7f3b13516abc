using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>A client as the authorization server sees it after start-up validation.</summary>
internal sealed record RegisteredClient(
    string ClientId,
    SandboxClientType Type,
    string? Secret,
    IReadOnlyList<SecurityKey> SigningKeys,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> LaunchUris,
    IReadOnlyList<string> Scopes,
    Uri? JwksUrl = null)
{
    public bool AcceptsRedirect(string uri) => RedirectUris.Any(p => UriPattern.Matches(p, uri));

    public bool AcceptsLaunch(string uri) => LaunchUris.Any(p => UriPattern.Matches(p, uri));
}
