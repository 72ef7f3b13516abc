using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The registered clients: <c>Sandbox:Clients</c> plus the default public client <c>mbcedu-dev</c>.</summary>
internal sealed class ClientRegistry
{
    public const string DevelopmentClientId = "mbcedu-dev";

    private readonly Dictionary<string, RegisteredClient> _clients;

    public ClientRegistry(IOptions<SandboxOptions> options)
    {
        _clients = options.Value.Clients.Select(ToRegistered).ToDictionary(c => c.ClientId, StringComparer.Ordinal);
        _clients.TryAdd(DevelopmentClientId, DevelopmentClient());
    }

    public IEnumerable<RegisteredClient> All => _clients.Values;

    public RegisteredClient? Find(string? clientId) =>
        clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    private static RegisteredClient ToRegistered(SandboxClientOptions o) => new(
        o.ClientId,
        o.Type,
        o.ClientSecret,
        o.Type == SandboxClientType.ConfidentialAsymmetric && string.IsNullOrWhiteSpace(o.JwksUrl) ? ClientJwks.Load(o).GetSigningKeys().ToList() : [],
        o.RedirectUris.ToList(),
        o.LaunchUris.ToList(),
        o.Scopes.SelectMany(s => ScopeGranter.Split(s)).ToList(),
        o.Type == SandboxClientType.ConfidentialAsymmetric && !string.IsNullOrWhiteSpace(o.JwksUrl) ? new Uri(o.JwksUrl) : null);

    private static RegisteredClient DevelopmentClient() => new(
        DevelopmentClientId,
        SandboxClientType.Public,
        null,
        [],
        ["http://localhost:5080/callback", "http://127.0.0.1:*/callback", "http://localhost:*/callback"],
        ["http://localhost:5080/launch", "http://127.0.0.1:*/launch", "http://localhost:*/launch"],
        ["openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access",
         "patient/*.cruds", "user/*.cruds"]);
}
