namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>What an authorization code stands for until it is redeemed (once) at the token endpoint.</summary>
internal sealed record EntraCodeGrant(
    string Tenant, string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, string? Nonce, string CodeChallenge, string UserOid);
