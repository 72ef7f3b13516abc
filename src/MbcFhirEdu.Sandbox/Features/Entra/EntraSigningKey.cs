using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>The Entra-shaped issuer's own RSA key (<c>Sandbox:Entra:SigningKeyFile</c>), distinct from the SMART
/// sandbox's, so a token of one is never accepted as a token of the other.</summary>
internal sealed class EntraSigningKey(IOptions<SandboxEntraOptions> options, ILogger<EntraSigningKey> logger) : IDisposable
{
    public SandboxSigningKey Key { get; } = SandboxSigningKey.Create(options.Value.SigningKeyFile, logger);

    public void Dispose() => Key.Dispose();
}
