using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Reads a client's registered public keys (inline JSON or a file).</summary>
internal static class ClientJwks
{
    public static JsonWebKeySet Load(SandboxClientOptions client)
    {
        var json = !string.IsNullOrWhiteSpace(client.Jwks) ? client.Jwks
            : !string.IsNullOrWhiteSpace(client.JwksFile) ? File.ReadAllText(client.JwksFile)
            : throw new InvalidOperationException("No JWKS registered.");
        return new JsonWebKeySet(json);
    }
}
